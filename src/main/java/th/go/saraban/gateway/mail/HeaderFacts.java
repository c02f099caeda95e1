package th.go.saraban.gateway.mail;

import static th.go.saraban.gateway.mail.ReadProblems.quote;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the letter's header section says about it: who sent it, when they say they did, what it is
 * about, which of our letters it answers, and what the receiving servers found about its sender.
 * These are the sender's own claims, displayed and searched in the register; each one that cannot be
 * understood is left empty with a problem line, and the others are still read.
 */
final class HeaderFacts {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern PLAUSIBLE_ADDRESS = Pattern.compile("(\"[^\"]*\"|[^\\s\"<>@]+)@[^\\s\"<>@]+");
    /** Date headers are a few dozen characters; anything much longer is not a date. */
    private static final int LONGEST_DATE = 200;

    String messageId;
    String dateHeader;
    OffsetDateTime sentAt;
    String senderAddress;
    String senderName;
    String subject;
    final List<String> refersTo = new ArrayList<>();
    final List<String> authenticationResults = new ArrayList<>();

    static HeaderFacts read(HeaderSection headers, ReadProblems problems) {
        HeaderFacts facts = new HeaderFacts();
        reportMalformed(headers, problems);
        facts.messageId = trimToNull(MimeCharsets.decodeRawHeader(headers.first("Message-ID"), "message-id",
                problems.lines()));
        facts.subject = EncodedWords.decode(headers.first("Subject"), "subject", problems.lines());
        facts.readDate(headers.first("Date"), problems);
        facts.readSender(headers.first("From"), problems);
        facts.readThread(headers.first("In-Reply-To"));
        facts.readThread(headers.first("References"));
        for (String result : headers.all("Authentication-Results")) {
            facts.authenticationResults.add(result.trim());
        }
        return facts;
    }

    private static void reportMalformed(HeaderSection headers, ReadProblems problems) {
        if (headers.malformed() > 0) {
            problems.add("headers: " + headers.malformed() + " of " + (headers.malformed() + headers.fields().size())
                    + " header lines are malformed");
        }
        boolean anyAddressingHeader = false;
        for (String name : List.of("From", "Sender", "To", "Date", "Subject", "Message-ID")) {
            anyAddressingHeader |= headers.first(name) != null;
        }
        if (!anyAddressingHeader) {
            problems.add("headers: none of From, Sender, To, Date, Subject, Message-ID present");
        }
    }

    private void readThread(String header) {
        if (header == null) {
            return;
        }
        Matcher id = MSG_ID.matcher(header);
        while (id.find()) {
            if (!refersTo.contains(id.group())) {
                refersTo.add(id.group());
            }
        }
    }

    private void readDate(String value, ReadProblems problems) {
        dateHeader = trimToNull(MimeCharsets.decodeRawHeader(value, "date", problems.lines()));
        if (dateHeader == null) {
            return;
        }
        if (dateHeader.length() > LONGEST_DATE) {
            problems.add("date: unparseable " + quote(dateHeader));
            return;
        }
        try {
            java.util.Date parsed = new MailDateFormat().parse(dateHeader);
            OffsetDateTime candidate = parsed.toInstant().atOffset(trailingOffset(dateHeader));
            // PostgreSQL's timestamptz stops at year 294276 and rejects year 0; a sender's typo must
            // not make the letter unstorable
            if (candidate.getYear() < 1 || candidate.getYear() > 9999) {
                problems.add("date: year " + candidate.getYear() + " out of range in " + quote(dateHeader));
                return;
            }
            sentAt = candidate;
        } catch (ParseException | RuntimeException e) {
            problems.add("date: unparseable " + quote(dateHeader));
        }
    }

    /**
     * The sender's zone: the first {@code +hhmm} or {@code -hhmm} followed by nothing but spaces and
     * at most one comment; UTC when there is none or it is out of range.
     */
    static ZoneOffset trailingOffset(String date) {
        int end = date.length();
        while (end > 0 && Character.isWhitespace(date.charAt(end - 1))) {
            end--;
        }
        boolean endsWithComment = end > 0 && date.charAt(end - 1) == ')';
        for (int sign = 0; sign + 5 <= end; sign++) {
            char c = date.charAt(sign);
            if ((c != '+' && c != '-') || !digits(date, sign + 1, sign + 5)) {
                continue;
            }
            int after = sign + 5;
            while (after < end && Character.isWhitespace(date.charAt(after))) {
                after++;
            }
            if (after == end || date.charAt(after) == '(' && endsWithComment && after < end - 1) {
                int minutes = Integer.parseInt(date.substring(sign + 1, sign + 3)) * 60
                        + Integer.parseInt(date.substring(sign + 3, sign + 5));
                return minutes > 18 * 60 ? ZoneOffset.UTC
                        : ZoneOffset.ofTotalSeconds((c == '-' ? -minutes : minutes) * 60);
            }
        }
        return ZoneOffset.UTC;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private void readSender(String value, ReadProblems problems) {
        String from = trimToNull(MimeCharsets.decodeRawHeader(value, "from", problems.lines()));
        if (from == null) {
            return;
        }
        InternetAddress[] addresses;
        try {
            addresses = InternetAddress.parseHeader(from, false);
        } catch (AddressException | RuntimeException e) {
            problems.add("from: unparseable " + quote(from));
            return;
        }
        if (addresses.length == 0) {
            return;
        }
        InternetAddress sender = addresses[0];
        if (sender.isGroup()) {
            String group = sender.getAddress();
            senderName = trimToNull(EncodedWords.decode(group.substring(0, group.indexOf(':')), "from",
                    problems.lines()));
            try {
                InternetAddress[] members = sender.getGroup(false);
                if (members == null || members.length == 0) {
                    return;
                }
                sender = members[0];
            } catch (AddressException e) {
                problems.add("from: unparseable group " + quote(from));
                return;
            }
        }
        String address = trimToNull(sender.getAddress());
        if (address != null && !PLAUSIBLE_ADDRESS.matcher(address).matches()) {
            // the lenient parser accepts anything; a reply could not be sent to this
            problems.add("from: unparseable " + quote(from));
            return;
        }
        senderAddress = address;
        String personal = encodedPhrase(from).map(phrase -> EncodedWords.decode(phrase, "from", problems.lines()))
                .orElseGet(sender::getPersonal);
        if (personal != null && personal.contains("=?")) {
            personal = EncodedWords.decode(personal, "from", problems.lines());
        }
        if (trimToNull(personal) != null) {
            senderName = personal.trim();
        }
    }

    /**
     * The display name of a plain {@code phrase <address>} whose phrase holds encoded words, as
     * written. Such a name is decoded here rather than by {@link InternetAddress#getPersonal()}:
     * Jakarta Mail's decoder looks its stream provider up with a ServiceLoader scan of the class path
     * for every encoded word, which was the largest single item (13 %) of the gateway's CPU profile
     * while registering a backlog; for such a phrase both decoders give the same text. Anything less
     * plain (quotes, comments, several addresses) is left to Jakarta Mail's parser.
     */
    private static Optional<String> encodedPhrase(String from) {
        int open = from.indexOf('<');
        if (open <= 0 || from.indexOf('<', open + 1) >= 0 || from.indexOf('>') != from.length() - 1) {
            return Optional.empty();
        }
        String phrase = from.substring(0, open).trim();
        for (char c : new char[] {'"', '(', ')', ',', ';', ':', '\\', '@', '[', ']'}) {
            if (phrase.indexOf(c) >= 0) {
                return Optional.empty();
            }
        }
        return phrase.contains("=?") ? Optional.of(phrase) : Optional.empty();
    }

    static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
