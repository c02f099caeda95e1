package th.go.saraban.gateway.mail;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for recognising mail sent by a machine: auto-replies, bounces, mailing lists and bulk
 * mail (RFC 3834 section 2 and the habits of list servers). Such mail is registered like any other,
 * but answering it automatically starts mail loops and backscatter, so every place that decides
 * about an automatic answer asks here and nowhere else.
 */
public final class AutomaticMail {

    private static final List<String> MACHINE_MAILBOXES = List.of("mailer-daemon", "postmaster");
    private static final Pattern MACHINE_MAILBOX_IN_HEADER = Pattern.compile(
            "(?i)(^|[<\\s\"])(mailer-daemon|postmaster)@");

    private AutomaticMail() {
    }

    /**
     * The mailbox name when {@code address} belongs to a mail system rather than a person
     * ({@code mailer-daemon}, {@code postmaster}), else null.
     */
    public static String machineMailbox(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        String local = (at < 0 ? address : address.substring(0, at)).trim().toLowerCase(Locale.ROOT);
        return MACHINE_MAILBOXES.contains(local) ? local : null;
    }

    /**
     * True when the headers say a machine sent the letter.
     *
     * @param senderAddress the From address as read, or null when it could not be read (then the raw
     *                      From header is searched for a machine mailbox)
     */
    static boolean isAutomatic(HeaderSection headers, String senderAddress) {
        String autoSubmitted = withoutComments(headers.first("Auto-Submitted"));
        if (autoSubmitted != null && !autoSubmitted.equals("no")) {
            return true;
        }
        String precedence = withoutComments(headers.first("Precedence"));
        if (precedence != null && List.of("bulk", "junk", "list").contains(precedence)) {
            return true;
        }
        if (headers.anyNameStartsWith("list-")) {
            return true;
        }
        String returnPath = headers.first("Return-Path");
        if (returnPath != null && withoutWhitespace(returnPath).equals("<>")) {
            return true;
        }
        if (senderAddress != null) {
            return machineMailbox(senderAddress) != null;
        }
        String from = headers.first("From");
        return from != null && MACHINE_MAILBOX_IN_HEADER.matcher(from).find();
    }

    /** The value with RFC 5322 comments removed, lower case and trimmed; linear in its length. */
    static String withoutComments(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(value.length());
        int lastClose = value.lastIndexOf(')');
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '(' && i < lastClose) {
                // each character is passed over once: the search resumes after the ')' it found
                i = value.indexOf(')', i) + 1;
            } else {
                kept.append(c);
                i++;
            }
        }
        return HeaderFacts.trimToNull(kept.toString().toLowerCase(Locale.ROOT));
    }

    private static String withoutWhitespace(String value) {
        StringBuilder kept = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isWhitespace(value.charAt(i))) {
                kept.append(value.charAt(i));
            }
        }
        return kept.toString();
    }
}
