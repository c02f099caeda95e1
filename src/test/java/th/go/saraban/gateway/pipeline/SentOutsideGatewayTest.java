package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.outbound.SentFolderScan;

/**
 * Mail an officer sent from the central mailbox's webmail: found in the sent folder by the
 * register-sent-mail route and registered in the sending register once, next to the gateway's own.
 */
class SentOutsideGatewayTest extends GatewayTestSupport {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:15:00+07:00");
    private static final OffsetDateTime TUESDAY_AFTERNOON = OffsetDateTime.parse("2026-11-24T14:00:00+07:00");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);
    private Webmail webmail;

    private void start(Map<String, String> overrides) {
        startGateway(overrides, clock);
        webmail = new Webmail(mailServer);
    }

    private long registerLetter(String messageId) {
        mailServer.deliver(Letters.letter(messageId, "สมชาย <somchai@citizen.example>", "ขอสำเนาทะเบียนบ้าน",
                "เรียน นายอำเภอ"), TUESDAY_MORNING);
        gateway.checkMailbox();
        return (Long) rows.single("SELECT max(id) AS id FROM incoming_register").get("id");
    }

    private static byte[] fromWebmail(String messageId, String to, String subject, String extraHeaders) {
        return Letters.crlf("From: " + TestMailServer.CENTRAL + "\n"
                + "To: " + to + "\n"
                + extraHeaders
                + "Subject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                        subject.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=\n"
                + "Message-ID: " + messageId + "\n"
                + "Date: Tue, 24 Nov 2026 14:00:00 +0700\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n"
                + "เรียน คุณสมชาย\nตอบจากเว็บเมล\n");
    }

    @Test
    void registersTwoWebmailMessagesOnceEachAfterTheGatewaysOwnEntry() {
        start(Map.of());
        registerLetter("<req-1@citizen.example>");
        gateway.sendOutbox();
        byte[] first = fromWebmail("<webmail-1@agency.go.th>",
                "=?UTF-8?B?4Liq4Lih4LiK4Liy4Lii?= <somchai@citizen.example>", "แจ้งผลการพิจารณา",
                "Cc: boss@agency.go.th\nBcc: archive@agency.go.th\n");
        byte[] second = fromWebmail("<webmail-2@agency.go.th>", "other@citizen.example", "นัดหมาย", "");
        webmail.append("Sent", first, TUESDAY_AFTERNOON);
        webmail.append("Sent", second, TUESDAY_AFTERNOON.plusMinutes(5));

        SentFolderScan run = gateway.registerSentMail();
        SentFolderScan again = gateway.registerSentMail();

        assertThat(run.registered()).isEqualTo(2);
        assertThat(run.registeredNumbers()).isEqualTo("2569/2-3");
        assertThat(again.registered()).isZero();
        assertThat(again.failure()).isNull();
        assertThat(rows.query("SELECT register_year, register_no, origin, message_id FROM sending_register"
                + " ORDER BY register_no")).extracting(r -> r.get("register_year") + "/" + r.get("register_no")
                + " " + r.get("origin") + " " + r.get("message_id"))
                .containsExactly("2569/1 gateway " + rows.single("SELECT message_id FROM outgoing_message")
                                .get("message_id"),
                        "2569/2 outside <webmail-1@agency.go.th>", "2569/3 outside <webmail-2@agency.go.th>");
        Map<String, Object> entry = rows.single("SELECT * FROM sending_register WHERE message_id = ?",
                "<webmail-1@agency.go.th>");
        assertThat((byte[]) entry.get("raw_mime")).isEqualTo(first);
        assertThat(entry).containsEntry("raw_sha256", Letters.sha256(first))
                .containsEntry("raw_size", (long) first.length)
                .containsEntry("from_address", TestMailServer.CENTRAL)
                .containsEntry("recipients", "somchai@citizen.example,boss@agency.go.th,archive@agency.go.th")
                .containsEntry("to_header", "สมชาย <somchai@citizen.example>")
                .containsEntry("cc_header", "boss@agency.go.th")
                .containsEntry("bcc_header", "archive@agency.go.th")
                .containsEntry("subject", "แจ้งผลการพิจารณา")
                .containsEntry("date_header", "Tue, 24 Nov 2026 14:00:00 +0700")
                .containsEntry("sent_folder", "Sent")
                .containsEntry("outgoing_id", null)
                .containsEntry("remarks", null);
        assertThat(((Timestamp) entry.get("sent_at")).toInstant()).isEqualTo(TUESDAY_AFTERNOON.toInstant());
        assertThat(((Timestamp) entry.get("registered_at")).toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void gatewaysOwnCopyInSentIsByteExactAndNotRegisteredAgain() {
        start(Map.of());
        registerLetter("<req-1@citizen.example>");
        gateway.sendOutbox();

        SentFolderScan run = gateway.registerSentMail();

        List<byte[]> inSent = webmail.rawMessages("Sent");
        assertThat(inSent).hasSize(1);
        assertThat(Letters.sha256(inSent.get(0)))
                .isEqualTo(rows.single("SELECT raw_sha256 FROM outgoing_message").get("raw_sha256"));
        assertThat(run.found()).isEqualTo(1);
        assertThat(run.registered()).isZero();
        assertThat(rows.query("SELECT origin, register_no FROM sending_register"))
                .extracting(r -> r.get("origin") + " " + r.get("register_no")).containsExactly("gateway 1");
    }

    @Test
    void messageClaimingOurMessageIdWithOtherBytesIsRegisteredAsOutside() {
        start(Map.of());
        registerLetter("<req-1@citizen.example>");
        gateway.sendOutbox();
        String ackId = (String) rows.single("SELECT message_id FROM outgoing_message").get("message_id");
        byte[] forged = fromWebmail(ackId, "somchai@citizen.example", "ไม่ใช่สำเนาของเรา", "");
        webmail.append("Sent", forged, TUESDAY_AFTERNOON);

        SentFolderScan run = gateway.registerSentMail();

        assertThat(run.registered()).isEqualTo(1);
        assertThat(rows.query("SELECT origin, register_no, message_id, raw_sha256 FROM sending_register"
                + " ORDER BY register_no")).extracting(r -> r.get("origin") + " " + r.get("register_no") + " "
                + r.get("message_id") + " " + r.get("raw_sha256"))
                .containsExactly("gateway 1 " + ackId + " "
                                + rows.single("SELECT raw_sha256 FROM outgoing_message").get("raw_sha256"),
                        "outside 2 " + ackId + " " + Letters.sha256(forged));
    }

    @Test
    void webmailReplyIsLinkedToTheIncomingLetterItCites() {
        start(Map.of("saraban.ack.enabled", "false"));
        long letter = registerLetter("<req-7@citizen.example>");
        // a mail program that left the brackets off; the reply cites it with them
        long bare = registerLetter("req-8@citizen.example");
        webmail.append("Sent", fromWebmail("<reply-1@agency.go.th>", "somchai@citizen.example",
                "Re: ขอสำเนาทะเบียนบ้าน", "In-Reply-To: <req-7@citizen.example>\n"
                        + "References: <req-7@citizen.example>\n"), TUESDAY_AFTERNOON);
        webmail.append("Sent", fromWebmail("<other-1@agency.go.th>", "someone@citizen.example", "เรื่องอื่น",
                "References: <unknown@elsewhere.example>\n"), TUESDAY_AFTERNOON.plusMinutes(1));
        webmail.append("Sent", fromWebmail("<reply-2@agency.go.th>", "somchai@citizen.example", "Re: ขอสำเนา",
                "In-Reply-To: <req-8@citizen.example>\n"), TUESDAY_AFTERNOON.plusMinutes(2));

        gateway.registerSentMail();

        assertThat(rows.query("SELECT message_id, answers_entry_id FROM sending_register ORDER BY register_no"))
                .extracting(r -> r.get("message_id") + " " + r.get("answers_entry_id"))
                .containsExactly("<reply-1@agency.go.th> " + letter, "<other-1@agency.go.th> null",
                        "<reply-2@agency.go.th> " + bare);
    }

    @Test
    void missingSentFolderIsQuietAndRegistersNothing() {
        start(Map.of("saraban.ack.enabled", "false"));
        SentFolderScan run;

        try (CapturedLog log = CapturedLog.capture()) {
            run = gateway.registerSentMail();

            assertThat(log.lines()).noneMatch(line -> line.contains("th.go.saraban.gateway.sent"));
        }

        assertThat(run.folderMissing()).isTrue();
        assertThat(run.failure()).isNull();
        assertThat(rows.count("SELECT count(*) FROM sending_register")).isZero();
    }

    @Test
    void blankSentFolderReadsNothing() {
        start(Map.of("saraban.smtp.sent-folder", ""));
        webmail.append("Sent", fromWebmail("<webmail-1@agency.go.th>", "somchai@citizen.example", "ตอบ", ""),
                TUESDAY_AFTERNOON);

        SentFolderScan run = gateway.registerSentMail();

        assertThat(run.found()).isZero();
        assertThat(rows.count("SELECT count(*) FROM sending_register")).isZero();
    }

    @Test
    void restartRegistersNothingTwice() {
        start(Map.of("saraban.ack.enabled", "false"));
        webmail.append("Sent", fromWebmail("<webmail-1@agency.go.th>", "a@citizen.example", "หนึ่ง", ""),
                TUESDAY_AFTERNOON);
        webmail.append("Sent", fromWebmail("<webmail-2@agency.go.th>", "b@citizen.example", "สอง", ""),
                TUESDAY_AFTERNOON.plusMinutes(1));
        gateway.registerSentMail();
        gateway.close();
        gateway = null;
        start(Map.of("saraban.ack.enabled", "false"));

        SentFolderScan afterRestart = gateway.registerSentMail();

        assertThat(afterRestart.found()).isZero();
        assertThat(afterRestart.registered()).isZero();
        assertThat(rows.query("SELECT register_no, message_id FROM sending_register ORDER BY register_no"))
                .extracting(r -> r.get("register_no") + " " + r.get("message_id"))
                .containsExactly("1 <webmail-1@agency.go.th>", "2 <webmail-2@agency.go.th>");
    }

    @Test
    void sentFolderRecreatedWithNewUidValidityRegistersOnlyWhatIsNew() {
        start(Map.of("saraban.ack.enabled", "false"));
        byte[] first = fromWebmail("<webmail-1@agency.go.th>", "a@citizen.example", "หนึ่ง", "");
        byte[] second = fromWebmail("<webmail-2@agency.go.th>", "b@citizen.example", "สอง", "");
        webmail.append("Sent", first, TUESDAY_AFTERNOON);
        webmail.append("Sent", second, TUESDAY_AFTERNOON.plusMinutes(1));
        SentFolderScan before = gateway.registerSentMail();
        webmail.deleteFolder("Sent");
        webmail.append("Sent", first, TUESDAY_AFTERNOON);
        webmail.append("Sent", second, TUESDAY_AFTERNOON.plusMinutes(1));
        byte[] third = fromWebmail("<webmail-3@agency.go.th>", "c@citizen.example", "สาม", "");
        webmail.append("Sent", third, TUESDAY_AFTERNOON.plusMinutes(2));

        SentFolderScan after = gateway.registerSentMail();

        assertThat(after.uidValidity()).isNotEqualTo(before.uidValidity());
        assertThat(after.found()).isEqualTo(3);
        assertThat(after.registered()).isEqualTo(1);
        assertThat(rows.query("SELECT register_no, message_id, imap_uidvalidity FROM sending_register"
                + " ORDER BY register_no")).extracting(r -> r.get("register_no") + " " + r.get("message_id")
                + " " + r.get("imap_uidvalidity"))
                .containsExactly("1 <webmail-1@agency.go.th> " + before.uidValidity(),
                        "2 <webmail-2@agency.go.th> " + before.uidValidity(),
                        "3 <webmail-3@agency.go.th> " + after.uidValidity());
    }

    @Test
    void numbersFollowTheBuddhistEraYearOfTheTimeInTheAgencysZone() {
        start(Map.of("saraban.ack.enabled", "false"));
        webmail.append("Sent", fromWebmail("<old-year@agency.go.th>", "a@citizen.example", "ปีเก่า", ""),
                OffsetDateTime.parse("2025-12-31T23:50:00+07:00"));
        // still 31 December in UTC, already 1 January 2026 (2569) in Bangkok
        webmail.append("Sent", fromWebmail("<new-year@agency.go.th>", "b@citizen.example", "ปีใหม่", ""),
                OffsetDateTime.parse("2026-01-01T00:05:00+07:00"));

        SentFolderScan run = gateway.registerSentMail();

        assertThat(run.registeredNumbers()).isEqualTo("2568/1, 2569/1");
        assertThat(rows.query("SELECT register_year, register_no, message_id FROM sending_register ORDER BY id"))
                .extracting(r -> r.get("register_year") + "/" + r.get("register_no") + " " + r.get("message_id"))
                .containsExactly("2568/1 <old-year@agency.go.th>", "2569/1 <new-year@agency.go.th>");
    }

    @Test
    void messageOverTheSizeLimitIsRegisteredFromItsHeadersWithARemark() {
        start(Map.of("saraban.ack.enabled", "false", "saraban.max-message-megabytes", "1"));
        byte[] large = Letters.crlf("From: " + TestMailServer.CENTRAL + "\nTo: somchai@citizen.example\n"
                + "Subject: large\nMessage-ID: <large-1@agency.go.th>\n\n" + "x".repeat(2 * 1024 * 1024) + "\n");
        webmail.append("Sent", large, TUESDAY_AFTERNOON);

        SentFolderScan run = gateway.registerSentMail();

        assertThat(run.registered()).isEqualTo(1);
        Map<String, Object> entry = rows.single("SELECT * FROM sending_register");
        assertThat(entry).containsEntry("message_id", "<large-1@agency.go.th>")
                .containsEntry("subject", "large")
                .containsEntry("raw_mime", null)
                .containsEntry("raw_sha256", null);
        // the size as the server reports it (GreenMail counts the body only)
        assertThat((Long) entry.get("raw_size")).isGreaterThan(1024L * 1024L);
        assertThat((String) entry.get("remarks")).isEqualTo("message of " + entry.get("raw_size")
                + " bytes is over the size limit: registered from its headers, content left in folder Sent");
    }

    @Test
    void scheduleRegistersSentMailWithoutBeingAsked() {
        start(Map.of("saraban.ack.enabled", "false", "saraban.check.enabled", "true",
                "saraban.check.cron", "* * * * * ?"));

        webmail.append("Sent", fromWebmail("<webmail-1@agency.go.th>", "a@citizen.example", "ตามกำหนดเวลา", ""),
                TUESDAY_AFTERNOON);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(rows.query("SELECT origin, subject FROM sending_register"))
                        .extracting(r -> r.get("origin") + " " + r.get("subject"))
                        .containsExactly("outside ตามกำหนดเวลา"));
    }

    @Test
    void twoRunsAtOnceRegisterEachMessageOnceWithGaplessNumbers() throws Exception {
        start(Map.of("saraban.ack.enabled", "false", "saraban.check.batch-size", "2"));
        for (int i = 1; i <= 7; i++) {
            webmail.append("Sent", fromWebmail("<webmail-" + i + "@agency.go.th>", "a@citizen.example", "ตอบ " + i,
                    ""), TUESDAY_AFTERNOON.plusMinutes(i));
        }

        CompletableFuture<SentFolderScan> one = CompletableFuture.supplyAsync(gateway::registerSentMail);
        CompletableFuture<SentFolderScan> other = CompletableFuture.supplyAsync(gateway::registerSentMail);

        assertThat(one.get().registered() + other.get().registered()).isEqualTo(7);
        assertThat(rows.query("SELECT register_no, message_id FROM sending_register ORDER BY register_no"))
                .extracting(r -> r.get("register_no") + " " + r.get("message_id"))
                .containsExactly("1 <webmail-1@agency.go.th>", "2 <webmail-2@agency.go.th>",
                        "3 <webmail-3@agency.go.th>", "4 <webmail-4@agency.go.th>", "5 <webmail-5@agency.go.th>",
                        "6 <webmail-6@agency.go.th>", "7 <webmail-7@agency.go.th>");
    }

    @Test
    void passesOverMailThatEnteredTheFolderBeforeTheStartDate() {
        start(Map.of("saraban.ack.enabled", "false", "saraban.check.start-date", "2026-11-24"));
        webmail.append("Sent", fromWebmail("<before@agency.go.th>", "a@citizen.example", "ก่อน", ""),
                OffsetDateTime.parse("2026-11-23T23:59:00+07:00"));
        webmail.append("Sent", fromWebmail("<after@agency.go.th>", "a@citizen.example", "หลัง", ""),
                OffsetDateTime.parse("2026-11-24T00:00:00+07:00"));

        SentFolderScan run = gateway.registerSentMail();

        assertThat(run.found()).isEqualTo(2);
        assertThat(rows.query("SELECT register_no, message_id FROM sending_register"))
                .extracting(r -> r.get("register_no") + " " + r.get("message_id"))
                .containsExactly("1 <after@agency.go.th>");
    }

    @Test
    void logsOneInfoLineForARunThatRegisteredAndNothingForOneThatDidNot() {
        start(Map.of("saraban.ack.enabled", "false"));
        webmail.append("Sent", fromWebmail("<webmail-1@agency.go.th>", "a@citizen.example", "หนึ่ง", ""),
                TUESDAY_AFTERNOON);
        webmail.append("Sent", fromWebmail("<webmail-2@agency.go.th>", "b@citizen.example", "สอง", ""),
                TUESDAY_AFTERNOON.plusMinutes(1));

        try (CapturedLog log = CapturedLog.capture()) {
            gateway.registerSentMail();
            gateway.registerSentMail();

            assertThat(log.lines()).filteredOn(line -> line.contains("th.go.saraban.gateway.sent")).containsExactly(
                    "INFO th.go.saraban.gateway.sent - Registered 2 messages sent outside the gateway from folder Sent"
                            + " of " + TestMailServer.CENTRAL + " as 2569/1-2");
        }
    }

    @Test
    void mailServerDownFailsTheRunWithOneErrorLineAndTheNextRunRegisters() {
        start(Map.of("saraban.ack.enabled", "false"));
        mailServer.stop();
        SentFolderScan failed;

        try (CapturedLog log = CapturedLog.capture()) {
            failed = gateway.registerSentMail();

            assertThat(log.lines()).filteredOn(line -> line.contains("th.go.saraban.gateway.sent"))
                    .singleElement().satisfies(line -> assertThat(line)
                            .startsWith("ERROR th.go.saraban.gateway.sent - Reading folder Sent of "
                                    + TestMailServer.CENTRAL + " failed, the next run retries: "));
        }
        mailServer.restart();
        webmail.append("Sent", fromWebmail("<webmail-1@agency.go.th>", "a@citizen.example", "หลังกลับมา", ""),
                TUESDAY_AFTERNOON);
        SentFolderScan recovered = gateway.registerSentMail();

        assertThat(failed.failure()).isNotBlank();
        assertThat(recovered.failure()).isNull();
        assertThat(recovered.registered()).isEqualTo(1);
    }

    @Test
    void messageTheServerWillNotHandOverIsRegisteredWithoutBytesAndDoesNotBlockTheRest() throws Exception {
        List<byte[]> sent = List.of(fromWebmail("<w1@agency.go.th>", "a@citizen.example", "ก่อน", ""),
                fromWebmail("<w2@agency.go.th>", "b@citizen.example", "เสีย", ""),
                fromWebmail("<w3@agency.go.th>", "c@citizen.example", "หลัง", ""));
        try (RefusingImapServer server = new RefusingImapServer(sent, 2)) {
            start(Map.of("saraban.ack.enabled", "false", "saraban.imap.port", Integer.toString(server.port())));

            SentFolderScan first = gateway.registerSentMail();
            SentFolderScan second = gateway.registerSentMail();

            assertThat(first.registered()).isEqualTo(3);
            assertThat(second.registered()).isZero();
            assertThat(rows.query("SELECT imap_uid, register_no, subject, raw_sha256 FROM sending_register"
                    + " ORDER BY imap_uid")).extracting(r -> r.get("imap_uid") + " " + r.get("register_no") + " "
                    + r.get("subject") + " " + r.get("raw_sha256"))
                    .containsExactly("1 1 ก่อน " + Letters.sha256(sent.get(0)), "2 2 null null",
                            "3 3 หลัง " + Letters.sha256(sent.get(2)));
            assertThat((String) rows.single("SELECT remarks FROM sending_register WHERE imap_uid = 2").get("remarks"))
                    .startsWith("the mail server would not hand this message over: ")
                    .endsWith("; its content is still in folder Sent");
        }
    }
}
