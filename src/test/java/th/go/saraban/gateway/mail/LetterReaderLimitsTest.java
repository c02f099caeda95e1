package th.go.saraban.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static th.go.saraban.gateway.mail.RawMessages.message;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Letters built to make reading slow or large are still read into a letter for review. No test here
 * times anything: each asserts what is registered, and the class timeout only catches a return to
 * quadratic reading (the worst of these took minutes before the limits).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LetterReaderLimitsTest {

    private static final String HTML_LETTER = "From: somchai@example.go.th\r\nSubject: html\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n\r\n";

    private final LetterReader letterReader = new LetterReader(ReadLimits.DEFAULTS);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static ReadLimits limits(int parts, int attachments, int bodyChars) {
        ReadLimits d = ReadLimits.DEFAULTS;
        return new ReadLimits(parts, d.maxDepth(), d.maxHeaders(), d.maxHeaderBytes(), d.maxHeaderSectionBytes(),
                d.maxLineBytes(), bodyChars, attachments, d.maxHtmlChars());
    }

    private static String manyParts(int count) {
        StringBuilder raw = new StringBuilder("From: somchai@example.go.th\r\nSubject: parts\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n");
        for (int i = 1; i < count; i++) {
            raw.append("--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=")
                    .append(i).append(".pdf\r\n\r\n%PDF-").append(i).append("\r\n");
        }
        return raw.append("--b--\r\n").toString();
    }

    @Test
    void readsHtmlOnlyLetterOfAMegabyteOfAngleBracketsAsText() {
        byte[] raw = ascii(HTML_LETTER + "<".repeat(1 << 20));

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo("html");
        // a '<' that starts no tag is text to an HTML parser, as to a browser
        assertThat(letter.bodyText()).hasSize(262_144).matches("<+");
        assertThat(letter.problems()).containsExactly("limit: HTML body longer than 262144 characters (saraban.read.max-html-chars); text was taken from"
                + " the first 262144 only, the whole body is in the raw message");
    }

    @Test
    void readsHtmlOnlyLetterOfUnclosedCommentsAsEmptyText() {
        byte[] raw = ascii(HTML_LETTER + "<p>before</p>" + "<!--\r\n".repeat(180_000));

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).isEqualTo("before");
        assertThat(letter.problems()).containsExactly("limit: HTML body longer than 262144 characters (saraban.read.max-html-chars); text was taken from"
                + " the first 262144 only, the whole body is in the raw message");
    }

    @Test
    void keepsTextAroundUnclosedScriptTags() {
        byte[] raw = ascii(HTML_LETTER + "<p>dear</p>" + "<script\r\n".repeat(20_000)
                + "<script>alert(1)</script>after");

        Letter letter = letterReader.read(raw);

        // the unclosed tags become one script element's attributes, as in a browser
        assertThat(letter.bodyText()).isEqualTo("dear\nafter");
    }

    @Test
    void readsDeeplyNestedTablesAsText() {
        // nesting right up to the HTML limit: jsoup's depth limit keeps the parse bounded
        byte[] raw = ascii(HTML_LETTER + "<table><tr><td>\r\n".repeat(15_000) + "cell&nbsp;&amp;&#3617;&hellip;");

        Letter letter = letterReader.read(raw);

        assertThat(letter.bodyText()).isEqualTo("cell &ม…");
        assertThat(letter.problems()).isEmpty();
    }

    @Test
    void stopsReadingPartsAtThePartLimit() {
        LetterReader reader = new LetterReader(limits(10, 500, 1_000_000));

        Letter letter = reader.read(ascii(manyParts(50)));

        assertThat(letter.bodyText()).isEqualTo("first");
        assertThat(letter.attachments()).extracting(LetterAttachment::filename)
                .containsExactly("1.pdf", "2.pdf", "3.pdf", "4.pdf", "5.pdf", "6.pdf", "7.pdf", "8.pdf", "9.pdf");
        assertThat(letter.problems()).containsExactly(
                "limit: more than 10 MIME parts (saraban.read.max-parts); parts after 10 not read");
    }

    @Test
    void readsLetterOfAHundredThousandPartsUpToTheLimits() {
        Letter letter = letterReader.read(ascii(manyParts(100_000)));

        assertThat(letter.bodyText()).isEqualTo("first");
        assertThat(letter.attachments()).hasSize(500);
        assertThat(letter.attachments().get(499).filename()).isEqualTo("500.pdf");
        assertThat(letter.problems()).containsExactly(
                "limit: more than 1000 MIME parts (saraban.read.max-parts); parts after 1000 not read",
                "limit: more than 500 attachments (saraban.read.max-attachments); attachments after 500 not"
                        + " registered separately, they are in the raw message");
    }

    @Test
    void stopsAtNestingLimitForAttachedMessages() {
        StringBuilder raw = new StringBuilder("From: somchai@example.go.th\r\nSubject: deep\r\n");
        for (int i = 0; i < 5000; i++) {
            raw.append("Content-Type: message/rfc822\r\n\r\nFrom: other@example.org\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nbottom\r\n");

        Letter letter = letterReader.read(ascii(raw.toString()));

        assertThat(letter.subject()).isEqualTo("deep");
        assertThat(letter.bodyText()).isNull();
        assertThat(letter.problems()).containsExactly(
                "limit: MIME nesting deeper than 20 levels (saraban.read.max-depth); inner parts not read");
    }

    @Test
    void stopsReadingAtALineLongerThanTheLineLimit() {
        byte[] raw = ascii("From: somchai@example.go.th\r\nSubject: long\r\nX-Long: " + "a".repeat(2 << 20)
                + "\r\n\r\nbody\r\n");

        Letter letter = letterReader.read(raw);

        assertThat(letter.senderAddress()).isEqualTo("somchai@example.go.th");
        assertThat(letter.subject()).isEqualTo("long");
        assertThat(letter.problems()).containsExactly("limit: a line longer than 1048576 bytes at byte 44"
                + " (saraban.read.max-line-bytes); the message from that line on not read");
    }

    @Test
    void cutsAFoldedHeaderFieldAtTheHeaderLimit() {
        byte[] raw = ascii("From: somchai@example.go.th\r\nSubject: s" + "\r\n continued".repeat(200_000)
                + "\r\n\r\nbody\r\n");

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).startsWith("s continued continued").hasSizeLessThan(65536);
        assertThat(letter.bodyText()).isEqualTo("body\r\n");
        assertThat(letter.problems()).containsExactly("limit: a header field longer than 65536 bytes (Subject)"
                + " (saraban.read.max-header-bytes); cut at 65536 bytes");
    }

    @Test
    void readsOnlyTheFirstHeaderFieldsOfFiftyThousand() {
        StringBuilder raw = new StringBuilder("From: somchai@example.go.th\r\nSubject: first\r\n");
        for (int i = 0; i < 50_000; i++) {
            raw.append("X-Filler-").append(i).append(": v\r\n");
        }
        raw.append("Message-ID: <late@example.org>\r\n\r\nbody\r\n");

        Letter letter = letterReader.read(ascii(raw.toString()));

        assertThat(letter.subject()).isEqualTo("first");
        assertThat(letter.messageId()).isNull();
        assertThat(letter.bodyText()).isEqualTo("body\r\n");
        assertThat(letter.problems()).containsExactly(
                "limit: more than 1000 header fields (saraban.read.max-headers); fields after 1000 not read",
                "limit: a header section longer than 524288 bytes (saraban.read.max-header-section-bytes);"
                        + " header fields after 524288 bytes not read");
    }

    @Test
    void cutsBodyTextAtTheBodyLimit() {
        LetterReader reader = new LetterReader(limits(1000, 500, 10));

        Letter letter = reader.read(message("From: somchai@example.go.th", "Content-Type: text/plain; charset=utf-8",
                "", "ขอเชิญประชุมคณะกรรมการ"));

        assertThat(letter.bodyText()).isEqualTo("ขอเชิญประช").hasSize(10);
        assertThat(letter.problems()).containsExactly("limit: body text longer than 10 characters"
                + " (saraban.read.max-body-chars); the text after that is not in body_text, the whole body is in the"
                + " raw message");
    }

    @Test
    void registersNoMoreAttachmentsThanTheLimit() {
        LetterReader reader = new LetterReader(limits(1000, 2, 1_000_000));

        Letter letter = reader.read(ascii(manyParts(5)));

        assertThat(letter.attachments()).extracting(LetterAttachment::filename).containsExactly("1.pdf", "2.pdf");
        assertThat(letter.problems()).containsExactly("limit: more than 2 attachments"
                + " (saraban.read.max-attachments); attachments after 2 not registered separately, they are in the"
                + " raw message");
    }

    @Test
    void readsUnclosedCommentsInAutoSubmittedAsAutomatic() {
        byte[] raw = ascii("From: somchai@example.go.th\r\nAuto-Submitted: auto-replied " + "(".repeat(60_000)
                + "\r\nPrecedence: (((" + "(".repeat(60_000) + "\r\n\r\nbody\r\n");

        Letter letter = letterReader.read(raw);

        assertThat(letter.autoSubmitted()).isTrue();
    }

    @Test
    void readsDateOffsetBeforeAComment() {
        Letter letter = letterReader.read(message("From: somchai@example.go.th",
                "Date: Mon, 3 Nov 2025 09:15:00 +0700 (ICT (+0000))", "", "body"));

        assertThat(letter.sentAt()).hasToString("2025-11-03T09:15+07:00");
    }

    @Test
    void readsMegabytesOfRandomBytesIntoAFlaggedLetter() {
        byte[] garbage = new byte[8 << 20];
        new Random(6).nextBytes(garbage);

        Letter letter = letterReader.read(garbage);

        assertThat(letter.needsReview()).isTrue();
        assertThat(letter.problems()).contains("headers: none of From, Sender, To, Date, Subject, Message-ID present");
    }

    @Test
    void stopsReadingWhenItsThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        Letter letter;
        boolean stillInterrupted;
        try {
            letter = letterReader.read(ascii(manyParts(3)));
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(stillInterrupted).as("the interrupt is left for the caller to see").isTrue();
        assertThat(letter.attachments()).isEmpty();
        assertThat(letter.problems()).containsExactly("message: reading stopped because its thread was"
                + " interrupted (the time limit for one letter?); what was read until then is kept");
    }

    @Test
    void collectsAuthenticationResultsTopToBottomUnfolded() {
        Letter letter = letterReader.read(message("Authentication-Results: mx.agency.go.th;",
                "\tdmarc=pass header.from=example.go.th", "From: somchai@example.go.th",
                "Authentication-Results: relay.example.org; spf=fail", "", "body"));

        assertThat(letter.authenticationResults()).containsExactly(
                "mx.agency.go.th;\tdmarc=pass header.from=example.go.th", "relay.example.org; spf=fail");
    }

    @Test
    void recognisesMailerDaemonAndPostmasterAsMachineMailboxes() {
        assertThat(AutomaticMail.machineMailbox("MAILER-DAEMON@mx.example.org")).isEqualTo("mailer-daemon");
        assertThat(AutomaticMail.machineMailbox("postmaster@example.go.th")).isEqualTo("postmaster");
        assertThat(AutomaticMail.machineMailbox("somchai@example.go.th")).isNull();
    }
}
