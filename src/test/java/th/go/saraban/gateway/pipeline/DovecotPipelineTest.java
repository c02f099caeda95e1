package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.mail.MailboxCheck;

/**
 * The promises that depend on how a real IMAP server behaves, with the gateway's real routes
 * against a real Dovecot instead of GreenMail: exactly once across a restart, a folder whose
 * UIDVALIDITY changed, mail left unread, a connection lost in the middle of a batch, and the exact
 * bytes of what the server holds, a letter that runs the reader out of memory, letters whose sender
 * failed DMARC or forged a verdict (no acknowledgement), and our own acknowledgement's copy, which must come back from the
 * server byte for byte to be recognised as ours.
 */
class DovecotPipelineTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:00:00+07:00");

    private DovecotServer dovecot;
    private TestDatabase database;
    private Rows rows;
    private GatewayUnderTest gateway;

    @BeforeEach
    void startServers() {
        dovecot = DovecotServer.start();
        database = TestDatabase.fresh();
        rows = new Rows(database.dataSource());
    }

    @AfterEach
    void stopServers() {
        if (gateway != null) {
            gateway.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void registersEveryLetterOnceAcrossARestart() {
        List<byte[]> letters = IntStream.range(0, 6).mapToObj(i -> Letters.letter("ก่อนและหลังเริ่มใหม่ " + i)).toList();
        gateway = GatewayUnderTest.start(settings(), NOW);
        IntStream.range(0, 3).forEach(i -> dovecot.deliver(letters.get(i), TUESDAY_MORNING.plusMinutes(i)));
        MailboxCheck beforeRestart = gateway.checkMailbox();
        gateway.close();
        IntStream.range(3, 6).forEach(i -> dovecot.deliver(letters.get(i), TUESDAY_MORNING.plusMinutes(i)));

        gateway = GatewayUnderTest.start(settings(), NOW);
        MailboxCheck afterRestart = gateway.checkMailbox();

        assertThat(beforeRestart.registered()).isEqualTo(3);
        assertThat(afterRestart.found()).isEqualTo(3);
        assertThat(rows.query("SELECT imap_uid, register_no, raw_sha256 FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("imap_uid") + " " + r.get("register_no") + " " + r.get("raw_sha256"))
                .containsExactlyElementsOf(IntStream.range(0, 6)
                        .mapToObj(i -> (i + 1) + " " + (i + 1) + " " + Letters.sha256(letters.get(i))).toList());
        assertThat(rows.single("SELECT last_seen_uid FROM mailbox_sync").get("last_seen_uid")).isEqualTo(6L);
    }

    @Test
    void registersOnlyNewLettersAfterTheFolderIsRecreatedWithANewUidValidity() {
        Map<String, String> settings = settings();
        settings.put("saraban.imap.folder", "Central");
        byte[] first = Letters.letter("ฉบับแรก");
        byte[] second = Letters.letter("ฉบับที่สอง");
        byte[] third = Letters.letter("มาหลังย้ายกล่อง");
        dovecot.deliver("Central", first, TUESDAY_MORNING);
        dovecot.deliver("Central", second, TUESDAY_MORNING.plusMinutes(1));
        gateway = GatewayUnderTest.start(settings, NOW);
        gateway.checkMailbox();
        long oldUidValidity = dovecot.uidValidity("Central");
        // an administrator restores the folder: same letters, same receipt times, new UIDs
        dovecot.recreate("Central");
        dovecot.deliver("Central", first, TUESDAY_MORNING);
        dovecot.deliver("Central", second, TUESDAY_MORNING.plusMinutes(1));
        dovecot.deliver("Central", third, TUESDAY_MORNING.plusMinutes(2));
        long newUidValidity = dovecot.uidValidity("Central");

        MailboxCheck afterRecreate = gateway.checkMailbox();

        assertThat(newUidValidity).isNotEqualTo(oldUidValidity);
        assertThat(afterRecreate.found()).isEqualTo(3);
        assertThat(afterRecreate.registered()).isEqualTo(1);
        assertThat(rows.query("SELECT subject, register_no, imap_uidvalidity, imap_uid FROM incoming_register"
                + " ORDER BY register_no"))
                .extracting(r -> r.get("subject") + " " + r.get("register_no") + " " + r.get("imap_uidvalidity") + " "
                        + r.get("imap_uid"))
                .containsExactly("ฉบับแรก 1 " + oldUidValidity + " 1", "ฉบับที่สอง 2 " + oldUidValidity + " 2",
                        "มาหลังย้ายกล่อง 3 " + newUidValidity + " 3");
        assertThat(gateway.checkMailbox().found()).isZero();
    }

    @Test
    void leavesLettersUnreadOnTheServer() {
        dovecot.deliver(Letters.letter("ยังไม่มีใครเปิด"), TUESDAY_MORNING);
        dovecot.deliver(Letters.letter("เจ้าหน้าที่เปิดแล้ว"), TUESDAY_MORNING.plusMinutes(1), Flags.Flag.SEEN);
        gateway = GatewayUnderTest.start(settings(), NOW);

        MailboxCheck check = gateway.checkMailbox();

        assertThat(check.registered()).isEqualTo(2);
        assertThat(dovecot.flags("INBOX")).extracting(flags -> flags.contains(Flags.Flag.SEEN))
                .containsExactly(false, true);
    }

    @Test
    void connectionDroppedInTheMiddleOfABatchFailsTheCheckAndTheNextCheckRegistersEveryLetterOnce()
            throws Exception {
        List<byte[]> letters = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            letters.add(Letters.letter("ชุดที่ถูกตัด " + i));
            dovecot.deliver(letters.get(i), TUESDAY_MORNING.plusMinutes(i));
        }
        // batches of 4: the second batch's FETCH is cut after one and a half letters
        try (DroppingProxy proxy = new DroppingProxy(dovecot.imapPort(), 2, letters.get(0).length * 3 / 2)) {
            Map<String, String> settings = settings();
            settings.put("saraban.imap.port", Integer.toString(proxy.port()));
            settings.put("saraban.check.batch-size", "4");
            gateway = GatewayUnderTest.start(settings, NOW);

            MailboxCheck cut = gateway.checkMailbox();
            List<Long> registeredBeforeRetry = rows.query("SELECT imap_uid FROM incoming_register ORDER BY imap_uid")
                    .stream().map(r -> (Long) r.get("imap_uid")).toList();
            MailboxCheck retry = gateway.checkMailbox();

            assertThat(proxy.hasCut()).isTrue();
            assertThat(registeredBeforeRetry).containsExactly(1L, 2L, 3L, 4L);
            assertThat(rows.query("SELECT id, outcome, messages_registered FROM mailbox_check ORDER BY id"))
                    .extracting(r -> r.get("id") + " " + r.get("outcome") + " " + r.get("messages_registered"))
                    .containsExactly(cut.id() + " failed 4", retry.id() + " ok 6");
            assertThat((String) rows.single("SELECT error_text FROM mailbox_check WHERE id = ?", cut.id())
                    .get("error_text")).isNotBlank();
        }
        assertThat(rows.query("SELECT register_no, raw_sha256 FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("register_no") + " " + r.get("raw_sha256"))
                .containsExactlyElementsOf(IntStream.range(0, 10)
                        .mapToObj(i -> (i + 1) + " " + Letters.sha256(letters.get(i))).toList());
    }

    @Test
    void keepsTheExactBytesOfAThaiLetterAsTheServerHoldsThem() {
        byte[] raw = Letters.crlf("From: =?UTF-8?B?4Liq4Lih4Lio4Lij4Li1IOC4oeC4teC4quC4uOC4gg==?= <somsri@citizen.example>\n"
                + "To: " + TestMailServer.CENTRAL + "\n"
                + "Subject: =?UTF-8?B?4LiC4Lit4LmA4Lie4Li04LmI4Lih4LiK4Li34LmI4Lit4LmD4LiZ4LiX4Liw4LmA4Lia4Li14Lii4LiZ4Lia4LmJ4Liy4LiZ?=\n"
                + "Message-ID: <thai-bytes@citizen.example>\n"
                + "Date: Tue, 24 Nov 2026 09:58:00 +0700\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/alternative; boundary=\"thai-part-1\"\n"
                + "\n"
                + "--thai-part-1\n"
                + "Content-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n"
                + "เรียน นายทะเบียน\n"
                + "ขอเพิ่มชื่อในทะเบียนบ้าน   \n"
                + "\n"
                + "--thai-part-1\n"
                + "Content-Type: text/html; charset=UTF-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "<p>=E0=B9=80=E0=B8=A3=E0=B8=B5=E0=B8=A2=E0=B8=99</p>=\n"
                + "\n"
                + "--thai-part-1--\n");
        dovecot.deliver(raw, TUESDAY_MORNING);
        gateway = GatewayUnderTest.start(settings(), NOW);

        gateway.checkMailbox();

        Map<String, Object> entry = rows.single("SELECT subject, raw_mime, raw_sha256, raw_size FROM incoming_register");
        assertThat((byte[]) entry.get("raw_mime")).isEqualTo(raw);
        assertThat(entry.get("raw_sha256")).isEqualTo(Letters.sha256(raw));
        assertThat(entry.get("raw_size")).isEqualTo((long) raw.length);
        assertThat(entry.get("subject")).isEqualTo("ขอเพิ่มชื่อในทะเบียนบ้าน");
    }

    @Test
    void copyOfOurAcknowledgementAppendedToTheCheckedFolderIsNotRegisteredAsIncoming() throws MessagingException {
        try (TestMailServer smtp = new TestMailServer()) {
            Map<String, String> settings = settings();
            settings.put("saraban.smtp.port", Integer.toString(smtp.smtpPort()));
            settings.put("saraban.smtp.sent-folder", "INBOX");
            gateway = GatewayUnderTest.start(settings, NOW);
            dovecot.deliver(Letters.letter("ขอรับรองสำเนา"), TUESDAY_MORNING);
            gateway.checkMailbox();
            gateway.sendOutbox();

            MimeMessage acknowledgement = smtp.receivedAt("citizen.example").get(0);
            MailboxCheck afterSending = gateway.checkMailbox();

            assertThat(afterSending.found()).as("our copy in the INBOX").isEqualTo(1);
            assertThat(afterSending.registered()).isZero();
            assertThat(rows.query("SELECT subject FROM incoming_register")).extracting(r -> r.get("subject"))
                    .containsExactly("ขอรับรองสำเนา");
            assertThat(rows.single("SELECT message_id FROM sending_register").get("message_id"))
                    .isEqualTo(acknowledgement.getMessageID());
            assertThat(dovecot.flags("INBOX")).extracting(flags -> flags.contains(Flags.Flag.SEEN))
                    .containsExactly(false, true);
        }
    }

    @Test
    void letterWhoseReadingRunsOutOfMemoryIsSettledAfterThreeTriesAndTheNextOneRegistered() {
        FaultyReader reader = new FaultyReader();
        gateway = GatewayUnderTest.start(settings(), NOW, Map.of("letterReader", reader));
        byte[] poison = FaultyReader.letter(FaultyReader.OUT_OF_MEMORY, "อ่านไม่ได้");
        byte[] ordinary = Letters.letter("หนังสือปกติหลังจดหมายพิษ");
        dovecot.deliver(poison, TUESDAY_MORNING);
        dovecot.deliver(ordinary, TUESDAY_MORNING.plusMinutes(1));

        MailboxCheck check = gateway.checkMailbox();

        assertThat(rows.query("SELECT register_no, status, raw_sha256 FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("register_no") + " " + r.get("status") + " " + r.get("raw_sha256"))
                .containsExactly("1 unreadable " + Letters.sha256(poison), "2 registered " + Letters.sha256(ordinary));
        assertThat(reader.faultyReads).hasValue(3);
        assertThat(check.registered()).isEqualTo(2);
        assertThat(rows.single("SELECT outcome FROM mailbox_check").get("outcome")).isEqualTo("ok");
        assertThat(rows.count("SELECT count(*) FROM letter_attempt")).isZero();
    }

    @Test
    void dmarcFailedAndForgedHeaderLettersAreRegisteredButNotAcknowledged() {
        Map<String, String> settings = settings();
        settings.put("saraban.auth.authserv-id", "mx.agency.go.th");
        gateway = GatewayUnderTest.start(settings, NOW);
        // our server's verdict on top, a pass the sender wrote himself below it
        dovecot.deliver(authenticated("Authentication-Results: mx.agency.go.th; dmarc=fail header.from=citizen.example\n"
                + "Authentication-Results: mx.agency.go.th; dmarc=pass header.from=citizen.example\n",
                "ปลอมผู้ส่ง"), TUESDAY_MORNING);
        // a pass from a server that is not ours
        dovecot.deliver(authenticated("Authentication-Results: mx.elsewhere.example; dmarc=pass"
                + " header.from=citizen.example\n", "ผ่านจากที่อื่น"), TUESDAY_MORNING.plusMinutes(1));

        gateway.checkMailbox();

        assertThat(rows.query("SELECT e.register_no, e.auth_dmarc, d.decision FROM incoming_register e"
                + " JOIN acknowledgement_decision d ON d.entry_id = e.id ORDER BY e.imap_uid"))
                .extracting(r -> r.get("register_no") + " " + r.get("auth_dmarc") + " " + r.get("decision"))
                .containsExactly("1 fail not_sent", "2 null queued");
        // the second is acknowledged as unauthenticated: its subject is not repeated
        assertThat(rows.single("SELECT subject FROM outgoing_message").get("subject"))
                .isEqualTo("Re: หนังสือของท่าน [รับ ๒๕๖๙/๒]");
    }

    private static byte[] authenticated(String headers, String subject) {
        return (new String(Letters.crlf(headers), java.nio.charset.StandardCharsets.UTF_8)
                + new String(Letters.letter("<" + Math.abs(subject.hashCode()) + "@citizen.example>",
                "สมชาย <somchai@citizen.example>", subject, "เรียน นายอำเภอ"), java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void ourOwnReplyTooLargeToFetchIsNotRegisteredAgainFromTheSentFolder() {
        try (TestMailServer smtp = new TestMailServer()) {
            Map<String, String> settings = settings();
            settings.put("saraban.smtp.port", Integer.toString(smtp.smtpPort()));
            settings.put("saraban.max-message-megabytes", "1");
            settings.put("saraban.ack.enabled", "false");
            gateway = GatewayUnderTest.start(settings, NOW);
            dovecot.deliver(Letters.letter("ขอเอกสารฉบับใหญ่"), TUESDAY_MORNING);
            gateway.checkMailbox();
            long entry = (Long) rows.single("SELECT id FROM incoming_register").get("id");
            byte[] scan = new byte[2 * 1024 * 1024];
            new java.util.Random(7).nextBytes(scan);
            gateway.queueReply(new th.go.saraban.gateway.outbound.ReplyRequest(entry, null, List.of(), "ส่งเอกสาร",
                    null, List.of(new th.go.saraban.gateway.outbound.OutgoingAttachment("scan.pdf",
                    "application/pdf", scan))));
            gateway.sendOutbox();

            var run = gateway.registerSentMail();

            // the copy in Sent is over the size limit, so it is fetched without its bytes
            assertThat(run.found()).isEqualTo(1);
            assertThat(run.registered()).isZero();
            assertThat(rows.query("SELECT origin FROM sending_register")).extracting(r -> r.get("origin"))
                    .containsExactly("gateway");
        }
    }

    private Map<String, String> settings() {
        return GatewayUnderTest.settingsFor(dovecot, database);
    }
}
