package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.mail.MailboxCheck;

/** The check-mailbox route end to end: GreenMail as the agency's server, a real PostgreSQL. */
class IngestionPipelineTest extends GatewayTestSupport {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);


    @BeforeEach
    void startGateway() {
        startGateway(Map.of(), NOW);
    }

    @Test
    void registersLetterWithNumberTimesAndRawBytes() {
        byte[] raw = Letters.letter("<req-1@citizen.example>", "สมชาย ใจดี <somchai+saraban@citizen.example>",
                "ขอสำเนาทะเบียนบ้าน", "เรียน นายอำเภอ\nขอสำเนาทะเบียนบ้าน");
        mailServer.deliver(raw, OffsetDateTime.parse("2026-11-24T10:15:00+07:00"));

        MailboxCheck check = gateway.checkMailbox();

        Map<String, Object> entry = rows.single("SELECT * FROM incoming_register");
        assertThat(entry.get("mailbox")).isEqualTo(TestMailServer.CENTRAL);
        assertThat(entry.get("register_year")).isEqualTo(2569);
        assertThat(entry.get("register_no")).isEqualTo(1);
        assertThat(instant(entry, "received_at")).isEqualTo("2026-11-24T03:15:00Z");
        assertThat(instant(entry, "deemed_received_at")).isEqualTo("2026-11-24T03:15:00Z");
        assertThat(instant(entry, "registered_at")).isEqualTo(NOW.instant());
        assertThat(entry.get("subject")).isEqualTo("ขอสำเนาทะเบียนบ้าน");
        assertThat(entry.get("sender_address")).isEqualTo("somchai+saraban@citizen.example");
        assertThat(entry.get("sender_name")).isEqualTo("สมชาย ใจดี");
        assertThat(entry.get("message_id")).isEqualTo("<req-1@citizen.example>");
        assertThat(entry.get("date_header")).isEqualTo("Tue, 24 Nov 2026 09:58:00 +0700");
        assertThat((String) entry.get("body_text")).contains("ขอสำเนาทะเบียนบ้าน");
        assertThat((byte[]) entry.get("raw_mime")).isEqualTo(raw);
        assertThat(entry.get("raw_sha256")).isEqualTo(Letters.sha256(raw));
        assertThat(entry.get("raw_size")).isEqualTo((long) raw.length);
        assertThat(entry.get("status")).isEqualTo("registered");
        assertThat(check.found()).isEqualTo(1);
        assertThat(rows.single("SELECT outcome, messages_found, messages_registered, error_text FROM mailbox_check"))
                .containsEntry("outcome", "ok").containsEntry("messages_found", 1)
                .containsEntry("messages_registered", 1).containsEntry("error_text", null);
    }

    @Test
    void deemsFridayEveningLetterReceivedAtMondayOpening() {
        mailServer.deliver(Letters.letter("ร้องเรียนถนนชำรุด"), OffsetDateTime.parse("2026-11-20T18:40:00+07:00"));

        gateway.checkMailbox();

        Map<String, Object> entry = rows.single("SELECT received_at, deemed_received_at FROM incoming_register");
        assertThat(instant(entry, "received_at")).isEqualTo("2026-11-20T11:40:00Z");
        assertThat(instant(entry, "deemed_received_at")).isEqualTo("2026-11-23T01:30:00Z");
    }

    @Test
    void numbersInArrivalOrderAndRestartsAtOneInNewBuddhistYear() {
        mailServer.deliver(Letters.letter("a"), OffsetDateTime.parse("2026-12-29T09:00:00+07:00"));
        mailServer.deliver(Letters.letter("b"), OffsetDateTime.parse("2026-12-29T09:05:00+07:00"));
        mailServer.deliver(Letters.letter("c"), OffsetDateTime.parse("2026-12-30T17:00:00+07:00"));
        mailServer.deliver(Letters.letter("d"), OffsetDateTime.parse("2027-01-04T10:00:00+07:00"));

        gateway.checkMailbox();

        assertThat(rows.query("SELECT subject, register_year, register_no FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("subject") + " " + r.get("register_year") + "/" + r.get("register_no"))
                .containsExactly("a 2569/1", "b 2569/2", "c 2570/1", "d 2570/2");
    }

    @Test
    void doesNotRegisterAgainOnNextCheckOrAfterRestart() {
        mailServer.deliver(Letters.letter("หนึ่ง"), OffsetDateTime.parse("2026-11-24T10:00:00+07:00"));
        gateway.checkMailbox();
        MailboxCheck second = gateway.checkMailbox();
        gateway.close();
        gateway = GatewayUnderTest.start(GatewayUnderTest.settingsFor(mailServer, database), NOW);
        mailServer.deliver(Letters.letter("สอง"), OffsetDateTime.parse("2026-11-24T11:00:00+07:00"));

        MailboxCheck afterRestart = gateway.checkMailbox();

        assertThat(second.found()).isZero();
        assertThat(afterRestart.found()).isEqualTo(1);
        assertThat(rows.query("SELECT subject, register_no FROM incoming_register ORDER BY register_no"))
                .extracting(r -> r.get("subject") + " " + r.get("register_no"))
                .containsExactly("หนึ่ง 1", "สอง 2");
    }

    @Test
    void registersBothLettersThatReuseOneMessageId() {
        mailServer.deliver(Letters.letter("<same@citizen.example>", "a@citizen.example", "first", "one"),
                OffsetDateTime.parse("2026-11-24T10:00:00+07:00"));
        mailServer.deliver(Letters.letter("<same@citizen.example>", "a@citizen.example", "second", "two"),
                OffsetDateTime.parse("2026-11-24T10:01:00+07:00"));

        gateway.checkMailbox();

        assertThat(rows.query("SELECT subject, register_no FROM incoming_register ORDER BY register_no"))
                .extracting(r -> r.get("subject") + " " + r.get("register_no"))
                .containsExactly("first 1", "second 2");
    }

    @Test
    void registersLetterAnOfficerAlreadyRead() {
        mailServer.deliver(Letters.letter("อ่านแล้ว"), OffsetDateTime.parse("2026-11-24T10:00:00+07:00"),
                Flags.Flag.SEEN);

        gateway.checkMailbox();

        assertThat(rows.single("SELECT subject, imap_flags FROM incoming_register"))
                .containsEntry("subject", "อ่านแล้ว")
                .hasEntrySatisfying("imap_flags", flags -> assertThat((String) flags).contains("\\Seen"));
    }

    @Test
    void registersBrokenMessageFromRawBytesForReviewAndGoesOnWithTheBatch() {
        byte[] broken = Letters.crlf("From: x@citizen.example\nSubject: =?x-unknown-charset?B?4Lij4Lix4Lia?=\n"
                + "Date: not a date at all\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n"
                + "--b1\nContent-Type: text/plain; charset=UTF-8\n\nเนื้อหา\n--b1\nContent-Type: application/pdf\n"
                + "Content-Transfer-Encoding: base64\n\n!!!not base64!!!\n");
        mailServer.deliver(Letters.letter("ก่อน"), OffsetDateTime.parse("2026-11-24T10:00:00+07:00"));
        mailServer.deliver(broken, OffsetDateTime.parse("2026-11-24T10:01:00+07:00"));
        mailServer.deliver(Letters.letter("หลัง"), OffsetDateTime.parse("2026-11-24T10:02:00+07:00"));

        gateway.checkMailbox();

        List<Map<String, Object>> entries = rows.query(
                "SELECT register_no, status, raw_sha256, problems FROM incoming_register ORDER BY imap_uid");
        assertThat(entries).extracting(r -> r.get("register_no") + " " + r.get("status"))
                .containsExactly("1 registered", "2 needs_review", "3 registered");
        assertThat(entries.get(1).get("raw_sha256")).isEqualTo(Letters.sha256(broken));
        assertThat((String) entries.get(1).get("problems")).isNotBlank();
    }

    @Test
    void overlappingChecksRegisterEachLetterOnceWithGaplessNumbers() {
        IntStream.range(0, 40).forEach(i -> mailServer.deliver(Letters.letter("letter " + i),
                OffsetDateTime.parse("2026-11-24T10:00:00+07:00").plusMinutes(i)));

        List<CompletableFuture<MailboxCheck>> checks = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(gateway::checkMailbox)).toList();
        checks.forEach(CompletableFuture::join);

        assertThat(rows.count("SELECT count(*) FROM incoming_register")).isEqualTo(40);
        assertThat(rows.query("SELECT register_no FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("register_no")).containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 40).boxed().toList());
        assertThat(checks.stream().mapToInt(c -> c.join().registered()).sum()).isEqualTo(40);
    }

    @Test
    void storesAttachmentsWithDecodedNamesAndDigests() {
        byte[] pdf = "%PDF-1.4 ใบคำร้อง".getBytes(StandardCharsets.UTF_8);
        byte[] raw = Letters.crlf("From: a@citizen.example\nSubject: attachment\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "ตามไฟล์แนบ\n--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename*=UTF-8''%E0%B8%84%E0%B8%B3%E0%B8%A3%E0%B9%89%E0%B8%AD%E0%B8%87.pdf\n\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pdf) + "\n--b--\n");
        mailServer.deliver(raw, OffsetDateTime.parse("2026-11-24T10:00:00+07:00"));

        gateway.checkMailbox();

        Map<String, Object> attachment = rows.single("SELECT a.filename, a.content_type, a.size, a.sha256, a.content"
                + " FROM incoming_attachment a JOIN incoming_register r ON r.id = a.entry_id");
        assertThat(attachment.get("filename")).isEqualTo("คำร้อง.pdf");
        assertThat((String) attachment.get("content_type")).startsWith("application/pdf");
        assertThat(attachment.get("size")).isEqualTo((long) pdf.length);
        assertThat(attachment.get("sha256")).isEqualTo(Letters.sha256(pdf));
        assertThat((byte[]) attachment.get("content")).isEqualTo(pdf);
    }

    @Test
    void recordsFailedCheckWhenMailServerIsDownAndRecoversWithoutRestart() {
        mailServer.stop();

        MailboxCheck failed = gateway.checkMailbox();
        mailServer.restart();
        mailServer.deliver(Letters.letter("หลังเซิร์ฟเวอร์กลับมา"), OffsetDateTime.parse("2026-11-24T10:00:00+07:00"));
        MailboxCheck recovered = gateway.checkMailbox();

        assertThat(rows.query("SELECT id, outcome, error_text FROM mailbox_check ORDER BY id"))
                .extracting(r -> r.get("outcome")).containsExactly("failed", "ok");
        assertThat((String) rows.single("SELECT error_text FROM mailbox_check WHERE id = ?", failed.id())
                .get("error_text")).contains("Connect");
        assertThat(recovered.registered()).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM incoming_register")).isEqualTo(1);
    }

    @Test
    void secondCheckOfLargeRegisteredMailboxFindsNothingToFetch() {
        IntStream.range(0, 300).forEach(i -> mailServer.deliver(Letters.letter("bulk " + i),
                OffsetDateTime.parse("2026-11-24T10:00:00+07:00")));
        MailboxCheck first = gateway.checkMailbox();

        MailboxCheck second = gateway.checkMailbox();

        assertThat(first.registered()).isEqualTo(300);
        assertThat(second.found()).isZero();
        assertThat(rows.single("SELECT last_seen_uid FROM mailbox_sync").get("last_seen_uid"))
                .isEqualTo(rows.single("SELECT max(imap_uid) AS m FROM incoming_register").get("m"));
    }

    private static Instant instant(Map<String, Object> row, String column) {
        return ((java.sql.Timestamp) row.get(column)).toInstant();
    }
}
