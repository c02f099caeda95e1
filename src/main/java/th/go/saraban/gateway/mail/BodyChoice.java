package th.go.saraban.gateway.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Which part is the letter's text, and that text as officers read it in the register: the first
 * inline plain-text part, else the first inline HTML part made readable. The text is kept up to the
 * body limit; the whole body always remains in the raw message.
 */
final class BodyChoice {

    private BodyChoice() {
    }

    /** The body part, or null when the letter has no inline text. */
    static MimeLeaf choose(List<MimeLeaf> leaves) {
        for (String type : List.of("text/plain", "text/html")) {
            for (MimeLeaf leaf : leaves) {
                if (leaf.isInlineText(type)) {
                    return leaf;
                }
            }
        }
        return null;
    }

    static String text(MimeLeaf body, ReadLimits limits, ReadProblems problems) {
        // at most four bytes a character in any charset mail uses
        int mostBytes = (int) Math.min((long) limits.maxBodyChars() * 4, Integer.MAX_VALUE - 8);
        PartContent.Read<byte[]> read = PartContent.read(body, "body", problems, in -> readAtMost(in, mostBytes + 1));
        if (read == null) {
            return null;
        }
        byte[] bytes = read.value();
        boolean cut = bytes.length > mostBytes;
        if (cut) {
            bytes = java.util.Arrays.copyOf(bytes, wholeCharacters(bytes, mostBytes));
        }
        String text = MimeCharsets.decode(bytes, body.charset, "body", problems.lines());
        if (body.type.equals("text/html")) {
            if (text.length() > limits.maxHtmlChars()) {
                int end = limits.maxHtmlChars();
                text = text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end);
                problems.limitReached(ReadLimits.HTML_CHARS, "HTML body longer than " + limits.maxHtmlChars()
                        + " characters", "text was taken from the first " + limits.maxHtmlChars()
                        + " only, the whole body is in the raw message");
            }
            text = HtmlText.text(text);
        }
        if (text.length() > limits.maxBodyChars()) {
            int end = limits.maxBodyChars();
            text = text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end);
            cut = true;
        }
        if (cut) {
            problems.limitReached(ReadLimits.BODY_CHARS,
                    "body text longer than " + limits.maxBodyChars() + " characters",
                    "the text after that is not in body_text, the whole body is in the raw message");
        }
        return text;
    }

    private static byte[] readAtMost(InputStream in, int most) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int kept = 0;
        for (int n; kept < most && (n = in.read(buffer, 0, Math.min(buffer.length, most - kept))) > 0; ) {
            ReadProblems.stopIfInterrupted();
            out.write(buffer, 0, n);
            kept += n;
        }
        return out.toByteArray();
    }

    /** A cut that does not end inside a UTF-8 sequence, so the kept bytes still decode as UTF-8. */
    private static int wholeCharacters(byte[] bytes, int cut) {
        int end = cut;
        while (end > 0 && cut - end < 3 && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        if (end > 0 && (bytes[end - 1] & 0xC0) == 0xC0) {
            end--;
        }
        return end;
    }
}
