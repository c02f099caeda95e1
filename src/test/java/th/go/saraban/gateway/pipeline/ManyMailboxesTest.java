package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.mail.MailboxCheck;

/**
 * Several central mailboxes in one gateway, configured by properties alone: each its own register
 * numbering, business hours, acknowledgement address and SMTP route, schedule; and a mailbox whose
 * server refuses the login or has hung does not hold the others' checks.
 */
class ManyMailboxesTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private static final OffsetDateTime TUESDAY = OffsetDateTime.parse("2026-11-24T10:00:00+07:00");
    private static final String NORTH = "saraban@north.agency.go.th";

    private TestMailServer northServer;

    @BeforeEach
    void startNorthServer() {
        northServer = new TestMailServer();
    }

    @AfterEach
    void stopNorthServer() {
        northServer.close();
    }

    private Map<String, String> twoMailboxes() {
        Map<String, String> settings = new HashMap<>();
        settings.put("saraban.mailboxes", "central,north");
        settings.put("saraban.mailbox.north.central-address", NORTH);
        settings.put("saraban.mailbox.north.agency.name", "สำนักงานภาคเหนือ");
        settings.put("saraban.mailbox.north.imap.port", Integer.toString(northServer.imapPort()));
        settings.put("saraban.mailbox.north.imap.username", TestMailServer.LOGIN);
        settings.put("saraban.mailbox.north.imap.password", TestMailServer.PASSWORD);
        settings.put("saraban.mailbox.north.smtp.port", Integer.toString(northServer.smtpPort()));
        settings.put("saraban.mailbox.north.business-hours", "MON-FRI 07:00-15:00");
        return settings;
    }

    @Test
    void eachMailboxHasItsOwnNumberingHoursAndReplyAddress() {
        startGateway(twoMailboxes(), NOW);
        mailServer.deliver(Letters.letter("กลาง 1"), TUESDAY);
        mailServer.deliver(Letters.letter("กลาง 2"), TUESDAY.plusMinutes(1));
        mailServer.deliver(Letters.letter("กลาง บ่ายสามครึ่ง"), TUESDAY.withHour(15).withMinute(30));
        northServer.deliver(Letters.letter("เหนือ 1"), TUESDAY);
        northServer.deliver(Letters.letter("เหนือ บ่ายสามครึ่ง"), TUESDAY.withHour(15).withMinute(30));

        gateway.checkMailbox();
        MailboxCheck north = check("north");
        gateway.sendOutbox();

        assertThat(north.mailbox()).isEqualTo(NORTH);
        assertThat(rows.query("SELECT mailbox, register_no, subject FROM incoming_register ORDER BY mailbox, register_no"))
                .extracting(r -> r.get("mailbox") + " " + r.get("register_no") + " " + r.get("subject"))
                .containsExactly(
                        TestMailServer.CENTRAL + " 1 กลาง 1", TestMailServer.CENTRAL + " 2 กลาง 2",
                        TestMailServer.CENTRAL + " 3 กลาง บ่ายสามครึ่ง",
                        NORTH + " 1 เหนือ 1", NORTH + " 2 เหนือ บ่ายสามครึ่ง");
        // 15:30 is inside the central office's hours (to 16:30) and after the northern office's (to 15:00)
        assertThat(rows.query("SELECT mailbox, deemed_received_at FROM incoming_register WHERE subject LIKE '%บ่ายสามครึ่ง'"
                + " ORDER BY mailbox"))
                .extracting(r -> r.get("mailbox") + " " + ((java.sql.Timestamp) r.get("deemed_received_at")).toInstant())
                .containsExactly(TestMailServer.CENTRAL + " " + Instant.parse("2026-11-24T08:30:00Z"),
                        NORTH + " " + Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(rows.query("SELECT DISTINCT mailbox, from_address FROM outgoing_message ORDER BY mailbox"))
                .extracting(r -> r.get("mailbox") + " " + r.get("from_address"))
                .containsExactly(TestMailServer.CENTRAL + " " + TestMailServer.CENTRAL, NORTH + " " + NORTH);
        // each acknowledgement left through its own mailbox's SMTP server, from its own address
        assertThat(northServer.receivedAt("citizen.example")).hasSize(2)
                .allSatisfy(m -> assertThat(m.getFrom()[0].toString()).isEqualTo(NORTH));
        assertThat(mailServer.receivedAt("citizen.example")).hasSize(3)
                .allSatisfy(m -> assertThat(m.getFrom()[0].toString()).isEqualTo(TestMailServer.CENTRAL));
    }

    @Test
    void mailboxesWhoseServerRefusesTheLoginOrHangsDoNotHoldTheOthers() throws Exception {
        try (SilentImapServer hung = new SilentImapServer()) {
            Map<String, String> settings = twoMailboxes();
            settings.put("saraban.mailboxes", "central,north,south,west");
            settings.put("saraban.check.enabled", "true");
            settings.put("saraban.check.cron", "* * * * * ?");
            settings.put("saraban.mailbox.north.check.cron", "0/2 * * * * ?");
            // south: the right server, the wrong password
            settings.put("saraban.mailbox.south.central-address", "saraban@south.agency.go.th");
            settings.put("saraban.mailbox.south.imap.username", TestMailServer.LOGIN);
            settings.put("saraban.mailbox.south.imap.password", "not-the-password");
            // west: a server that never answers, waited for up to 20 s per check
            settings.put("saraban.mailbox.west.central-address", "saraban@west.agency.go.th");
            settings.put("saraban.mailbox.west.imap.port", Integer.toString(hung.port()));
            settings.put("saraban.mailbox.west.imap.username", "saraban");
            settings.put("saraban.mailbox.west.imap.timeout-seconds", "20");
            startGateway(settings, Clock.system(ZoneId.of("Asia/Bangkok")));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    rows.count("SELECT count(*) FROM mailbox_check WHERE mailbox = 'saraban@west.agency.go.th'") > 0);
            // checks of the other mailboxes fired in the same second as the hung one may have started a moment
            // before it: the letters arrive once those are over, so only checks that began while the hung
            // mailbox's check was already waiting can register them
            await().atMost(Duration.ofSeconds(15)).until(() -> rows.count("SELECT count(*) FROM mailbox_check c"
                    + " WHERE c.mailbox <> 'saraban@west.agency.go.th' AND c.finished_at IS NULL AND c.started_at <="
                    + " (SELECT min(started_at) FROM mailbox_check WHERE mailbox = 'saraban@west.agency.go.th')") == 0);

            northServer.deliver(Letters.letter("เหนือ ระหว่างที่ตะวันตกค้าง"), TUESDAY);
            mailServer.deliver(Letters.letter("กลาง ระหว่างที่ตะวันตกค้าง"), TUESDAY);

            await().atMost(Duration.ofSeconds(30)).until(() -> rows.count("SELECT count(*) FROM incoming_register") == 2);
            // both were registered by checks that ran from start to end while a check of the hung mailbox
            // was waiting for its server: it held neither
            assertThat(rows.count("SELECT count(*) FROM mailbox_check c WHERE c.messages_registered = 1"
                    + " AND EXISTS (SELECT 1 FROM mailbox_check w WHERE w.mailbox = 'saraban@west.agency.go.th'"
                    + " AND w.started_at < c.started_at AND coalesce(w.finished_at, 'infinity') > c.finished_at)"))
                    .isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> rows.count("SELECT count(*) FROM mailbox_check"
                    + " WHERE mailbox = 'saraban@south.agency.go.th' AND outcome = 'failed'") > 0);
            assertThat(rows.query("SELECT error_text FROM mailbox_check WHERE mailbox = 'saraban@south.agency.go.th'"
                    + " AND outcome = 'failed' LIMIT 1")).extracting(r -> (String) r.get("error_text"))
                    .allSatisfy(error -> assertThat(error).containsIgnoringCase("login"));
            // each mailbox has its own stored trigger with its own schedule
            assertThat(rows.query("SELECT trigger_name, cron_expression FROM qrtz_cron_triggers"
                    + " WHERE trigger_group = 'saraban-mailbox' ORDER BY trigger_name"))
                    .extracting(r -> r.get("trigger_name") + " " + r.get("cron_expression"))
                    .containsExactly("central * * * * * ?", "north 0/2 * * * * ?", "south * * * * * ?",
                            "west * * * * * ?");
        }
    }

    @Test
    void aRemovedMailboxLeavesNoTriggerAndAChangedCronReplacesTheStoredOne() {
        Map<String, String> settings = twoMailboxes();
        settings.put("saraban.check.enabled", "true");
        settings.put("saraban.mailbox.north.check.cron", "0 0/5 * * * ?");
        startGateway(settings, NOW);
        assertThat(storedSchedules()).containsExactly("central 0 0/2 * * * ?", "north 0 0/5 * * * ?");
        gateway.close();
        gateway = null;

        settings.put("saraban.mailboxes", "central");
        settings.put("saraban.check.cron", "0 0/3 * * * ?");
        startGateway(settings, NOW);

        assertThat(storedSchedules()).containsExactly("central 0 0/3 * * * ?");
        assertThat(rows.count("SELECT count(*) FROM qrtz_job_details WHERE job_group = 'saraban-mailbox'")).isEqualTo(1);
    }

    private java.util.List<String> storedSchedules() {
        return rows.query("SELECT t.trigger_name, c.cron_expression FROM qrtz_triggers t JOIN qrtz_cron_triggers c"
                        + " USING (sched_name, trigger_name, trigger_group) WHERE t.trigger_group = 'saraban-mailbox'"
                        + " ORDER BY t.trigger_name").stream()
                .map(r -> r.get("trigger_name") + " " + r.get("cron_expression")).toList();
    }

    @Test
    void aWrongSettingNamesTheMailboxAndItsKey() {
        Map<String, String> settings = twoMailboxes();
        settings.put("saraban.mailbox.north.business-hours", "MON-FRI 07:00-15:00; SUN 25:00-26:00");

        Throwable refused = catchThrowable(() -> startGateway(settings, NOW));

        assertThat(rootMessage(refused)).startsWith("Invalid setting saraban.mailbox.north.business-hours: mailbox north: ");
    }

    @Test
    void aSecondMailboxNeedsItsOwnCentralAddress() {
        Map<String, String> settings = twoMailboxes();
        settings.remove("saraban.mailbox.north.central-address");

        Throwable refused = catchThrowable(() -> startGateway(settings, NOW));

        assertThat(rootMessage(refused)).isEqualTo(
                "Invalid setting saraban.mailbox.north.central-address: mailbox north: is required but empty");
    }

    private static String rootMessage(Throwable thrown) {
        Throwable inner = thrown;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        return inner.getMessage();
    }

    private MailboxCheck check(String mailbox) {
        try (ProducerTemplate producer = gateway.context().createProducerTemplate()) {
            return producer.requestBody("direct:check-mailbox-" + mailbox, null, MailboxCheck.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
