package th.go.saraban.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.api.ApiKeys;
import th.go.saraban.gateway.observe.PrometheusText;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.TestClock;
import th.go.saraban.gateway.pipeline.TestMailServer;

/**
 * Each new entry pushed to a receiver on a real HTTP server, through the real routes: signed,
 * retried with doubling delays under one delivery id, and given up on after the last attempt;
 * redirects never followed; the register entry itself never touched.
 */
class PushToSarabanTest extends GatewayTestSupport {

    private static final String SECRET = "push-secret-5d1c0a9e7b";
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:15:00+07:00");
    private static final byte[] SMALL = "หนังสือแนบ ฉบับย่อ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LARGE = new byte[5000];

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private Map<String, String> pushTo(String url, int maxAttempts) {
        Map<String, String> settings = new HashMap<>();
        settings.put("saraban.push.url", url);
        settings.put("saraban.push.secret", SECRET);
        settings.put("saraban.push.max-attempts", Integer.toString(maxAttempts));
        settings.put("saraban.push.first-retry-seconds", "60");
        settings.put("saraban.push.poll-seconds", "1");
        settings.put("saraban.push.timeout-seconds", "5");
        settings.put("saraban.push.inline-attachment-bytes", "1000");
        settings.put("saraban.push.api-base-url", "https://saraban-gw.agency.go.th/");
        return settings;
    }

