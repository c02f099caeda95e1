package th.go.saraban.gateway.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * The letters the benchmark seeds: what a central mailbox holds after a long holiday. Each size mix
 * is made from a seed, so two runs of the benchmark read the same bytes. Line ends are CRLF, as IMAP
 * carries them, and bodies are base64 (what Thai mail clients write for UTF-8 and for attachments),
 * so the reader decodes every body as it would in production.
 */
final class BenchLetters {

    /** A size mix: how many letters and how each one is made. */
    enum Mix {
        /** 10,000 plain Thai letters of 20 KB. */
        SMALL("20k", 10_000),
        /** 1,000 letters of 1 MB: a short Thai note with a scanned PDF. */
        LARGE("1m", 1_000),
        /** Thai HTML letters, some with a PDF of 50-500 KB, one in ten with one of 1-2.5 MB. */
        MIXED("mix", 2_000);

        final String name;
        final int defaultCount;

        Mix(String name, int defaultCount) {
            this.name = name;
            this.defaultCount = defaultCount;
        }

        static Mix named(String name) {
            for (Mix mix : values()) {
                if (mix.name.equals(name)) {
                    return mix;
                }
            }
            throw new IllegalArgumentException("unknown size mix '" + name + "' (20k, 1m or mix)");
        }
    }

    private static final String THAI = "เรียน นายอำเภอ ข้าพเจ้าขอแจ้งเรื่องถนนในหมู่บ้านชำรุดเสียหายเป็นระยะทางยาว"
            + " ทำให้ประชาชนสัญจรไปมาด้วยความลำบาก โดยเฉพาะในช่วงฤดูฝน จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการซ่อมแซม"
            + " และขอขอบพระคุณเป็นอย่างสูง ";

    private BenchLetters() {
    }

    /** Letter {@code i} of {@code mix}; {@code random} is the mix's own, drawn in letter order. */
    static byte[] letter(Mix mix, int i, Random random) {
        return switch (mix) {
            case SMALL -> plain(i, 20 * 1024);
            case LARGE -> withPdf(i, 1024 * 1024, false, random);
            case MIXED -> {
                int kind = random.nextInt(100);
                if (kind < 55) {
                    yield html(i, 5 * 1024 + random.nextInt(35 * 1024));
                } else if (kind < 90) {
                    yield withPdf(i, 50 * 1024 + random.nextInt(450 * 1024), true, random);
                } else {
                    yield withPdf(i, 1024 * 1024 + random.nextInt(1536 * 1024), true, random);
                }
            }
        };
    }

    private static String headers(int i, String contentType) {
        return "Return-Path: <citizen" + (i % 4000) + "@example.org>\r\n"
                + "From: =?UTF-8?B?" + b64("ประชาชน ผู้ร้อง " + i) + "?= <citizen" + (i % 4000) + "@example.org>\r\n"
                + "To: saraban@localhost\r\n"
                + "Subject: =?UTF-8?B?" + b64("ขอให้ซ่อมถนน หมู่ที่ " + (i % 20 + 1) + " เรื่องที่ " + i) + "?=\r\n"
                + "Date: Mon, 23 Nov 2026 09:" + String.format("%02d", i % 60) + ":00 +0700\r\n"
                + "Message-ID: <bench-" + i + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n";
    }

    /** A plain Thai letter of about {@code size} bytes. */
    private static byte[] plain(int i, int size) {
        String head = headers(i, "text/plain; charset=UTF-8") + "Content-Transfer-Encoding: base64\r\n\r\n";
        return (head + base64Lines(thaiText(i, (size - head.length()) * 3 / 4))).getBytes(StandardCharsets.US_ASCII);
    }

    /** A Thai letter in HTML with its plain-text alternative, of about {@code size} bytes. */
    private static byte[] html(int i, int size) {
        String head = headers(i, "multipart/alternative; boundary=\"alt-" + i + "\"") + "\r\n";
        int each = Math.max(256, (size - head.length() - 400) * 3 / 8);
        return (head + alternative(i, each)).getBytes(StandardCharsets.US_ASCII);
    }

    private static String alternative(int i, int bytesEach) {
        String text = thaiText(i, bytesEach);
        String html = "<html><body><p>" + text.replace(" ", "</p>\r\n<p>") + "</p></body></html>";
        return "--alt-" + i + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64Lines(text)
                + "--alt-" + i + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64Lines(html) + "--alt-" + i + "--\r\n";
    }

    /** A Thai note (plain, or HTML with its alternative) and one PDF, about {@code size} bytes in all. */
    private static byte[] withPdf(int i, int size, boolean htmlNote, Random random) {
        String head = headers(i, "multipart/mixed; boundary=\"mixed-" + i + "\"") + "\r\n";
        String note = htmlNote
                ? "--mixed-" + i + "\r\nContent-Type: multipart/alternative; boundary=\"alt-" + i + "\"\r\n\r\n"
                + alternative(i, 3 * 1024)
                : "--mixed-" + i + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + base64Lines(thaiText(i, 3 * 1024));
        String filename = "=?UTF-8?B?" + b64("หนังสือร้องเรียน-" + i + ".pdf") + "?=";
        String partHead = "--mixed-" + i + "\r\nContent-Type: application/pdf; name=\"" + filename + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + filename + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n";
        int pdfBytes = Math.max(1024, (size - head.length() - note.length() - partHead.length() - 40) * 57 / 78);
        return (head + note + partHead + base64Lines(pdf(pdfBytes, random)) + "--mixed-" + i + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A well-formed PDF whose one stream is incompressible, as a scan is. */
    private static byte[] pdf(int size, Random random) {
        byte[] scan = new byte[Math.max(0, size - 400)];
        random.nextBytes(scan);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                + "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
                + "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>> endobj\n"
                + "4 0 obj <</Length " + scan.length + ">> stream\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(scan);
        out.writeBytes("\nendstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String thaiText(int i, int bytes) {
        StringBuilder text = new StringBuilder("เรื่องที่ " + i + " ");
        while (text.length() * 3 < bytes) {
            text.append(THAI);
        }
        return text.substring(0, Math.max(1, bytes / 3));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Lines(String text) {
        return base64Lines(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Lines(byte[] bytes) {
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(bytes) + "\r\n";
    }
}
