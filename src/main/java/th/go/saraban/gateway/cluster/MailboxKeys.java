package th.go.saraban.gateway.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;

/**
 * Where each mailbox's settings come from. {@code saraban.mailboxes} names the mailboxes (default:
 * one, {@code central}). A mailbox named {@code north} reads {@code saraban.mailbox.north.<key>}
 * first and {@code saraban.<key>} after it, so what all mailboxes share (time zone, holidays, SMTP
 * relay, database) is written once. What says who a mailbox is (its central address, agency and
 * IMAP login) is never taken from {@code saraban.*} for any mailbox but the first: a second mailbox
 * inheriting the first's address would read and answer as the wrong agency. So today's single-mailbox
 * settings are, unchanged, the first mailbox.
 */
public final class MailboxKeys {

    public static final String LIST = "saraban.mailboxes";
    public static final String DEFAULT_NAME = "central";

    private static final Set<String> OWN = Set.of("saraban.central-address", "saraban.agency.name",
            "saraban.agency.code", "saraban.agency.contact", "saraban.imap.username", "saraban.imap.password");

    private final Function<String, Optional<String>> source;
    private final String name;
    private final boolean first;
    /** For error messages: the key that actually gave each value read. */
    private final Map<String, String> answeredBy = new LinkedHashMap<>();

    private MailboxKeys(Function<String, Optional<String>> source, String name, boolean first) {
        this.source = source;
        this.name = name;
        this.first = first;
    }

    /** The configured mailbox names, in order; each a lower-case name usable in a key and a route id. */
    public static List<String> names(Function<String, Optional<String>> source) {
        String list = source.apply(LIST).map(String::trim).filter(v -> !v.isEmpty()).orElse(DEFAULT_NAME);
        List<String> names = new ArrayList<>();
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new InvalidSettingException(LIST, "'" + trimmed + "' is not a mailbox name (lower-case letters,"
                        + " digits and '-', e.g. north-office)");
            }
            if (names.contains(trimmed)) {
                throw new InvalidSettingException(LIST, "names mailbox '" + trimmed + "' twice");
            }
            names.add(trimmed);
        }
        return names;
    }

    public static MailboxKeys of(Function<String, Optional<String>> source, String name, boolean first) {
        return new MailboxKeys(source, name, first);
    }

    public String name() {
        return name;
    }

    /** The key a mailbox's own value of {@code saraban.<key>} is written under. */
    public String ownKey(String key) {
        return "saraban.mailbox." + name + "." + key.substring("saraban.".length());
    }

    /** Looks a {@code saraban.*} key up as this mailbox sees it. */
    public Optional<String> lookup(String key) {
        if (!key.startsWith("saraban.")) {
            return source.apply(key);
        }
        String own = ownKey(key);
        Optional<String> value = source.apply(own).filter(v -> !v.isBlank());
        if (value.isPresent()) {
            answeredBy.put(key, own);
            return value;
        }
        if (!first && OWN.contains(key)) {
            answeredBy.put(key, own);
            return Optional.empty();
        }
        value = source.apply(key);
        // a key set nowhere is named as the first mailbox was always configured, and as the others' own
        answeredBy.put(key, value.filter(v -> !v.isBlank()).isPresent() || first ? key : own);
        return value;
    }

    /**
     * The same error, naming this mailbox and the key to fix: its own key, or the shared
     * {@code saraban.*} key it fell back to.
     */
    public InvalidSettingException named(InvalidSettingException e, int mailboxes) {
        String key = answeredBy.getOrDefault(e.key(), first ? e.key() : ownKey(e.key()));
        if (mailboxes == 1 && key.equals(e.key())) {
            // a single-mailbox gateway configured as before: the message it always gave
            return e;
        }
        String problem = e.getMessage().substring(("Invalid setting " + e.key() + ": ").length());
        String from = key.equals(ownKey(e.key())) || !key.startsWith("saraban.") ? ""
                : " (mailbox " + name + " has no " + ownKey(e.key()) + " of its own)";
        return new InvalidSettingException(key, "mailbox " + name + ": " + problem + from);
    }
}
