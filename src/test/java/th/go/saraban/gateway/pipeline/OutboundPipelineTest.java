package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.outbound.OutgoingAttachment;
import th.go.saraban.gateway.outbound.ReplyRefusedException;
import th.go.saraban.gateway.outbound.ReplyRequest;

/** The send-outbox route end to end: GreenMail's SMTP and IMAP, a real PostgreSQL. */
class OutboundPipelineTest extends GatewayTestSupport {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:15:00+07:00");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);

    private void start(Map<String, String> overrides) {
        startGateway(overrides, clock);
    }

    private long registerLetterFrom(String from, String extraHeaders) {
        mailServer.deliver(letterFrom(extraHeaders, from), TUESDAY_MORNING);
        gateway.checkMailbox();
        return (Long) rows.single("SELECT max(id) AS id FROM incoming_register").get("id");
    }

    private static byte[] letterFrom(String from) {
        return letterFrom("", from);
    }

    private static byte[] letterFrom(String extraHeaders, String from) {
        return Letters.crlf(extraHeaders + "From: " + from + "\nTo: " + TestMailServer.CENTRAL
                + "\nSubject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                "ขอสำเนาทะเบียนบ้าน".getBytes(StandardCharsets.UTF_8)) + "?=\nMessage-ID: <req-" + System.nanoTime()
                + "@citizen.example>\nDate: Tue, 24 Nov 2026 10:10:00 +0700\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "เรียน นายอำเภอ\n");
    }

    @Test
    void outboxRunThatSentEverythingEndsWithoutAnError() {
        start(Map.of());
        mailServer.deliver(Letters.letter("<req-9@citizen.example>", "สมชาย <somchai@citizen.example>",
                "ขอสำเนาทะเบียนบ้าน", "เรียน นายอำเภอ"), TUESDAY_MORNING);
        gateway.checkMailbox();

        try (CapturedLog log = CapturedLog.capture()) {
            gateway.sendOutbox();

            // the run stops when no row is due, instead of going round once more with its last attempt
            assertThat(mailServer.receivedAt("citizen.example")).hasSize(1);
            assertThat(log.lines()).noneMatch(line -> line.contains("Outbox run failed"));
        }
        assertThat(rows.single("SELECT status, attempts FROM outgoing_message"))
                .containsEntry("status", "sent").containsEntry("attempts", 1);
    }

    @Test
    void acknowledgementArrivesWithStampAndThreadingHeaders() throws Exception {
        start(Map.of("saraban.auth.authserv-id", "mx.agency.go.th"));
        // only an authenticated sender's subject is repeated in the acknowledgement
        mailServer.deliver((new String(Letters.crlf("Authentication-Results: mx.agency.go.th; dmarc=pass"
                + " header.from=citizen.example\n"), StandardCharsets.UTF_8) + new String(Letters.letter(
                "<req-1@citizen.example>", "สมชาย <somchai@citizen.example>", "ขอสำเนาทะเบียนบ้าน", "เรียน นายอำเภอ"),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), TUESDAY_MORNING);
        gateway.checkMailbox();

        gateway.sendOutbox();

        List<MimeMessage> arrived = mailServer.receivedAt("citizen.example");
        assertThat(arrived).hasSize(1);
        MimeMessage ack = arrived.get(0);
        assertThat(ack.getHeader("From", null)).isEqualTo(TestMailServer.CENTRAL);
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo("<req-1@citizen.example>");
        assertThat(ack.getHeader("References", null)).isEqualTo("<req-1@citizen.example>");
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getSubject()).isEqualTo("Re: ขอสำเนาทะเบียนบ้าน [รับ ๒๕๖๙/๑]");
        String body = ((String) ack.getContent()).replace("\r\n", "\n");
        assertThat(body).contains("เลขรับ ๑ วันที่ ๒๔ พฤศจิกายน ๒๕๖๙ เวลา ๑๐.๑๕ น.")
                .contains("ถือว่าหน่วยงานได้รับเมื่อ ๒๔ พฤศจิกายน ๒๕๖๙ เวลา ๑๐.๑๕ น.");
        Map<String, Object> sent = rows.single("SELECT s.register_year, s.register_no, s.recipients, s.message_id,"
                + " s.raw_sha256, s.raw_mime, s.answers_entry_id, r.id AS entry_id"
                + " FROM sending_register s JOIN incoming_register r ON r.id = s.answers_entry_id");
        assertThat(sent).containsEntry("register_year", 2569).containsEntry("register_no", 1)
                .containsEntry("recipients", "somchai@citizen.example")
                .containsEntry("message_id", ack.getMessageID());
        assertThat(sent.get("raw_sha256")).isEqualTo(Letters.sha256((byte[]) sent.get("raw_mime")));
        assertThat(rows.single("SELECT decision, reason FROM acknowledgement_decision"))
                .containsEntry("decision", "queued");
        assertThat(mailServer.folder("Sent")).extracting(MimeMessage::getMessageID)
                .containsExactly(ack.getMessageID());
    }

    @Test
    void neverAcknowledgesAutomaticBulkListBounceOrOwnMail() throws Exception {
        start(Map.of());
        registerLetterFrom("robot@citizen.example", "Auto-Submitted: auto-replied\n");
        registerLetterFrom("news@citizen.example", "Precedence: bulk\n");
        registerLetterFrom("list@citizen.example", "List-Id: <people.citizen.example>\n");
        registerLetterFrom("MAILER-DAEMON@citizen.example", "");
        registerLetterFrom(TestMailServer.CENTRAL, "");
        registerLetterFrom("person@citizen.example", "Auto-Submitted: no\n");

        gateway.sendOutbox();

        assertThat(rows.query("SELECT r.sender_address, d.decision FROM acknowledgement_decision d"
                + " JOIN incoming_register r ON r.id = d.entry_id ORDER BY r.id"))
                .extracting(r -> r.get("sender_address") + " " + r.get("decision"))
                .containsExactly("robot@citizen.example not_sent", "news@citizen.example not_sent",
                        "list@citizen.example not_sent", "MAILER-DAEMON@citizen.example not_sent",
                        TestMailServer.CENTRAL + " not_sent", "person@citizen.example queued");
        assertThat(rows.single("SELECT reason FROM acknowledgement_decision d JOIN incoming_register r"
                + " ON r.id = d.entry_id WHERE r.sender_address = ?", TestMailServer.CENTRAL).get("reason"))
                .isEqualTo("sent from the central address itself");
        assertThat(mailServer.receivedAt("citizen.example")).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactly("person@citizen.example");
    }

    @Test
    void doesNotAcknowledgeBacklogOlderThanMaxAge() {
        start(Map.of("saraban.ack.max-age-hours", "72"));
        mailServer.deliver(Letters.letter("ค้างมานาน"), OffsetDateTime.parse("2026-11-20T10:00:00+07:00"));

        gateway.checkMailbox();

        assertThat(rows.single("SELECT decision, reason FROM acknowledgement_decision"))
                .containsEntry("decision", "not_sent")
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("too old to acknowledge"));
    }

