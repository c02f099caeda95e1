package th.go.saraban.gateway.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words, decoded leniently. Jakarta Mail's own decoder reads its strictness and
 * charset settings from JVM-wide system properties and throws on charsets Java lacks; this one
 * decodes words glued to text, joins adjacent words of one charset before decoding (clients split
 * a multi-byte Thai character across two words) and reports unknown charsets instead of failing.
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BASE64_JUNK = Pattern.compile("[^A-Za-z0-9+/]");

    private EncodedWords() {
    }

    /** Header text as parsed (one char per byte) to display text; null stays null. */
    static String decode(String header, String field, List<String> problems) {
        if (header == null) {
            return null;
        }
        String text = MimeCharsets.decodeRawHeader(header, field, problems);
        Matcher word = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int end = 0;
        while (word.find()) {
            String between = text.substring(end, word.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = word.group(1);
            if (!(adjacent && charset.equalsIgnoreCase(pendingCharset))) {
                flush(pending, pendingCharset, field, problems, out);
                if (!adjacent) {
                    out.append(between);
                }
                pendingCharset = charset;
            }
            byte[] bytes = word.group(2).equalsIgnoreCase("b") ? base64(word.group(3)) : quoted(word.group(3));
            pending.writeBytes(bytes);
            end = word.end();
        }
        flush(pending, pendingCharset, field, problems, out);
        out.append(text, end, text.length());
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream pending, String charset, String field,
                              List<String> problems, StringBuilder out) {
        if (charset != null) {
            out.append(MimeCharsets.decode(pending.toByteArray(), charset, field, problems));
        }
        pending.reset();
    }

    private static byte[] base64(String encoded) {
        String alphabet = BASE64_JUNK.matcher(encoded).replaceAll("");
        if (alphabet.length() % 4 == 1) {
            alphabet = alphabet.substring(0, alphabet.length() - 1);
        }
        try {
            return Base64.getDecoder().decode(alphabet + "==".substring(0, (4 - alphabet.length() % 4) % 4));
        } catch (IllegalArgumentException badPadding) {
            return encoded.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] quoted(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                bytes.write(' ');
            } else if (c == '=' && isHex(encoded, i + 1) && isHex(encoded, i + 2)) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
