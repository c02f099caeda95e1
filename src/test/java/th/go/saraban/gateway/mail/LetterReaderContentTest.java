package th.go.saraban.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static th.go.saraban.gateway.mail.RawMessages.TIS_620;
import static th.go.saraban.gateway.mail.RawMessages.WINDOWS_874;
import static th.go.saraban.gateway.mail.RawMessages.base64Lines;
import static th.go.saraban.gateway.mail.RawMessages.bWord;
import static th.go.saraban.gateway.mail.RawMessages.message;
import static th.go.saraban.gateway.mail.RawMessages.percentEncoded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LetterReaderContentTest {

    private static final String THAI = "เรียน อธิบดี ขอส่งหนังสือราชการฉบับนี้มาเพื่อโปรดพิจารณา";
    private static final byte[] PDF = "%PDF-1.4 pretend".getBytes(StandardCharsets.US_ASCII);

    private final LetterReader letterReader = new LetterReader(ReadLimits.DEFAULTS);

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] content(LetterAttachment attachment) throws IOException {
        try (InputStream in = attachment.openContent()) {
            return in.readAllBytes();
        }
    }

    private static List<Object> mixed(Object... partLines) {
        List<Object> lines = new ArrayList<>(List.of("From: somchai@example.go.th", "Subject: test",
                "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"XX\"", ""));
        lines.addAll(Arrays.asList(partLines));
        return lines;
    }

    private static byte[] close(List<Object> lines) {
        lines.add("--XX--");
        return message(lines.toArray());
    }

    private static List<Object> pdfPart(String disposition) {
        return List.of("--XX", "Content-Type: application/pdf", "Content-Transfer-Encoding: base64",
                disposition, "", base64Lines(PDF));
    }

    @Test
    void decodesTis620Body() {
        byte[] raw = message("From: somchai@example.go.th", "Content-Type: text/plain; charset=TIS-620",
                "Content-Transfer-Encoding: 8bit", "", THAI.getBytes(TIS_620));

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).isEqualTo(THAI + "\r\n");
        assertThat(letter.needsReview()).isFalse();
    }

    @Test
    void decodesWindows874QuotedPrintableBody() {
        StringBuilder qp = new StringBuilder();
        for (byte b : ("“" + THAI + "”").getBytes(WINDOWS_874)) {
            qp.append(String.format("=%02X", b & 0xFF));
        }
        byte[] raw = message("From: somchai@example.go.th", "Content-Type: text/plain; charset=\"windows-874\"",
                "Content-Transfer-Encoding: quoted-printable", "", qp.substring(0, 60) + "=", qp.substring(60));

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).isEqualTo("“" + THAI + "”\r\n");
    }

    @Test
    void decodesUnlabelledThaiBodyAsTis620() {
        byte[] raw = message("From: somchai@example.go.th", "", THAI.getBytes(TIS_620));

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).isEqualTo(THAI + "\r\n");
    }

    @Test
    void prefersPlainTextOverHtmlAlternative() {
        byte[] raw = message("From: somchai@example.go.th", "Content-Type: multipart/alternative; boundary=AB", "",
                "--AB", "Content-Type: text/html; charset=utf-8", "", "<p>html</p>",
                "--AB", "Content-Type: text/plain; charset=utf-8", "", THAI, "--AB--");

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).isEqualTo(THAI);
        assertThat(letter.attachments()).isEmpty();
    }

    @Test
    void stripsTagsFromHtmlOnlyBody() {
        byte[] raw = message("From: somchai@example.go.th", "Content-Type: text/html; charset=utf-8", "",
                "<html><head><style>p{}</style></head><body><p>เรียน&nbsp;ท่าน &amp; คณะ</p>"
                        + "<p>&#3617;&#x0E35;</p></body></html>");

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).isEqualTo("เรียน ท่าน & คณะ\nมี");
    }

    @Test
    void recordsSizeAndSha256OfDecodedAttachment() throws Exception {
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "see attached");
        lines.addAll(pdfPart("Content-Disposition: attachment; filename=\"letter.pdf\""));

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.bodyText()).isEqualTo("see attached");
        assertThat(letter.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.position()).isEqualTo(1);
            assertThat(attachment.filename()).isEqualTo("letter.pdf");
            assertThat(attachment.contentType()).isEqualTo("application/pdf");
            assertThat(attachment.size()).isEqualTo(PDF.length);
            assertThat(attachment.sha256()).isEqualTo(sha256(PDF));
            assertThat(content(attachment)).isEqualTo(PDF);
        });
        assertThat(letter.needsReview()).isFalse();
    }

    @Test
    void decodesRfc2231ContinuedThaiFilename() {
        String name = "หนังสือเวียน ที่ มท ๐๘๐๘.pdf";
        String encoded = percentEncoded(name.getBytes(StandardCharsets.UTF_8));
        int cut = encoded.length() / 2 - (encoded.length() / 2) % 3;
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body");
        lines.addAll(pdfPart("Content-Disposition: attachment;\r\n filename*0*=UTF-8''" + encoded.substring(0, cut)
                + ";\r\n filename*1*=" + encoded.substring(cut)));

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).extracting(LetterAttachment::filename).containsExactly(name);
    }

    @Test
    void decodesRfc2047Tis620Filename() {
        String name = "คำสั่ง.docx";
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body");
        lines.addAll(pdfPart("Content-Disposition: attachment; filename=\"" + bWord(name, TIS_620, "tis620") + "\""));

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).extracting(LetterAttachment::filename).containsExactly(name);
    }

    @Test
    void keepsHostileFilenameAsDisplayText() {
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body");
        lines.addAll(pdfPart("Content-Disposition: attachment; filename=\"../../evil.sh\""));

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).extracting(LetterAttachment::filename).containsExactly("../../evil.sh");
    }

    @Test
    void keepsBothAttachmentsWithTheSameName() {
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body");
        lines.addAll(pdfPart("Content-Disposition: attachment; filename=scan.pdf"));
        lines.addAll(pdfPart("Content-Disposition: attachment; filename=scan.pdf"));

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).extracting(LetterAttachment::position, LetterAttachment::filename)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "scan.pdf"),
                        org.assertj.core.groups.Tuple.tuple(2, "scan.pdf"));
    }

    @Test
    void keepsNamelessNonTextPartAsAttachment() {
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body",
                "--XX", "Content-Type: image/png", "", "not really a png");

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.filename()).isNull();
            assertThat(attachment.contentType()).isEqualTo("image/png");
        });
    }

    @Test
    void readsAttachmentsOfForwardedMessage() throws Exception {
        List<Object> lines = mixed("--XX", "Content-Type: text/plain; charset=utf-8", "", "ส่งต่อ",
                "--XX", "Content-Type: message/rfc822", "",
                "From: other@example.org", "Subject: inner", "Content-Type: multipart/mixed; boundary=YY", "",
                "--YY", "Content-Type: text/plain", "", "inner text",
                "--YY", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=inner.pdf",
                "Content-Transfer-Encoding: base64", "", base64Lines(PDF),
                "--YY--");

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.bodyText()).isEqualTo("ส่งต่อ");
        assertThat(letter.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.filename()).isEqualTo("inner.pdf");
            assertThat(attachment.sha256()).isEqualTo(sha256(PDF));
        });
        assertThat(letter.problems()).isEmpty();
    }

    @Test
    void recordsNestingBeyondLimitAsProblem() {
        int levels = 5000;
        StringBuilder raw = new StringBuilder("From: somchai@example.go.th\r\nSubject: deep\r\n");
        for (int i = 0; i < levels; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\r\n");
        }

        Letter letter = letterReader.read(raw.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(letter.subject()).isEqualTo("deep");
        assertThat(letter.problems()).contains(
                "limit: MIME nesting deeper than 20 levels (saraban.read.max-depth); inner parts not read");
    }

    @Test
    void streamsLargeAttachmentAgainFromTheRawMessage() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(2568).nextBytes(big);
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body",
                "--XX", "Content-Type: application/zip", "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=big.zip", "", base64Lines(big));

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.size()).isEqualTo(big.length);
            assertThat(attachment.sha256()).isEqualTo(sha256(big));
            assertThat(content(attachment)).isEqualTo(big);
            assertThat(content(attachment)).as("opened a second time").isEqualTo(big);
        });
        assertThat(letter.problems()).isEmpty();
    }

    @Test
    void readsMultipartWithoutClosingBoundaryAndFlagsIt() {
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body before truncation");
        lines.addAll(pdfPart("Content-Disposition: attachment; filename=cut.pdf"));

        Letter letter = letterReader.read(message(lines.toArray()));

        assertThat(letter.bodyText()).isEqualTo("body before truncation");
        assertThat(letter.attachments()).extracting(LetterAttachment::filename).containsExactly("cut.pdf");
        assertThat(letter.needsReview()).isTrue();
    }

    @Test
    void readsMultipartWithoutBoundaryParameterAndFlagsIt() {
        byte[] raw = message("From: somchai@example.go.th", "Content-Type: multipart/mixed", "",
                "--QQ", "Content-Type: text/plain", "", "found anyway", "--QQ--");

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).contains("found anyway");
        assertThat(letter.problems()).contains("body: multipart/mixed has no boundary parameter");
    }

    @Test
    void offersRawTextWhenMultipartHasNoBoundaryAtAll() {
        byte[] raw = message("From: somchai@example.go.th", "Content-Type: multipart/mixed", "",
                "no boundary lines here, just text");

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).contains("no boundary lines here, just text");
        assertThat(letter.needsReview()).isTrue();
    }

    @Test
    void keepsRawBytesOfPartWithUnknownTransferEncoding() throws Exception {
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body",
                "--XX", "Content-Type: application/octet-stream", "Content-Transfer-Encoding: x-rot13",
                "Content-Disposition: attachment; filename=x.bin", "", "uryyb");

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).singleElement().satisfies(attachment ->
                assertThat(content(attachment)).isEqualTo("uryyb".getBytes(StandardCharsets.US_ASCII)));
        assertThat(letter.problems()).anyMatch(problem -> problem.contains("unknown transfer encoding"));
    }

    @Test
    void decodesUndeclaredUtf8FilenameInUnparseableParameters() {
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body",
                "--XX", "Content-Type: application/msword", "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment;\r\n\tfilename=หนังสือ.doc", "", base64Lines(PDF));

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).extracting(LetterAttachment::filename).containsExactly("หนังสือ.doc");
        assertThat(letter.needsReview()).isTrue();
    }

    @Test
    void decodesUnpaddedBase64LenientlyAndFlagsIt() {
        String encoded = base64Lines("hello!!".getBytes(StandardCharsets.US_ASCII));
        List<Object> lines = mixed("--XX", "Content-Type: text/plain", "", "body",
                "--XX", "Content-Type: application/octet-stream", "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=t.bin", "", encoded.replace("=", ""));

        Letter letter = letterReader.read(close(lines));

        assertThat(letter.attachments()).singleElement().satisfies(attachment ->
                assertThat(content(attachment)).isEqualTo("hello!!".getBytes(StandardCharsets.US_ASCII)));
        assertThat(letter.problems()).singleElement().asString().endsWith("decoded leniently as base64");
    }

    @Test
    void returnsFlaggedLetterForRandomBytes() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(4096) + 1];
            random.nextBytes(garbage);

            Letter letter = letterReader.read(garbage);

            assertThat(letter.needsReview()).as("random message %d", i).isTrue();
        }
    }

    @Test
    void returnsFlaggedLetterForEmptyBytes() {
        Letter letter = letterReader.read(new byte[0]);

        assertThat(letter.problems()).containsExactly("message: empty");
        assertThat(letter.attachments()).isEmpty();
    }

    @Test
    void digestsMatchKnownSha256Vector() {
        assertThat(Digests.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
