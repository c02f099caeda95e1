package th.go.saraban.gateway.mail;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Base64 as mail clients write it, decoded in one pass by the JDK instead of byte by byte by Jakarta
 * Mail's decoder, which took half the CPU of registering letters with scanned PDFs (bench/ingest,
 * 1 MB letters: {@code BASE64DecoderStream.getByte} on top of 42% of the samples).
 *
 * <p>Only for content whose decoding cannot differ between the two: nothing but the base64 alphabet
 * and line breaks, spaces or tabs, and the padding a whole number of bytes needs (none, {@code =} or
 * {@code ==}, together and last). Anything else (a stray character, missing or misplaced padding, data
 * after it, the byte 0xFF, which Jakarta Mail's table reads as {@code A}) returns null, and the part
 * goes through Jakarta Mail's decoder and its error reports as before.
 */
final class PlainBase64 {

    /** Larger parts are streamed, never held decoded (see LetterReader). */
    static final int LARGEST = 4 * 1024 * 1024;

    private static final byte OTHER = 0;
    private static final byte ALPHABET = 1;
    private static final byte BLANK = 2;
    private static final byte[] KIND = new byte[256];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            KIND[c] = ALPHABET;
        }
        for (char c : "\r\n \t".toCharArray()) {
            KIND[c] = BLANK;
        }
    }

    private PlainBase64() {
    }

    /** The decoded bytes of {@code bytes[from, to)}, or null when they are not plain base64. */
    static byte[] decode(byte[] bytes, int from, int to) {
        if (to - from > LARGEST) {
            return null;
        }
        // the alphabet and padding without the blanks: the JDK's basic decoder then knows the decoded
        // length from the last bytes, where its MIME decoder would count it in a pass of its own
        byte[] compact = new byte[to - from];
        int letters = 0;
        int padding = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            byte kind = KIND[b & 0xFF];
            if (kind == ALPHABET) {
                if (padding > 0) {
                    return null; // data after padding
                }
                compact[letters++] = b;
            } else if (b == '=') {
                if (padding > 0 && bytes[i - 1] != '=') {
                    return null; // padding split by a line break
                }
                compact[letters + padding++] = b;
            } else if (kind != BLANK) {
                return null;
            }
        }
        int needed = switch (letters % 4) {
            case 0 -> 0;
            case 2 -> 2;
            case 3 -> 1;
            default -> -1;
        };
        if (padding != needed) {
            return null;
        }
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(compact, 0, letters + padding));
        if (decoded.hasArray() && decoded.arrayOffset() == 0 && decoded.position() == 0
                && decoded.remaining() == decoded.array().length) {
            return decoded.array();
        }
        byte[] out = new byte[decoded.remaining()];
        decoded.get(out);
        return out;
    }
}