    @Test
    void dailyCapStopsAcknowledgementLoops() {
        start(Map.of("saraban.ack.daily-cap-per-recipient", "2"));

        IntStream.range(0, 3).forEach(i -> registerLetterFrom("loop@citizen.example", ""));

        assertThat(rows.query("SELECT decision, reason FROM acknowledgement_decision ORDER BY entry_id"))
                .extracting(r -> r.get("decision")).containsExactly("queued", "queued", "not_sent");
        assertThat((String) rows.query("SELECT reason FROM acknowledgement_decision ORDER BY entry_id").get(2)
                .get("reason")).startsWith("daily cap reached: 2 acknowledgements to loop@citizen.example");
    }

    /**
     * A backlog registers many letters in one transaction: the caps count the acknowledgements queued
     * earlier in the same batch as well as those of earlier checks, the daily one whatever the case of
     * the address.
     */
    @Test
    void capsCountAcknowledgementsQueuedEarlierInTheSameBatch() {
        start(Map.of("saraban.ack.daily-cap-per-recipient", "2", "saraban.ack.hourly-cap", "4"));
        registerLetterFrom("loop@citizen.example", "");
        List.of("Loop@Citizen.example", "loop@citizen.example", "a@citizen.example", "b@citizen.example",
                "c@citizen.example").forEach(from -> mailServer.deliver(letterFrom(from), TUESDAY_MORNING));

        gateway.checkMailbox();

        assertThat(rows.query("SELECT e.sender_address, d.decision, d.reason FROM acknowledgement_decision d"
                + " JOIN incoming_register e ON e.id = d.entry_id ORDER BY e.register_no"))
                .extracting(r -> r.get("sender_address") + " " + ("queued".equals(r.get("decision")) ? "queued"
                        : "not_sent, " + ((String) r.get("reason")).replaceAll(":.*", "")))
                .containsExactly("loop@citizen.example queued", "Loop@Citizen.example queued",
                        "loop@citizen.example not_sent, daily cap reached", "a@citizen.example queued",
                        "b@citizen.example queued", "c@citizen.example not_sent, hourly cap reached");
        assertThat(rows.count("SELECT count(*) FROM outgoing_message WHERE kind = 'acknowledgement'")).isEqualTo(4);
    }

