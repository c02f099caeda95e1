package th.go.saraban.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static th.go.saraban.gateway.mail.RawMessages.TIS_620;
import static th.go.saraban.gateway.mail.RawMessages.WINDOWS_874;
import static th.go.saraban.gateway.mail.RawMessages.bWord;
import static th.go.saraban.gateway.mail.RawMessages.line;
import static th.go.saraban.gateway.mail.RawMessages.message;
import static th.go.saraban.gateway.mail.RawMessages.qWord;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LetterReaderHeadersTest {

    private static final String THAI = "ขอเชิญประชุม เรื่อง งบประมาณ ๒๕๖๘";

    private final LetterReader letterReader = new LetterReader(ReadLimits.DEFAULTS);

    private static byte[] withSubject(Object subjectLine) {
        return message("From: somchai@example.go.th", "Message-ID: <1@example.go.th>", subjectLine, "", "body");
    }

    @Test
    void decodesBase64Utf8ThaiSubject() {
        byte[] raw = withSubject("Subject: " + bWord(THAI, StandardCharsets.UTF_8, "UTF-8"));

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo(THAI);
        assertThat(letter.needsReview()).isFalse();
    }

    @Test
    void decodesQuotedPrintableSubject() {
        byte[] raw = withSubject("Subject: Re: " + qWord(THAI, StandardCharsets.UTF_8, "utf-8"));

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo("Re: " + THAI);
    }

    @Test
    void decodesTis620Subject() {
        byte[] raw = withSubject("Subject: " + bWord(THAI, TIS_620, "TIS-620"));

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo(THAI);
        assertThat(letter.needsReview()).isFalse();
    }

    @Test
    void decodesWindows874SubjectWithTypographicQuotes() {
        String text = "“" + THAI + "”";
        byte[] raw = withSubject("Subject: " + qWord(text, WINDOWS_874, "windows-874"));

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo(text);
    }

    @Test
    void joinsThaiCharacterSplitAcrossTwoEncodedWords() {
        byte[] bytes = THAI.getBytes(StandardCharsets.UTF_8);
        String first = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, 0, 4));
        String second = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, 4, bytes.length));
        byte[] raw = withSubject("Subject: =?utf-8?B?" + first + "?=\r\n =?utf-8?B?" + second + "?=");

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo(THAI);
        assertThat(letter.needsReview()).isFalse();
    }

    @Test
    void recordsUnknownSubjectCharsetAndKeepsReading() {
        byte[] raw = withSubject("Subject: [ด่วน] =?x-foo?B?" + java.util.Base64.getEncoder()
                .encodeToString("hello".getBytes(StandardCharsets.US_ASCII)) + "?=");

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo("[ด่วน] hello");
        assertThat(letter.problems()).containsExactly("subject: unknown charset x-foo");
        assertThat(letter.messageId()).isEqualTo("<1@example.go.th>");
        assertThat(letter.bodyText()).isEqualTo("body\r\n");
    }

    @Test
    void decodesUndeclaredUtf8SubjectBytes() {
        byte[] raw = withSubject(line("Subject: ", THAI.getBytes(StandardCharsets.UTF_8)));

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo(THAI);
        assertThat(letter.needsReview()).isFalse();
    }

    @Test
    void decodesUndeclaredTis620SubjectBytes() {
        byte[] raw = withSubject(line("Subject: ", THAI.getBytes(TIS_620)));

        Letter letter = letterReader.read(raw);

        assertThat(letter.subject()).isEqualTo(THAI);
    }

    @Test
    void leavesMissingMessageIdAndDateNullWithoutProblem() {
        byte[] raw = message("From: somchai@example.go.th", "Subject: hello", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.messageId()).isNull();
        assertThat(letter.dateHeader()).isNull();
        assertThat(letter.sentAt()).isNull();
        assertThat(letter.problems()).isEmpty();
    }

    @Test
    void dropsDateWhoseYearNoDatabaseCanStore() {
        byte[] raw = message("From: somchai@example.go.th", "Date: Mon, 1 Jan 999999 00:00:00 +0000", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.dateHeader()).isEqualTo("Mon, 1 Jan 999999 00:00:00 +0000");
        assertThat(letter.sentAt()).isNull();
        assertThat(letter.problems()).singleElement().asString().startsWith("date: year 999999 out of range");
    }

    @Test
    void keepsUnparseableDateHeaderAndRecordsProblem() {
        byte[] raw = message("From: somchai@example.go.th", "Date: วันจันทร์ที่แล้ว", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.dateHeader()).isEqualTo("วันจันทร์ที่แล้ว");
        assertThat(letter.sentAt()).isNull();
        assertThat(letter.problems()).singleElement().asString().startsWith("date: unparseable");
    }

    @Test
    void parsesDateInTheSendersOffset() {
        byte[] raw = message("From: somchai@example.go.th", "Date: Mon, 3 Mar 2025 16:45:10 +0700 (ICT)", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.dateHeader()).isEqualTo("Mon, 3 Mar 2025 16:45:10 +0700 (ICT)");
        assertThat(letter.sentAt()).isEqualTo(OffsetDateTime.of(2025, 3, 3, 16, 45, 10, 0, ZoneOffset.ofHours(7)));
    }

    @Test
    void readsSenderAddressAndThaiName() {
        byte[] raw = message("From: " + bWord("สมชาย ใจดี", WINDOWS_874, "windows-874") + " <somchai@example.go.th>",
                "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.senderAddress()).isEqualTo("somchai@example.go.th");
        assertThat(letter.senderName()).isEqualTo("สมชาย ใจดี");
    }

    @Test
    void readsFirstMemberOfGroupSyntaxSender() {
        byte[] raw = message("From: Group: a@b.c;", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.senderAddress()).isEqualTo("a@b.c");
        assertThat(letter.senderName()).isEqualTo("Group");
        assertThat(letter.problems()).isEmpty();
    }

    @Test
    void readsMessageAddressedToUndisclosedRecipients() {
        byte[] raw = message("From: somchai@example.go.th", "To: undisclosed-recipients:;", "Subject: hi", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.senderAddress()).isEqualTo("somchai@example.go.th");
        assertThat(letter.problems()).isEmpty();
    }

    @Test
    void keepsInternationalisedDomainAddressAsWritten() {
        byte[] raw = message("From: \"ผอ.\" <ผู้อำนวยการ@กระทรวง.ไทย>", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.senderAddress()).isEqualTo("ผู้อำนวยการ@กระทรวง.ไทย");
        assertThat(letter.senderName()).isEqualTo("ผอ.");
        assertThat(letter.problems()).isEmpty();
    }

    @Test
    void keepsPlusTagInSenderAddress() {
        byte[] raw = message("From: Somchai <somchai+saraban@example.go.th>", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.senderAddress()).isEqualTo("somchai+saraban@example.go.th");
    }

    @Test
    void leavesEmptySenderNullWithoutProblem() {
        byte[] raw = message("From: ", "Subject: hello", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.senderAddress()).isNull();
        assertThat(letter.senderName()).isNull();
        assertThat(letter.problems()).isEmpty();
    }

    @Test
    void recordsProblemForUnparseableSender() {
        byte[] raw = message("From: \"Somchai <somchai@example.go.th", "Subject: hello", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.senderAddress()).isNull();
        assertThat(letter.subject()).isEqualTo("hello");
        assertThat(letter.problems()).singleElement().asString().startsWith("from: unparseable");
    }

    @Test
    void trimsMessageId() {
        byte[] raw = message("Message-ID:   <abc@example.go.th>  ", "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.messageId()).isEqualTo("<abc@example.go.th>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Auto-Submitted: auto-replied",
        "Auto-Submitted: auto-generated (vacation)",
        "Precedence: bulk",
        "Precedence: junk",
        "Precedence: list",
        "List-Id: <news.example.go.th>",
        "List-Unsubscribe: <mailto:leave@example.go.th>",
        "List-Post: NO",
        "Return-Path: <>"})
    void marksAutomaticMailByHeader(String header) {
        byte[] raw = message("From: somchai@example.go.th", header, "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.autoSubmitted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@mx.example.go.th", "Mail Delivery <postmaster@example.go.th>"})
    void marksBouncesAsAutomatic(String from) {
        byte[] raw = message("From: " + from, "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.autoSubmitted()).isTrue();
    }

    @Test
    void doesNotMarkAutoSubmittedNoAsAutomatic() {
        byte[] raw = message("From: somchai@example.go.th", "Auto-Submitted: no", "Return-Path: <somchai@example.go.th>",
                "", "body");

        Letter letter = letterReader.read(raw);

        assertThat(letter.autoSubmitted()).isFalse();
    }
}
