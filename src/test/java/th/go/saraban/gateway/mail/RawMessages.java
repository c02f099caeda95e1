package th.go.saraban.gateway.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds raw messages byte by byte, the way they arrive from the mail server. */
final class RawMessages {

    static final Charset TIS_620 = Charset.forName("TIS-620");
    static final Charset WINDOWS_874 = Charset.forName("x-windows-874");

    private RawMessages() {
    }

    /** Lines joined with CRLF; a String is written as UTF-8, a byte[] as is. */
    static byte[] message(Object... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object line : lines) {
            out.writeBytes(line instanceof byte[] bytes ? bytes : line.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    /** One header line or body line made of ASCII text and raw bytes. */
    static byte[] line(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] bytes ? bytes : piece.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static String bWord(String text, Charset charset, String label) {
        return "=?" + label + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(charset)) + "?=";
    }

    static String qWord(String text, Charset charset, String label) {
        StringBuilder word = new StringBuilder("=?" + label + "?Q?");
        for (byte b : text.getBytes(charset)) {
            int c = b & 0xFF;
            if (c == ' ') {
                word.append('_');
            } else if (c > 0x20 && c < 0x7F && c != '=' && c != '?' && c != '_') {
                word.append((char) c);
            } else {
                word.append(String.format("=%02X", c));
            }
        }
        return word.append("?=").toString();
    }

    static String percentEncoded(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%%%02X", b & 0xFF));
        }
        return out.toString();
    }

    static String base64Lines(byte[] content) {
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(content);
    }
}