    @Test
    void refusesReplyFromPersonalAddressAndRecordsIt() {
        start(Map.of("saraban.ack.enabled", "false"));
        long entry = registerLetterFrom("citizen@citizen.example", "");

        Throwable refused = catchThrowable(() -> gateway.queueReply(new ReplyRequest(entry,
                "somchai.personal@agency.go.th", List.of(), "คำตอบ", null, List.of())));
        gateway.sendOutbox();

        assertThat(refused).isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(ReplyRefusedException.class);
        assertThat(refused.getCause().getMessage()).contains("somchai.personal@agency.go.th")
                .contains("only the central address");
        assertThat(rows.single("SELECT status, from_address, last_error FROM outgoing_message"))
                .containsEntry("status", "refused").containsEntry("from_address", "somchai.personal@agency.go.th");
        assertThat(mailServer.receivedAt("citizen.example")).isEmpty();
        assertThat(rows.count("SELECT count(*) FROM sending_register")).isZero();
    }

    @Test
    void queuedReplyIsThreadedTaggedAndCarriesAttachment() throws Exception {
        start(Map.of("saraban.ack.enabled", "false"));
        long entry = registerLetterFrom("citizen@citizen.example", "");
        byte[] pdf = "%PDF-1.4 สำเนา".getBytes(StandardCharsets.UTF_8);

        gateway.queueReply(new ReplyRequest(entry, null, List.of(), "แจ้งผลการพิจารณา", "<p>แจ้งผล</p>",
                List.of(new OutgoingAttachment("สำเนาทะเบียนบ้าน.pdf", "application/pdf", pdf))));
        gateway.sendOutbox();

        MimeMessage reply = mailServer.receivedAt("citizen.example").get(0);
        String citizenMessageId = (String) rows.single("SELECT message_id FROM incoming_register").get("message_id");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(citizenMessageId);
        assertThat(reply.getHeader("Auto-Submitted")).isNull();
        assertThat(reply.getSubject()).isEqualTo("Re: ขอสำเนาทะเบียนบ้าน [รับ ๒๕๖๙/๑]");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        reply.writeTo(bytes);
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).contains("filename*=UTF-8''");
        assertThat(rows.single("SELECT kind, status, answers_entry_id FROM outgoing_message"))
                .containsEntry("kind", "reply").containsEntry("status", "sent").containsEntry("answers_entry_id", entry);
    }

    @Test
    void sendsToRecipientWhoseDisplayNameHasAComma() {
        start(Map.of("saraban.ack.enabled", "false"));
        long entry = registerLetterFrom("citizen@citizen.example", "");

        gateway.queueReply(new ReplyRequest(entry, null, List.of("\"Doe, John\" <john@citizen.example>"), "คำตอบ",
                null, List.of()));
        gateway.sendOutbox();

        assertThat(mailServer.receivedAt("citizen.example")).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactly("\"Doe, John\" <john@citizen.example>");
        assertThat(rows.single("SELECT status, to_addresses FROM outgoing_message"))
                .containsEntry("status", "sent").containsEntry("to_addresses", "john@citizen.example");
    }

    @Test
    void acknowledgesLetterWhoseMessageIdLacksBrackets() throws Exception {
        start(Map.of());
        mailServer.deliver(Letters.crlf("From: sloppy@citizen.example\nSubject: hi\nMessage-ID: 1234.abc@citizen.example\n"
                + "\nสวัสดี\n"), TUESDAY_MORNING);
        gateway.checkMailbox();

        gateway.sendOutbox();

        assertThat(mailServer.receivedAt("citizen.example")).singleElement()
                .satisfies(ack -> assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo("<1234.abc@citizen.example>"));
    }

    @Test
    void smtpOutageDelaysReplyWithoutLosingOrDuplicatingIt() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        int port = smtp.getSmtp().getPort();
        start(Map.of("saraban.smtp.port", Integer.toString(port), "saraban.ack.enabled", "false",
                "saraban.outbox.first-retry-seconds", "30"));
        long entry = registerLetterFrom("citizen@citizen.example", "");
        smtp.stop();
        gateway.queueReply(ReplyRequest.text(entry, "คำตอบ"));

        gateway.sendOutbox();
        Map<String, Object> waiting = rows.single("SELECT status, attempts, last_error FROM outgoing_message");
        clock.advance(Duration.ofSeconds(10));
        gateway.sendOutbox();
        GreenMail restarted = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        restarted.start();
        try {
            clock.advance(Duration.ofSeconds(25));
            gateway.sendOutbox();
            clock.advance(Duration.ofMinutes(10));
            gateway.sendOutbox();

            assertThat(waiting).containsEntry("status", "queued").containsEntry("attempts", 1);
            assertThat((String) waiting.get("last_error")).isNotBlank();
            assertThat(restarted.getReceivedMessagesForDomain("citizen.example")).hasSize(1);
            assertThat(rows.single("SELECT status, attempts FROM outgoing_message"))
                    .containsEntry("status", "sent").containsEntry("attempts", 2);
            assertThat(rows.count("SELECT count(*) FROM sending_register")).isEqualTo(1);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void timeoutAfterServerHadWholeMessageIsNotSentAgain() throws Exception {
        try (SilentAfterDataSmtpServer silent = new SilentAfterDataSmtpServer()) {
            start(Map.of("saraban.smtp.port", Integer.toString(silent.port()), "saraban.ack.enabled", "false",
                    "saraban.smtp.timeout-seconds", "2", "saraban.outbox.first-retry-seconds", "1"));
            long entry = registerLetterFrom("citizen@citizen.example", "");
            gateway.queueReply(ReplyRequest.text(entry, "คำตอบ"));

            gateway.sendOutbox();
            clock.advance(Duration.ofHours(1));
            gateway.sendOutbox();

            assertThat(silent.messagesReceived()).isEqualTo(1);
            Map<String, Object> row = rows.single("SELECT status, attempts, last_error FROM outgoing_message");
            assertThat(row).containsEntry("status", "uncertain").containsEntry("attempts", 1);
            assertThat((String) row.get("last_error")).contains("may have accepted");
        }
    }

    @Test
    void restartWithQueuedRepliesSendsEachOnceWithGaplessNumbers() {
        start(Map.of("saraban.ack.enabled", "false"));
        long entry = registerLetterFrom("citizen@citizen.example", "");
        IntStream.range(0, 3).forEach(i -> gateway.queueReply(ReplyRequest.text(entry, "คำตอบ " + i)));
        gateway.close();
        gateway = null;
        start(Map.of("saraban.ack.enabled", "false"));

        gateway.sendOutbox();
        gateway.sendOutbox();

        assertThat(mailServer.receivedAt("citizen.example")).hasSize(3);
        assertThat(rows.query("SELECT register_no FROM sending_register ORDER BY register_no"))
                .extracting(r -> r.get("register_no")).containsExactly(1, 2, 3);
    }

    @Test
    void sentCopyInTheCheckedFolderIsNotRegisteredAsIncoming() {
        start(Map.of("saraban.smtp.sent-folder", "INBOX"));
        registerLetterFrom("citizen@citizen.example", "");
        gateway.sendOutbox();

        var check = gateway.checkMailbox();

        assertThat(check.found()).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM incoming_register")).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM sending_register")).isEqualTo(1);
    }

    @Test
    void registersMailThatOnlyClaimsToBeOurs() {
        start(Map.of());
        registerLetterFrom("citizen@citizen.example", "");
        gateway.sendOutbox();
        String ackId = (String) rows.single("SELECT message_id FROM sending_register").get("message_id");
        mailServer.deliver(Letters.crlf("From: " + TestMailServer.CENTRAL + "\nSubject: forged\nMessage-ID: " + ackId
                + "\n\nไม่ใช่สำเนาของเรา\n"), TUESDAY_MORNING.plusHours(1));

        var check = gateway.checkMailbox();

        assertThat(check.registered()).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM incoming_register WHERE subject = 'forged'")).isEqualTo(1);
    }

    @Test
    void linksFollowUpThroughOurMessageIdOrTagButNotForeignReferences() {
        start(Map.of());
        long first = registerLetterFrom("citizen@citizen.example", "");
        gateway.sendOutbox();
        String ackId = (String) rows.single("SELECT message_id FROM sending_register").get("message_id");

        mailServer.deliver(Letters.crlf("From: citizen@citizen.example\nSubject: more\nIn-Reply-To: " + ackId
                + "\nMessage-ID: <f1@citizen.example>\n\nต่อ\n"), TUESDAY_MORNING.plusHours(1));
        mailServer.deliver(Letters.crlf("From: citizen@citizen.example\nSubject: Re: เรื่องเดิม [รับ 2569/1]\n"
                + "Message-ID: <f2@citizen.example>\n\nต่อ\n"), TUESDAY_MORNING.plusHours(2));
        mailServer.deliver(Letters.crlf("From: other@citizen.example\nSubject: unrelated\n"
                + "References: <req-somewhere@other.example>\nMessage-ID: <f3@citizen.example>\n\nอื่น\n"),
                TUESDAY_MORNING.plusHours(3));
        mailServer.deliver(Letters.crlf("From: other@citizen.example\nSubject: guessed [รับ 2569/1]\n"
                + "Message-ID: <f4@citizen.example>\n\nเดา\n"), TUESDAY_MORNING.plusHours(4));
        gateway.checkMailbox();

        assertThat(rows.query("SELECT message_id, follows_entry_id FROM incoming_register WHERE id <> ? ORDER BY id",
                first)).extracting(r -> r.get("message_id") + " " + r.get("follows_entry_id"))
                .containsExactly("<f1@citizen.example> " + first, "<f2@citizen.example> " + first,
                        "<f3@citizen.example> null", "<f4@citizen.example> null");
    }
}
