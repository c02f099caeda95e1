package th.go.saraban.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.CapturedLog;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.TestClock;
import th.go.saraban.gateway.pipeline.TestMailServer;

/**
 * What a load balancer and a Prometheus server see: readiness down while the register database is
 * unreachable or a mailbox has gone unchecked too long, and the gateway's own counters after real
 * checks and sends.
 */
class HealthAndMetricsTest extends GatewayTestSupport {

    private static final String MAILBOX = TestMailServer.CENTRAL;
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:15:00+07:00");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndUpAgainAfter() throws Exception {
        try (CuttableRelay relay = new CuttableRelay(databasePort())) {
            startGateway(Map.of("saraban.db.url", database.url().replace(":" + databasePort() + "/",
                    ":" + relay.port() + "/")), clock);
            assertThat(get("/observe/health/ready").statusCode()).isEqualTo(200);

            relay.cut();

            await().atMost(Duration.ofSeconds(60)).until(() -> get("/observe/health/ready").statusCode() == 503);
            HttpResponse<String> down = get("/observe/health/ready");
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("{\"name\":\"database\",\"status\":\"DOWN\"");
            // not ready, but alive: a restart would not bring the database back
            assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);

            relay.mend();

            await().atMost(Duration.ofSeconds(60)).until(() -> get("/observe/health/ready").statusCode() == 200);
            assertThat(get("/observe/health/ready").body()).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void readinessIsDownWhenTheLastSuccessfulCheckIsOlderThanTheLimitAndUpAfterTheNextOne() throws Exception {
        startGateway(Map.of("saraban.health.max-check-age-minutes", "30"), clock);
        gateway.checkMailbox();
        clock.advance(Duration.ofMinutes(30));
        assertThat(get("/observe/health/ready").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> stale = get("/observe/health/ready");
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(stale.body()).contains("{\"name\":\"mailbox-checks\",\"status\":\"DOWN\",\"message\":\""
                + MAILBOX + " last checked successfully 31 minutes ago");

        gateway.checkMailbox();

        assertThat(get("/observe/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedCheckDoesNotCountAsChecked() throws Exception {
        startGateway(Map.of("saraban.health.max-check-age-minutes", "30"), clock);
        gateway.checkMailbox();
        mailServer.stop();

        clock.advance(Duration.ofMinutes(31));
        gateway.checkMailbox();

        assertThat(rows.count("SELECT count(*) FROM mailbox_check WHERE outcome = 'failed'")).isEqualTo(1);
        assertThat(get("/observe/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void aMailboxNeverCheckedSinceStartUpCountsFromTheStart() throws Exception {
        startGateway(Map.of("saraban.health.max-check-age-minutes", "30"), clock);
        clock.advance(Duration.ofMinutes(30));
        assertThat(get("/observe/health/ready").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        assertThat(get("/observe/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void metricsCountChecksRegisteredLettersAndSendsWithTheirLabels() throws Exception {
        startGateway(Map.of(), clock);
        mailServer.deliver(Letters.letter("<m-1@citizen.example>", "somchai@citizen.example", "ขอสำเนา",
                "เรียน นายอำเภอ"), TUESDAY_MORNING);
        mailServer.deliver(Letters.letter("<m-2@citizen.example>", "somsri@citizen.example", "ขอหนังสือรับรอง",
                "เรียน นายอำเภอ"), TUESDAY_MORNING.plusMinutes(1));

        try (CapturedLog log = CapturedLog.capture()) {
            gateway.checkMailbox();
            gateway.checkMailbox();
            gateway.sendOutbox();

            // each series is registered once, not again at every check
            assertThat(log.lines()).noneMatch(line -> line.contains("already registered"));
        }
        clock.advance(Duration.ofSeconds(90));

        String metrics = get("/observe/metrics").body();
        assertThat(value(metrics, "saraban_checks_total", "mailbox=\"" + MAILBOX + "\",outcome=\"ok\"")).isEqualTo(2.0);
        assertThat(value(metrics, "saraban_checks_total", "mailbox=\"" + MAILBOX + "\",outcome=\"failed\""))
                .isEqualTo(0.0);
        assertThat(value(metrics, "saraban_letters_registered_total", "mailbox=\"" + MAILBOX
                + "\",status=\"registered\"")).isEqualTo(2.0);
        assertThat(value(metrics, "saraban_outgoing_total", "kind=\"acknowledgement\",outcome=\"sent\""))
                .isEqualTo(2.0);
        assertThat(value(metrics, "saraban_last_successful_check_age_seconds", "mailbox=\"" + MAILBOX + "\""))
                .isEqualTo(90.0);
    }

    @Test
    void metricsCountAFailedCheck() throws Exception {
        startGateway(Map.of(), clock);
        mailServer.stop();

        gateway.checkMailbox();

        String metrics = get("/observe/metrics").body();
        assertThat(value(metrics, "saraban_checks_total", "mailbox=\"" + MAILBOX + "\",outcome=\"failed\""))
                .isEqualTo(1.0);
        assertThat(value(metrics, "saraban_checks_total", "mailbox=\"" + MAILBOX + "\",outcome=\"ok\"")).isEqualTo(0.0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String metrics, String name, String labels) {
        return PrometheusText.value(metrics, name, labels);
    }

    private int databasePort() {
        Matcher port = Pattern.compile("//localhost:(\\d+)/").matcher(database.url());
        assertThat(port.find()).isTrue();
        return Integer.parseInt(port.group(1));
    }
}
