package th.go.saraban.gateway.api;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download (RFC 6266): an ASCII {@code filename} for old
 * clients and {@code filename*} (RFC 8187, UTF-8) with the name as the sender wrote it, Thai
 * included. The name comes from a citizen's letter, so nothing of it may end the header or start
 * another: control characters (CR, LF) are dropped, quotes and backslashes escaped in the quoted
 * form and percent-encoded in the extended one, and path separators replaced so that a client that
 * saves under this name stays in its folder.
 */
public final class ContentDisposition {

    private static final String ATTR_CHAR_PUNCTUATION = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    /** {@code attachment; filename="..."; filename*=UTF-8''...}; {@code fallback} when the name is empty. */
    public static String attachment(String filename, String fallback) {
        String name = clean(filename);
        if (name.isEmpty()) {
            name = fallback;
        }
        return "attachment; filename=\"" + quoted(ascii(name, fallback)) + "\"; filename*=UTF-8''" + encoded(name);
    }

    private static String clean(String filename) {
        if (filename == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder();
        filename.codePoints().forEach(c -> {
            if (c == '/' || c == '\\') {
                clean.append('_');
            } else if (!Character.isISOControl(c) && c != 0x2028 && c != 0x2029) {
                clean.appendCodePoint(c);
            }
        });
        return clean.toString().strip();
    }

    /** Non-ASCII letters become '_', keeping the extension an old client uses to pick a program. */
    private static String ascii(String name, String fallback) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '_'));
        String text = ascii.toString();
        String extension = extension(text);
        String stem = text.substring(0, text.length() - extension.length());
        // a name that was all Thai would be only '_': the fallback says more
        return stem.chars().anyMatch(Character::isLetterOrDigit) ? text : fallback + extension;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && dot < name.length() - 1 && name.substring(dot + 1).chars().allMatch(Character::isLetterOrDigit)
                ? name.substring(dot) : "";
    }

    private static String quoted(String ascii) {
        return ascii.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String encoded(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATTR_CHAR_PUNCTUATION.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
