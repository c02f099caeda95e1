package th.go.saraban.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LetterComposerTest {

    private static final String CENTRAL = "saraban@agency.go.th";
    private static final String THAI_SUBJECT = "ตอบรับหนังสือ เลขรับ ๑๒๓/๒๕๖๙ เรื่อง ขออนุญาตใช้สถานที่";
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-25T10:00:00+07:00");
    private static final Set<String> ALLOWED_HEADERS = Set.of("date", "from", "to", "subject", "message-id",
            "in-reply-to", "references", "mime-version", "auto-submitted", "x-auto-response-suppress",
            "content-type", "content-transfer-encoding");

    private final LetterComposer letterComposer =
            new LetterComposer(CENTRAL, Clock.fixed(NOW.toInstant(), ZoneId.of("Asia/Bangkok")));

    private static OutgoingLetter letter() {
        return new OutgoingLetter(CENTRAL, List.of("somchai@example.co.th"), "Receipt", "<saraban.1@agency.go.th>",
                null, List.of(), "Your letter is registered as 123/2569.", null, List.of(), false);
    }

    private static OutgoingLetter withSubject(String subject) {
        OutgoingLetter l = letter();
        return new OutgoingLetter(l.from(), l.to(), subject, l.messageId(), l.inReplyTo(), l.references(),
                l.textBody(), l.htmlBody(), l.attachments(), l.autoReply());
    }

    private static OutgoingLetter withFrom(String from) {
        OutgoingLetter l = letter();
        return new OutgoingLetter(from, l.to(), l.subject(), l.messageId(), l.inReplyTo(), l.references(),
                l.textBody(), l.htmlBody(), l.attachments(), l.autoReply());
    }

    private static OutgoingLetter withTo(String... to) {
        OutgoingLetter l = letter();
        return new OutgoingLetter(l.from(), List.of(to), l.subject(), l.messageId(), l.inReplyTo(), l.references(),
                l.textBody(), l.htmlBody(), l.attachments(), l.autoReply());
    }

    private static OutgoingLetter inReplyTo(String inReplyTo, List<String> references) {
        OutgoingLetter l = letter();
        return new OutgoingLetter(l.from(), l.to(), l.subject(), l.messageId(), inReplyTo, references,
                l.textBody(), l.htmlBody(), l.attachments(), l.autoReply());
    }

    private static OutgoingLetter withBodies(String text, String html) {
        OutgoingLetter l = letter();
        return new OutgoingLetter(l.from(), l.to(), l.subject(), l.messageId(), l.inReplyTo(), l.references(),
                text, html, l.attachments(), l.autoReply());
    }

    private static OutgoingLetter withAttachment(String filename, String contentType, byte[] content) {
        OutgoingLetter l = letter();
        return new OutgoingLetter(l.from(), l.to(), l.subject(), l.messageId(), l.inReplyTo(), l.references(),
                l.textBody(), l.htmlBody(), List.of(new OutgoingAttachment(filename, contentType, content)),
                l.autoReply());
    }

    private static OutgoingLetter autoReply(boolean autoReply) {
        OutgoingLetter l = letter();
        return new OutgoingLetter(l.from(), l.to(), l.subject(), l.messageId(), l.inReplyTo(), l.references(),
                l.textBody(), l.htmlBody(), l.attachments(), autoReply);
    }

    private static MimeMessage parsed(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    private static Part attachmentOf(MimeMessage message) throws Exception {
        return ((Multipart) message.getContent()).getBodyPart(1);
    }

    @Test
    void composesThaiSubjectThatDecodesBackExactly() throws Exception {
        OutgoingLetter letter = withSubject(THAI_SUBJECT);

        byte[] bytes = letterComposer.compose(letter);

        assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("Subject: =?UTF-8?B?");
        assertThat(parsed(bytes).getSubject()).isEqualTo(THAI_SUBJECT);
    }

    @Test
    void writesMessageIdExactlyAsGiven() throws Exception {
        OutgoingLetter letter = letter();

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getHeader("Message-ID")).containsExactly("<saraban.1@agency.go.th>");
    }

    @Test
    void writesInReplyToAndReferencesExactlyAsGiven() throws Exception {
        OutgoingLetter letter = inReplyTo("<CAB123@mail.gmail.com>", List.of("<first@example.co.th>", "<CAB123@mail.gmail.com>"));

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getHeader("In-Reply-To")).containsExactly("<CAB123@mail.gmail.com>");
        assertThat(message.getHeader("References", " ")).isEqualTo("<first@example.co.th> <CAB123@mail.gmail.com>");
    }

    @Test
    void datesTheLetterFromTheClockInItsZone() throws Exception {
        OutgoingLetter letter = letter();

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getHeader("Date")[0]).startsWith("Wed, 25 Nov 2026 10:00:00 +0700");
        assertThat(message.getSentDate().toInstant()).isEqualTo(NOW.toInstant());
    }

    @Test
    void sendsFromTheCentralAddressToTheRecipient() throws Exception {
        OutgoingLetter letter = letter();

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getFrom()).containsExactly(new InternetAddress(CENTRAL));
        assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("somchai@example.co.th"));
    }

    @Test
    void marksAutoReplyAsAutoSubmitted() throws Exception {
        OutgoingLetter letter = autoReply(true);

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(message.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
    }

    @Test
    void leavesPersonalReplyWithoutAutoSubmitted() throws Exception {
        OutgoingLetter letter = autoReply(false);

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getHeader("Auto-Submitted")).isNull();
        assertThat(message.getHeader("X-Auto-Response-Suppress")).isNull();
    }

    @Test
    void refusesPersonalFromAddress() {
        OutgoingLetter letter = withFrom("somsri@agency.go.th");

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessage("from: only the central address saraban@agency.go.th may send;"
                        + " refused personal address somsri@agency.go.th");
    }

    @Test
    void acceptsCentralAddressInOtherCase() throws Exception {
        OutgoingLetter letter = withFrom("SARABAN@Agency.Go.Th");

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualToIgnoringCase(CENTRAL);
    }

    @Test
    void refusesHeaderInjectionInSubject() {
        OutgoingLetter letter = withSubject("Hi\r\nBcc: evil@x");

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessageStartingWith("subject: contains control character U+000D")
                .hasMessageNotContaining("\r");
    }

    @Test
    void refusesHeaderInjectionInRecipient() {
        OutgoingLetter letter = withTo("somchai@example.co.th\r\nBcc: evil@x");

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessageStartingWith("to: contains control character");
    }

    @Test
    void refusesHeaderInjectionInInReplyTo() {
        OutgoingLetter letter = inReplyTo("<a@b>\r\nBcc: evil@x", List.of());

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessageStartingWith("inReplyTo: contains control character");
    }

    @Test
    void refusesHeaderInjectionInFilename() {
        OutgoingLetter letter = withAttachment("a.pdf\r\nBcc: evil@x", "application/pdf", new byte[] {1});

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessageStartingWith("attachments[0].filename: contains control character");
    }

    @Test
    void refusesGroupSyntaxAsRecipient() {
        OutgoingLetter letter = withTo("undisclosed-recipients:;");

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessage("to: 'undisclosed-recipients:;' is not a single e-mail address");
    }

    @Test
    void refusesTwoAddressesAsOneRecipient() {
        OutgoingLetter letter = withTo("a@b, c@d");

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessage("to: 'a@b, c@d' is not a single e-mail address");
    }

    @Test
    void refusesAddressWithTwoAtSigns() {
        OutgoingLetter letter = withTo("a@b@c");

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessage("to: 'a@b@c' is not a single e-mail address");
    }

    @Test
    void acceptsPlusAddressedRecipient() throws Exception {
        OutgoingLetter letter = withTo("somchai+saraban@example.co.th");

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getHeader("To")).containsExactly("somchai+saraban@example.co.th");
    }

    @Test
    void acceptsPunycodeDomainRecipient() throws Exception {
        OutgoingLetter letter = withTo("info@xn--12c1bik6bbd8ab6hd1b5jc6jta.com");

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getHeader("To")).containsExactly("info@xn--12c1bik6bbd8ab6hd1b5jc6jta.com");
    }

    @Test
    void encodesThaiDisplayNameOfRecipient() throws Exception {
        OutgoingLetter letter = withTo("สมชาย ใจดี <somchai@example.co.th>");

        MimeMessage message = parsed(letterComposer.compose(letter));

        InternetAddress to = (InternetAddress) message.getAllRecipients()[0];
        assertThat(message.getHeader("To")[0]).startsWith("=?UTF-8?");
        assertThat(to.getPersonal()).isEqualTo("สมชาย ใจดี");
        assertThat(to.getAddress()).isEqualTo("somchai@example.co.th");
    }

    @Test
    void encodesThaiAttachmentFilenameAsRfc2231() throws Exception {
        OutgoingLetter letter = withAttachment("หนังสือตอบ.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII));

        byte[] bytes = letterComposer.compose(letter);

        assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("filename*=UTF-8''%E0%B8%AB");
        assertThat(attachmentOf(parsed(bytes)).getFileName()).isEqualTo("หนังสือตอบ.pdf");
    }

    @Test
    void splitsVeryLongThaiFilenameIntoContinuationsThatDecodeBack() throws Exception {
        String filename = "หนังสือ".repeat(30) + ".pdf";
        OutgoingLetter letter = withAttachment(filename, "application/pdf", new byte[] {1});

        byte[] bytes = letterComposer.compose(letter);

        assertThat(new String(bytes, StandardCharsets.US_ASCII).lines()).allMatch(line -> line.length() <= 78);
        assertThat(attachmentOf(parsed(bytes)).getFileName()).isEqualTo(filename);
    }

    @Test
    void keepsOnlyLastPathSegmentOfFilename() throws Exception {
        OutgoingLetter letter = withAttachment("../../evil.sh", "text/plain", new byte[] {'x'});

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(attachmentOf(message).getFileName()).isEqualTo("evil.sh");
    }

    @Test
    void attachesContentAsBase64WithItsTypeAndDisposition() throws Exception {
        byte[] content = {0, 1, 2, (byte) 0xff, '\r', '\n'};
        OutgoingLetter letter = withAttachment("scan.pdf", "application/pdf", content);

        MimeMessage message = parsed(letterComposer.compose(letter));

        jakarta.mail.internet.MimeBodyPart attachment = (jakarta.mail.internet.MimeBodyPart) attachmentOf(message);
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        assertThat(attachment.getContentType()).isEqualTo("application/pdf");
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getEncoding()).isEqualTo("base64");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(content);
    }

    @Test
    void refusesContentTypeThatIsNotTypeSlashSubtype() {
        OutgoingLetter letter = withAttachment("a.pdf", "pdf", new byte[] {1});

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessageStartingWith("attachments[0].contentType: 'pdf'");
    }

    @Test
    void composesTextAndHtmlAsMultipartAlternative() throws Exception {
        OutgoingLetter letter = withBodies("ได้รับหนังสือแล้ว", "<p>ได้รับหนังสือแล้ว</p>");

        MimeMessage message = parsed(letterComposer.compose(letter));

        Multipart alternative = (Multipart) message.getContent();
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("ได้รับหนังสือแล้ว");
        assertThat(alternative.getBodyPart(1).getContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>ได้รับหนังสือแล้ว</p>");
    }

    @Test
    void composesTextOnlyAsUtf8PlainTextWithCrlfLineBreaks() throws Exception {
        OutgoingLetter letter = withBodies("เรียน คุณสมชาย\nได้รับหนังสือแล้ว", null);

        MimeMessage message = parsed(letterComposer.compose(letter));

        assertThat(message.getContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(message.getContent()).isEqualTo("เรียน คุณสมชาย\r\nได้รับหนังสือแล้ว");
    }

    @Test
    void refusesLetterWithoutAnyBody() {
        OutgoingLetter letter = withBodies(null, null);

        assertThatThrownBy(() -> letterComposer.compose(letter))
                .isInstanceOf(InvalidOutgoingLetterException.class)
                .hasMessage("textBody: a text or an HTML body is required");
    }

    @Test
    void writesNoHeaderBeyondTheAllowedSet() throws Exception {
        OutgoingLetter letter = new OutgoingLetter(CENTRAL, List.of("somchai@example.co.th"), THAI_SUBJECT,
                "<saraban.1@agency.go.th>", "<a@b>", List.of("<a@b>"), "text", "<p>html</p>",
                List.of(new OutgoingAttachment("ใบรับ.pdf", "application/pdf", new byte[] {1})), true);

        MimeMessage message = parsed(letterComposer.compose(letter));

        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            names.add(header.getName().toLowerCase(Locale.ROOT));
        }
        assertThat(names).doesNotHaveDuplicates().allMatch(ALLOWED_HEADERS::contains)
                .contains("date", "from", "to", "subject", "message-id", "in-reply-to", "references",
                        "mime-version", "auto-submitted", "x-auto-response-suppress", "content-type");
    }

    @Test
    void composesTheSameBytesForTheSameLetter() {
        OutgoingLetter letter = withSubject(THAI_SUBJECT);

        byte[] first = letterComposer.compose(letter);
        byte[] second = letterComposer.compose(letter);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void newMessageIdIsRandomOnTheCentralDomain() {
        String messageId = LetterComposer.newMessageId("Saraban@Agency.GO.th");

        assertThat(messageId).matches("<saraban\\.[0-9a-f]{32}@agency\\.go\\.th>");
        assertThat(LetterComposer.newMessageId(CENTRAL)).isNotEqualTo(messageId);
    }
}
