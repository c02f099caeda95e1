package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import th.go.saraban.gateway.mail.MailboxCheck;

/** How the gateway behaves for the people who run it: schedules, limits, outages, secrets. */
class OperationsTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:00:00+07:00");


    @Test
    void scheduledChecksRegisterArrivingMailWithoutBeingAsked() {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put("saraban.check.enabled", "true");
        settings.put("saraban.check.cron", "* * * * * ?");
        gateway = GatewayUnderTest.start(settings, Clock.system(ZoneId.of("Asia/Bangkok")));

        mailServer.deliver(Letters.letter("มาตามกำหนดเวลา"), TUESDAY_MORNING);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(rows.query("SELECT subject FROM incoming_register"))
                        .extracting(r -> r.get("subject")).containsExactly("มาตามกำหนดเวลา"));
        assertThat(rows.count("SELECT count(*) FROM mailbox_check WHERE outcome = 'ok'")).isPositive();
    }

    @Test
    void registersBacklogInBoundedBatchesWithConsecutiveNumbers() {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put("saraban.check.batch-size", "3");
        gateway = GatewayUnderTest.start(settings, NOW);
        IntStream.range(0, 10).forEach(i -> mailServer.deliver(Letters.letter("backlog " + i),
                TUESDAY_MORNING.plusMinutes(i)));

        MailboxCheck check = gateway.checkMailbox();

        assertThat(check.found()).isEqualTo(10);
        assertThat(rows.query("SELECT subject, register_no FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("subject") + " " + r.get("register_no"))
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "backlog " + i + " " + (i + 1))
                        .toList());
    }

    @Test
    void passesOverMailReceivedBeforeTheStartDate() {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put("saraban.check.start-date", "2026-11-01");
        gateway = GatewayUnderTest.start(settings, NOW);
        mailServer.deliver(Letters.letter("ก่อนเริ่มใช้ระบบ"), OffsetDateTime.parse("2026-10-31T23:59:00+07:00"));
        mailServer.deliver(Letters.letter("หลังเริ่มใช้ระบบ"), OffsetDateTime.parse("2026-11-01T00:00:00+07:00"));

        gateway.checkMailbox();
        MailboxCheck second = gateway.checkMailbox();

        assertThat(rows.query("SELECT subject, register_no FROM incoming_register"))
                .extracting(r -> r.get("subject") + " " + r.get("register_no")).containsExactly("หลังเริ่มใช้ระบบ 1");
        assertThat(second.found()).isZero();
    }

    @Test
    void registersLargeLetterWithSeventyAttachmentsWhole() {
        startGateway(Map.of(), NOW);
        java.util.Random random = new java.util.Random(11);
        StringBuilder mime = new StringBuilder("From: big@citizen.example\nSubject: many files\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nsee files\n");
        List<String> digests = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            byte[] file = new byte[300_000];
            random.nextBytes(file);
            digests.add(Letters.sha256(file));
            mime.append("--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
                    + "Content-Disposition: attachment; filename=\"scan-" + i + ".pdf\"\n\n")
                    .append(java.util.Base64.getMimeEncoder().encodeToString(file)).append("\n");
        }
        byte[] raw = Letters.crlf(mime.append("--b--\n").toString());
        mailServer.deliver(raw, TUESDAY_MORNING);

        gateway.checkMailbox();

        assertThat(raw.length).isGreaterThan(25_000_000);
        assertThat(rows.single("SELECT status, raw_sha256, raw_size FROM incoming_register"))
                .containsEntry("status", "registered").containsEntry("raw_sha256", Letters.sha256(raw))
                .containsEntry("raw_size", (long) raw.length);
        assertThat(rows.query("SELECT sha256 FROM incoming_attachment ORDER BY position"))
                .extracting(r -> r.get("sha256")).containsExactlyElementsOf(digests);
    }

    @Test
    void recordsMessageTheServerWillNotHandOverAndGoesOnWithTheRest() throws Exception {
        List<byte[]> letters = List.of(Letters.letter("ก่อน"), Letters.letter("เสียหาย"), Letters.letter("หลัง"));
        try (RefusingImapServer server = new RefusingImapServer(letters, 2)) {
            startGateway(Map.of("saraban.imap.port", Integer.toString(server.port())), NOW);

            MailboxCheck first = gateway.checkMailbox();
            MailboxCheck second = gateway.checkMailbox();

            assertThat(rows.query("SELECT imap_uid, register_no, status, subject, received_at IS NOT NULL AS dated,"
                    + " raw_mime IS NULL AS parked FROM incoming_register ORDER BY imap_uid"))
                    .extracting(r -> r.get("imap_uid") + " " + r.get("register_no") + " " + r.get("status") + " "
                            + r.get("subject") + " " + r.get("dated") + " " + r.get("parked"))
                    .containsExactly("1 1 registered ก่อน true false", "2 2 unfetchable null true true",
                            "3 3 registered หลัง true false");
            assertThat((String) rows.single("SELECT problems FROM incoming_register WHERE imap_uid = 2")
                    .get("problems")).contains("would not hand this message over").contains("could not be FETCHed");
            assertThat(first.registered()).isEqualTo(3);
            assertThat(second.found()).isZero();
        }
    }

    @Test
    void registersOversizeMessageFromHeadersAndLeavesContentOnServer() {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put("saraban.max-message-megabytes", "1");
        gateway = GatewayUnderTest.start(settings, NOW);
        byte[] huge = Letters.letter("<huge@citizen.example>", "big@citizen.example", "ไฟล์ใหญ่",
                "x".repeat(2 * 1024 * 1024));
        mailServer.deliver(Letters.letter("เล็ก"), TUESDAY_MORNING);
        mailServer.deliver(huge, TUESDAY_MORNING.plusMinutes(1));

        gateway.checkMailbox();

        assertThat(rows.query("SELECT register_no, subject, status, raw_mime, message_id FROM incoming_register"
                + " ORDER BY imap_uid")).extracting(
                        r -> r.get("register_no") + " " + r.get("subject") + " " + r.get("status") + " "
                                + (r.get("raw_mime") == null ? "no-raw" : "raw") + " " + r.get("message_id"))
                .containsExactly("1 เล็ก registered raw " + rows.single(
                                "SELECT message_id FROM incoming_register WHERE register_no = 1").get("message_id"),
                        "2 ไฟล์ใหญ่ oversize no-raw <huge@citizen.example>");
        assertThat((String) rows.single("SELECT problems FROM incoming_register WHERE register_no = 2")
                .get("problems")).contains("over the size limit");
    }

    @Test
    void refusesToLogInWhereTheServerOffersNoStarttls() {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put("saraban.imap.starttls-required", "true");
        gateway = GatewayUnderTest.start(settings, NOW);
        mailServer.deliver(Letters.letter("ไม่ควรถูกอ่าน"), TUESDAY_MORNING);

        gateway.checkMailbox();

        assertThat(rows.single("SELECT outcome, error_text FROM mailbox_check"))
                .containsEntry("outcome", "failed")
                .hasEntrySatisfying("error_text", text -> assertThat((String) text).containsIgnoringCase("STARTTLS"));
        assertThat(rows.count("SELECT count(*) FROM incoming_register")).isZero();
    }

    @Test
    void failedLoginIsRecordedWithoutThePassword() {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put("saraban.imap.password", "wrong-secret-5521");
        try (CapturedLog log = CapturedLog.capture()) {
            gateway = GatewayUnderTest.start(settings, NOW);

            gateway.checkMailbox();

            Map<String, Object> check = rows.single("SELECT outcome, error_text FROM mailbox_check");
            assertThat(check.get("outcome")).isEqualTo("failed");
            assertThat((String) check.get("error_text")).containsIgnoringCase("authentication")
                    .doesNotContain("wrong-secret-5521");
            assertThat(log.text()).contains("failed, the next check retries").doesNotContain("wrong-secret-5521");
        }
    }

    @Test
    void checkFailsVisiblyWhileDatabaseIsDownAndNextCheckRecovers() throws Exception {
        Path data = Files.createTempDirectory("saraban-db-outage");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres postgres = startPostgres(data, port);
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement create = db.createStatement()) {
            create.execute("CREATE DATABASE outage");
        }
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        String url = "jdbc:postgresql://localhost:" + port + "/outage?connectTimeout=2";
        settings.put("saraban.db.url", url);
        try (CapturedLog log = CapturedLog.capture()) {
            gateway = GatewayUnderTest.start(settings, NOW);
            mailServer.deliver(Letters.letter("ระหว่างฐานข้อมูลล่ม"), TUESDAY_MORNING);
            postgres.close();

            gateway.checkMailbox();
            postgres = startPostgres(data, port);
            MailboxCheck recovered = gateway.checkMailbox();

            assertThat(log.text()).contains("Mailbox check could not run, the next check retries");
            assertThat(recovered.registered()).isEqualTo(1);
            PGSimpleDataSource outage = new PGSimpleDataSource();
            outage.setURL(url);
            outage.setUser("postgres");
            assertThat(new Rows(outage).query("SELECT subject, register_no FROM incoming_register"))
                    .extracting(r -> r.get("subject") + " " + r.get("register_no"))
                    .containsExactly("ระหว่างฐานข้อมูลล่ม 1");
        } finally {
            gateway.close();
            gateway = null;
            postgres.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data.toFile()).setCleanDataDirectory(false)
                .setPort(port).start();
    }
}