    @Test
    void retriedUntilTheReceiverAcceptsUnderOneDeliveryIdEachAttemptSigned() throws Exception {
        try (PushReceiver receiver = new PushReceiver(SECRET, n -> n <= 2 ? 500 : 200, null)) {
            startGateway(pushTo(receiver.url("/hooks/saraban"), 5), clock);
            long entryId = registerLetterWithTwoAttachments();

            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(entryId) == 1);
            clock.advance(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(entryId) == 2);
            // the second retry waits twice as long: one minute more is not enough
            clock.advance(Duration.ofSeconds(60));
            pushOnce();
            assertThat(attempts(entryId)).isEqualTo(2);
            clock.advance(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(entryId) == 3);

            List<Map<String, Object>> log = rows.query("SELECT delivery_id::text AS delivery_id, attempt_no,"
                    + " http_status, outcome FROM push_delivery WHERE entry_id = ? ORDER BY attempt_no", entryId);
            assertThat(log).extracting(r -> r.get("attempt_no") + " " + r.get("http_status") + " " + r.get("outcome"))
                    .containsExactly("1 500 retry", "2 500 retry", "3 200 delivered");
            String deliveryId = (String) log.get(0).get("delivery_id");
            assertThat(log).extracting(r -> r.get("delivery_id")).containsOnly(deliveryId);
            assertThat(rows.single("SELECT state FROM push_entry WHERE entry_id = ?", entryId))
                    .containsEntry("state", "delivered");

            List<PushReceiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/hooks/saraban");
                assertThat(request.signatureValid()).isTrue();
                assertThat(request.header("X-Saraban-Event")).isEqualTo("entry.registered");
                assertThat(request.header("X-Saraban-Delivery")).isEqualTo(deliveryId);
                assertThat(request.header("Content-Type")).startsWith("application/json");
                assertThat(request.header("Authorization")).isNull();
            });

            JsonNode pushed = json.readTree(requests.get(2).body());
            Map<String, Object> entry = rows.single("SELECT register_no, register_year, raw_sha256, subject"
                    + " FROM incoming_register WHERE id = ?", entryId);
            assertThat(pushed.get("id").asLong()).isEqualTo(entryId);
            assertThat(pushed.get("register_no").asInt()).isEqualTo(entry.get("register_no"));
            assertThat(pushed.get("register_year").asInt()).isEqualTo(entry.get("register_year"));
            assertThat(pushed.get("raw_sha256").asText()).isEqualTo(entry.get("raw_sha256"));
            assertThat(pushed.get("subject").asText()).isEqualTo("ขอสำเนาทะเบียนบ้าน");
            assertThat(pushed.get("received_at").asText()).isEqualTo("2026-11-24T10:15:00+07:00");
            assertThat(pushed.has("push")).isFalse();
            JsonNode attachments = pushed.get("attachments");
            assertThat(attachments).hasSize(2);
            assertThat(attachments.get(0).get("filename").asText()).isEqualTo("คำร้อง.txt");
            assertThat(Base64.getDecoder().decode(attachments.get(0).get("content_base64").asText())).isEqualTo(SMALL);
            assertThat(attachments.get(1).has("content_base64")).isFalse();
            assertThat(attachments.get(1).get("url").asText())
                    .isEqualTo("https://saraban-gw.agency.go.th/api/v1/entries/" + entryId + "/attachments/2");
            assertThat(attachments.get(1).get("sha256").asText()).isEqualTo(Letters.sha256(LARGE));

            // the same entry through the API: the document the push carried, and its push state
            String key = new ApiKeys(dataSource(), clock).create("e-saraban", Set.of("read")).key();
            JsonNode document = json.readTree(get("/api/v1/entries/" + entryId, key).body());
            assertThat(document.get("push").get("state").asText()).isEqualTo("delivered");
            assertThat(document.get("push").get("delivery_id").asText()).isEqualTo(deliveryId);
            assertThat(withoutPushFields(document)).isEqualTo(withoutPushFields(pushed));
            HttpResponse<String> attemptsSeen = get("/api/v1/push-deliveries?entry_id=" + entryId, key);
            assertThat(attemptsSeen.statusCode()).isEqualTo(200);
            JsonNode page = json.readTree(attemptsSeen.body());
            assertThat(page.get("total").asInt()).isEqualTo(3);
            assertThat(page.get("items").get(0).get("outcome").asText()).isEqualTo("delivered");
            assertThat(page.get("items").get(0).get("http_status").asInt()).isEqualTo(200);
            assertThat(get("/api/v1/push-deliveries", null).statusCode()).isEqualTo(401);

            String metrics = get("/observe/metrics", null).body();
            assertThat(PrometheusText.value(metrics, "saraban_push_total", "outcome=\"retry\"")).isEqualTo(2.0);
            assertThat(PrometheusText.value(metrics, "saraban_push_total", "outcome=\"delivered\"")).isEqualTo(1.0);
            assertThat(PrometheusText.value(metrics, "saraban_push_total", "outcome=\"failed\"")).isEqualTo(0.0);
        }
    }

    @Test
    void aRedirectIsAFailedAttemptNeverFollowedAndTheLastOneEndsFailed() throws Exception {
        try (PushReceiver elsewhere = new PushReceiver(SECRET, n -> 200, null);
             PushReceiver receiver = new PushReceiver(SECRET, n -> 302, elsewhere.url("/stolen"))) {
            startGateway(pushTo(receiver.url("/hooks/saraban"), 2), clock);
            long entryId = registerLetterWithTwoAttachments();

            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(entryId) == 1);
            clock.advance(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(entryId) == 2);

            assertThat(rows.query("SELECT attempt_no, http_status, outcome FROM push_delivery WHERE entry_id = ?"
                    + " ORDER BY attempt_no", entryId)).extracting(r -> r.get("attempt_no") + " "
                    + r.get("http_status") + " " + r.get("outcome")).containsExactly("1 302 retry", "2 302 failed");
            assertThat(rows.single("SELECT state, next_attempt_at, last_error FROM push_entry WHERE entry_id = ?",
                    entryId)).containsEntry("state", "failed").containsEntry("next_attempt_at", null)
                    .satisfies(r -> assertThat((String) r.get("last_error")).contains("redirect, not followed"));
            assertThat(receiver.requests()).hasSize(2);
            assertThat(elsewhere.requests()).isEmpty();
            // the register entry is not touched by its push
            assertThat(rows.single("SELECT status FROM incoming_register WHERE id = ?", entryId))
                    .containsEntry("status", "registered");
            // nothing more is tried
            clock.advance(Duration.ofDays(1));
            pushOnce();
            assertThat(receiver.requests()).hasSize(2);

            String metrics = get("/observe/metrics", null).body();
            assertThat(PrometheusText.value(metrics, "saraban_push_total", "outcome=\"retry\"")).isEqualTo(1.0);
            assertThat(PrometheusText.value(metrics, "saraban_push_total", "outcome=\"failed\"")).isEqualTo(1.0);
        }
    }

    @Test
    void anUnreachableReceiverIsRetriedLikeAnyFailure() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        startGateway(pushTo("http://127.0.0.1:" + closedPort + "/hooks", 3), clock);
        long entryId = registerLetterWithTwoAttachments();

        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(entryId) == 1);

        assertThat(rows.single("SELECT http_status, error, outcome FROM push_delivery WHERE entry_id = ?", entryId))
                .containsEntry("http_status", null).containsEntry("outcome", "retry")
                .satisfies(r -> assertThat((String) r.get("error")).isNotBlank().doesNotContain(SECRET));
        assertThat(rows.single("SELECT state FROM push_entry WHERE entry_id = ?", entryId))
                .containsEntry("state", "pending");
    }

    @Test
    void offByDefaultNothingIsQueued() {
        startGateway(Map.of(), clock);

        registerLetterWithTwoAttachments();

        assertThat(rows.count("SELECT count(*) FROM push_entry")).isZero();
        assertThat(gateway.context().getRouteController().getRouteStatus("schedule-push").isStarted()).isFalse();
    }

    @Test
    void theSecretIsNeverLogged() throws Exception {
        try (PushReceiver receiver = new PushReceiver(SECRET, n -> 500, null);
             th.go.saraban.gateway.pipeline.CapturedLog log = th.go.saraban.gateway.pipeline.CapturedLog.capture()) {
            startGateway(pushTo(receiver.url("/hooks"), 1), clock);
            long entryId = registerLetterWithTwoAttachments();
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(entryId) == 1);

            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET));
        }
    }

    private long registerLetterWithTwoAttachments() {
        String raw = "From: Somchai <somchai@citizen.example>\nTo: " + TestMailServer.CENTRAL + "\n"
                + "Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString("ขอสำเนาทะเบียนบ้าน".getBytes(
                StandardCharsets.UTF_8)) + "?=\nMessage-ID: <push-" + System.nanoTime() + "@citizen.example>\n"
                + "Date: Tue, 24 Nov 2026 10:10:00 +0700\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "เรียน นายอำเภอ\n--b\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename*=UTF-8''%E0%B8%84%E0%B8%B3%E0%B8%A3%E0%B9%89%E0%B8%AD%E0%B8%87.txt\n\n"
                + Base64.getMimeEncoder().encodeToString(SMALL) + "\n--b\nContent-Type: application/octet-stream\n"
                + "Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"scan.bin\"\n\n"
                + Base64.getMimeEncoder().encodeToString(LARGE) + "\n--b--\n";
        mailServer.deliver(Letters.crlf(raw), TUESDAY_MORNING);
        gateway.checkMailbox();
        return (Long) rows.single("SELECT max(id) AS id FROM incoming_register").get("id");
    }

    /** One run of the push route now, as its timer would run it. */
    private void pushOnce() {
        gateway.context().createProducerTemplate().requestBody("direct:push-entries", (Object) null);
    }

    private long attempts(long entryId) {
        return rows.count("SELECT count(*) FROM push_delivery WHERE entry_id = ?", entryId);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private DataSource dataSource() {
        return database.dataSource();
    }

    /** The document without the push state (API only) and the attachment contents/links (push only). */
    private static Map<String, Object> withoutPushFields(JsonNode document) {
        Map<String, Object> fields = new ObjectMapper().convertValue(document, Map.class);
        fields.remove("push");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) fields.get("attachments");
        fields.put("attachments", attachments.stream().map(a -> a.entrySet().stream()
                .filter(e -> !Set.of("content_base64", "url").contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).toList());
        return fields;
    }
}
