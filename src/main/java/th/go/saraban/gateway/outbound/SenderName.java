package th.go.saraban.gateway.outbound;

import java.util.regex.Pattern;

/**
 * How an acknowledgement may address its reader by name ({@code ${sender_name}}): the display name
 * of the letter's {@code From:}, or the sender's address when there is none. The display name is
 * whatever the sender's program wrote, unverified, so it is reduced to one plain line (no control,
 * bidi-override or zero-width characters, no surrounding quotes) and a name too long to be a
 * person's or an organisation's is not echoed at all.
 */
final class SenderName {

    static final int MAX_LENGTH = 80;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private SenderName() {
    }

    static String of(String displayName, String address) {
        String fallback = address == null ? "" : address;
        if (displayName == null) {
            return fallback;
        }
        String visible = INVISIBLE.matcher(CONTROL.matcher(displayName).replaceAll(" ")).replaceAll("");
        String name = SPACES.matcher(visible).replaceAll(" ").strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return fallback;
        }
        return name;
    }
}
