package th.go.saraban.gateway.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the agency's own receiving server found the letter's sender authentic, from the
 * {@code Authentication-Results} headers (RFC 8601) it wrote. Anyone can write such a header into a
 * message, so only one is believed: the topmost header whose authserv-id is the one configured
 * for our server. Our server adds its header above everything the sender wrote, and RFC 8601 §5
 * requires it to remove or rename headers with its own authserv-id that arrive from outside; a
 * header with another id, or with ours below the topmost one, is ignored. Without a configured id
 * nothing is believed.
 *
 * <p>Several results for one method in the believed header: for DKIM one signature that passes is
 * enough (a message may carry several signatures); for DMARC and SPF anything but a pass wins, so a
 * value smuggled into the header cannot turn a failure into a pass.
 *
 * @param trusted a header from our server was found; the results below are null when it was not,
 *                or when it did not report that method, or with a result word we do not know
 */
public record SenderAuthentication(boolean trusted, Result dmarc, Result spf, Result dkim) {

    public static final SenderAuthentication UNTRUSTED = new SenderAuthentication(false, null, null, null);

    /** The results RFC 8601 §2.7 and RFC 7489 §11.2 define for DMARC, SPF and DKIM. */
    public enum Result {
        PASS, FAIL, NONE, NEUTRAL, SOFTFAIL, TEMPERROR, PERMERROR, POLICY;

        /** {@code hardfail} is RFC 5451's older word for an SPF fail; unknown words give nothing. */
        static Optional<Result> of(String keyword) {
            String word = keyword.toLowerCase(Locale.ROOT);
            if (word.equals("hardfail")) {
                return Optional.of(FAIL);
            }
            for (Result result : values()) {
                if (result.column().equals(word)) {
                    return Optional.of(result);
                }
            }
            return Optional.empty();
        }

        /** As written in the register and in Authentication-Results: lower case. */
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param authenticationResults the header values top to bottom ({@link Letter#authenticationResults()})
     * @param authservId            our receiving server's authserv-id; blank = believe nothing
     */
    public static SenderAuthentication of(List<String> authenticationResults, String authservId) {
        return of(authenticationResults, authservId, null);
    }

    /**
     * As {@link #of(List, String)}, for the letter's sender: a DMARC result whose {@code header.from}
     * names another domain than the sender address the gateway read (a letter with two From
     * addresses, or two From headers) is not about this sender and counts as no result, so that a
     * pass for one address never lets the agency answer another.
     */
    public static SenderAuthentication of(List<String> authenticationResults, String authservId, String senderAddress) {
        if (authservId == null || authservId.isBlank()) {
            return UNTRUSTED;
        }
        String senderDomain = senderAddress == null || senderAddress.lastIndexOf('@') < 0 ? null
                : senderAddress.substring(senderAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        for (String value : authenticationResults) {
            SenderAuthenticationHeader header = SenderAuthenticationHeader.parse(value);
            if (header.authservId().equalsIgnoreCase(authservId.strip())) {
                return new SenderAuthentication(true, strictest(header, "dmarc", senderDomain),
                        strictest(header, "spf", null), anyPass(header, "dkim"));
            }
        }
        return UNTRUSTED;
    }

    public boolean dmarcPassed() {
        return dmarc == Result.PASS;
    }

    public boolean dmarcFailed() {
        return dmarc == Result.FAIL;
    }

    /** For a decision row: what our server said, e.g. {@code dmarc=fail spf=softfail dkim=none}. */
    public String describe() {
        if (!trusted) {
            return "no Authentication-Results header from our receiving server";
        }
        return "dmarc=" + column(dmarc) + " spf=" + column(spf) + " dkim=" + column(dkim);
    }

    private static String column(Result result) {
        return result == null ? "(not reported or not understood)" : result.column();
    }

    private static List<String> words(SenderAuthenticationHeader header, String method) {
        return words(header, method, null);
    }

    /** With a domain: a result whose header.from names another domain becomes an unknown word. */
    private static List<String> words(SenderAuthenticationHeader header, String method, String domain) {
        return header.results().stream().filter(r -> r.method().equals(method))
                .map(r -> {
                    String headerFrom = r.properties().get("header.from");
                    return domain == null || headerFrom == null || headerFrom.equalsIgnoreCase(domain)
                            ? r.result() : "(about " + headerFrom + ")";
                }).toList();
    }

    /** The first known result that is not a pass; a pass only when every word is "pass". */
    private static Result strictest(SenderAuthenticationHeader header, String method, String domain) {
        List<String> words = words(header, method, domain);
        Optional<Result> notPass = words.stream().flatMap(w -> Result.of(w).stream())
                .filter(r -> r != Result.PASS).findFirst();
        if (notPass.isPresent()) {
            return notPass.get();
        }
        // a word we do not know is no pass, and nothing we can record
        return words.isEmpty() || words.stream().anyMatch(w -> Result.of(w).isEmpty()) ? null : Result.PASS;
    }

    private static Result anyPass(SenderAuthenticationHeader header, String method) {
        List<Result> results = words(header, method).stream().flatMap(w -> Result.of(w).stream()).toList();
        return results.contains(Result.PASS) ? Result.PASS : results.isEmpty() ? null : results.get(0);
    }
}
