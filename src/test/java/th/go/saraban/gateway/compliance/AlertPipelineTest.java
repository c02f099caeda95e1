package th.go.saraban.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.TestClock;

/**
 * The real gateway on Friday 2 October 2026: one check at 10:00 registers a letter, then nothing
 * more. At the 15:00 cut-off the day has one successful check, so the alert route queues one alert,
 * which the outbox sends to the recipients once, however often the alert route runs.
 */
class AlertPipelineTest extends GatewayTestSupport {

    private static final String IT_STAFF = "it-staff@ops.example";
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @Test
    void theOneCheckDaysAlertReachesTheRecipientsOnceAndTheReportShowsTheDay() throws Exception {
        TestClock clock = new TestClock(OffsetDateTime.parse("2026-10-02T10:00:00+07:00").toInstant(), BANGKOK);
        startGateway(Map.of("saraban.alert.recipients", IT_STAFF + ", second@ops.example"), clock);
        mailServer.deliver(Letters.letter("ขอรับบริการ"),
                OffsetDateTime.parse("2026-10-02T09:40:00+07:00"));
        gateway.checkMailbox();
        gateway.sendOutbox();

        clock.advance(Duration.ofHours(5).plusMinutes(5));
        for (int run = 0; run < 3; run++) {
            runAlerts();
            gateway.sendOutbox();
            clock.advance(Duration.ofMinutes(5));
        }

        // one copy in each recipient's INBOX, both the same message
        List<MimeMessage> alerts = mailServer.receivedAt("ops.example");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).getMessageID()).isEqualTo(alerts.get(1).getMessageID());
        MimeMessage alert = alerts.get(0);
        assertThat(alert.getSubject()).isEqualTo("แจ้งเตือน: ตรวจกล่อง saraban@agency.go.th ไม่ครบตามเกณฑ์ วันที่"
                + " ๒ ตุลาคม ๒๕๖๙ / Alert: saraban@agency.go.th not checked as required on 2026-10-02");
        assertThat(alert.getFrom()[0].toString()).isEqualTo("saraban@agency.go.th");
        assertThat(alert.getHeader("Auto-Submitted")).isNotNull();
        assertThat(alert.getContent().toString()).contains("ได้รับการตรวจสำเร็จในเวลาราชการ ๑ ครั้ง")
                .contains("had 1 successful checks inside business hours (morning 1, afternoon 0");
        assertThat(rows.query("SELECT kind, status, to_addresses FROM outgoing_message WHERE kind = 'alert'"))
                .containsExactly(Map.of("kind", "alert", "status", "sent",
                        "to_addresses", IT_STAFF + ",second@ops.example"));
        assertThat(rows.count("SELECT count(*) FROM sending_register s JOIN outgoing_message o ON o.id = s.outgoing_id"
                + " WHERE o.kind = 'alert'")).isEqualTo(1);
        assertThat(rows.single("SELECT cause, subject_key, day::text AS day FROM alert_sent"))
                .isEqualTo(Map.of("cause", "checks_below_rule", "subject_key", "saraban@agency.go.th",
                        "day", "2026-10-02"));

        ComplianceReport report = gateway.context().getRegistry().lookupByNameAndType("complianceReport",
                ComplianceReport.class);
        ComplianceDay friday = report.forMailbox("saraban@agency.go.th", LocalDate.of(2026, 10, 2),
                LocalDate.of(2026, 10, 2)).get(0);
        assertThat(friday.checksInHours()).isEqualTo(1);
        assertThat(friday.ruleMet()).isNull();
        assertThat(friday.status()).isEqualTo("in_progress");
        assertThat(List.of(friday.lettersReceived(), friday.lettersRegistered(), friday.lettersAcknowledged(),
                friday.withoutAction())).containsExactly(1, 1, 1, 1);
    }

    @Test
    void noAlertIsQueuedWithoutRecipientsThoughHealthShowsTheCondition() throws Exception {
        TestClock clock = new TestClock(OffsetDateTime.parse("2026-10-02T15:05:00+07:00").toInstant(), BANGKOK);
        startGateway(Map.of(), clock);

        runAlerts();

        assertThat(rows.count("SELECT count(*) FROM outgoing_message WHERE kind = 'alert'")).isZero();
        assertThat(rows.count("SELECT count(*) FROM alert_sent")).isZero();
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gateway.httpPort()
                        + "/observe/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains(AttentionHealthCheck.ID)
                .contains("checks_below_rule saraban@agency.go.th on 2026-10-02: 0 successful checks in business hours");
        java.net.http.HttpResponse<String> ready = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gateway.httpPort()
                        + "/observe/health/ready")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).doesNotContain(AttentionHealthCheck.ID);
    }

    private void runAlerts() {
        try (ProducerTemplate producer = gateway.context().createProducerTemplate()) {
            producer.requestBody("direct:send-alerts", (Object) null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
