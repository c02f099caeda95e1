package th.go.saraban.gateway.pipeline;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Raw letters as citizens' mail programs write them, CRLF line ends included. */
public final class Letters {

    private Letters() {
    }

    public static byte[] letter(String messageId, String from, String subject, String body) {
        return crlf("From: " + from + "\n"
                + "To: " + TestMailServer.CENTRAL + "\n"
                + "Subject: " + encoded(subject) + "\n"
                + (messageId == null ? "" : "Message-ID: " + messageId + "\n")
                + "Date: Tue, 24 Nov 2026 09:58:00 +0700\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n"
                + body + "\n");
    }

    public static byte[] letter(String subject) {
        return letter("<" + Math.abs(subject.hashCode()) + "." + System.nanoTime() + "@citizen.example>",
                "Somchai <somchai@citizen.example>", subject, "เรียน เจ้าหน้าที่สารบรรณ\nขอสอบถาม " + subject);
    }

    public static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encoded(String subject) {
        try {
            return MimeUtility.encodeText(subject, "UTF-8", "B");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
