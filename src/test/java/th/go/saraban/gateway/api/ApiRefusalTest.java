package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.CapturedLog;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;

/** Every refusal of the API, as JSON with a status a client can act on, and what never leaves or is logged. */
class ApiRefusalTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-27T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    private ApiClient api;
    private ApiKeys keys;

    private void start() {
        startGateway(Map.of(), NOW);
        api = new ApiClient(gateway.httpPort());
        keys = new ApiKeys(database.dataSource(), NOW);
    }

    private static JsonNode refused(HttpResponse<byte[]> response, int status, String error) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(body).doesNotContain("Exception", "\tat ", "at th.go", "at org.");
        JsonNode json = ApiClient.json(response);
        assertThat(json.path("error").asText()).isEqualTo(error);
        assertThat(json.size()).isEqualTo(2);
        return json;
    }

    @Test
    void refusesCallsWithoutAValidKey() throws Exception {
        start();
        String revoked = keys.create("old-system", Set.of("read")).key();
        keys.revoke("old-system");
        String valid = keys.create("e-saraban", Set.of("read")).key();
        String forged = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");

        HttpResponse<byte[]> none = api.get("/api/v1/entries", null);
        HttpResponse<byte[]> wrong = api.get("/api/v1/entries", forged);
        HttpResponse<byte[]> garbage = api.get("/api/v1/entries", "not-a-key");
        HttpResponse<byte[]> revokedCall = api.get("/api/v1/entries/1", revoked);
        HttpResponse<byte[]> basic = api.send(HttpRequest.newBuilder(api.uri("/api/v1/entries"))
                .header("Authorization", "Basic ZTpzYXJhYmFu").build());

        for (HttpResponse<byte[]> response : List.of(none, wrong, garbage, revokedCall, basic)) {
            refused(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        }
        assertThat(ApiClient.json(revokedCall).path("detail").asText()).contains("revoked");
        assertThat(api.get("/api/v1/entries", valid).statusCode()).isEqualTo(200);
        assertThat(rows.single("SELECT last_used_at IS NOT NULL AS used FROM api_key WHERE name = 'e-saraban'"))
                .containsEntry("used", true);
    }

    @Test
    void refusesAKeyWithoutTheScope() throws Exception {
        start();
        String replyOnly = keys.create("mailer", Set.of("reply", "record")).key();

        JsonNode refusal = refused(api.get("/api/v1/entries", replyOnly), 403, "forbidden");

        assertThat(refusal.path("detail").asText()).contains("mailer", "read");
        refused(api.get("/api/v1/entries/1/raw", replyOnly), 403, "forbidden");
    }

    @Test
    void namesTheBadParameter() throws Exception {
        start();
        String key = keys.create("e-saraban", Set.of("read")).key();
        Map<String, String> calls = Map.ofEntries(
                Map.entry("/api/v1/entries?page=0", "page"),
                Map.entry("/api/v1/entries?page=two", "page"),
                Map.entry("/api/v1/entries?size=201", "size"),
                Map.entry("/api/v1/entries?size=0", "size"),
                Map.entry("/api/v1/entries?year=2026", "year"),
                Map.entry("/api/v1/entries?year=x", "year"),
                Map.entry("/api/v1/entries?status=DROP%20TABLE", "status"),
                Map.entry("/api/v1/entries?status=archived", "status"),
                Map.entry("/api/v1/entries?received_from=yesterday", "received_from"),
                Map.entry("/api/v1/entries?received_to=2026-13-01", "received_to"),
                Map.entry("/api/v1/entries?deemed_from=24/11/2569", "deemed_from"),
                Map.entry("/api/v1/entries?deemed_to=2026-11-24T25:00:00Z", "deemed_to"),
                Map.entry("/api/v1/entries?page=1&page=2", "page"),
                Map.entry("/api/v1/entries/abc", "id"),
                Map.entry("/api/v1/entries/0/raw", "id"),
                Map.entry("/api/v1/entries/1/attachments/first", "index"));

        calls.forEach((path, parameter) -> assertThat(refused(api.get(path, key), 400, "bad_parameter")
                .path("detail").asText()).as(path).startsWith(parameter + ":"));
    }

    @Test
    void refusesAValueOutsideAFiltersFixedSetNamingTheAllowedOnes() throws Exception {
        start();
        String key = keys.create("e-saraban", Set.of("read")).key();

        JsonNode status = refused(api.get("/api/v1/entries?status=archived", key), 400, "bad_parameter");
        JsonNode shouting = refused(api.get("/api/v1/entries?status=ROUTED", key), 400, "bad_parameter");
        JsonNode origin = refused(api.get("/api/v1/sending-register?origin=webmail", key), 400, "bad_parameter");
        JsonNode outcome = refused(api.get("/api/v1/checks?outcome=done", key), 400, "bad_parameter");
        JsonNode pushOutcome = refused(api.get("/api/v1/push-deliveries?outcome=sent", key), 400, "bad_parameter");

        assertThat(status.path("detail").asText()).isEqualTo("status: 'archived' is not one of registered,"
                + " needs_review, oversize, unfetchable, unreadable, routed, in_progress, done, cancelled");
        assertThat(shouting.path("detail").asText()).startsWith("status: 'ROUTED' is not one of registered,");
        assertThat(origin.path("detail").asText()).isEqualTo("origin: 'webmail' is not one of gateway, outside");
        assertThat(outcome.path("detail").asText()).isEqualTo("outcome: 'done' is not one of running, ok, failed");
        assertThat(pushOutcome.path("detail").asText())
                .isEqualTo("outcome: 'sent' is not one of delivered, retry, failed");
    }

    @Test
    void answers404ForWhatDoesNotExist() throws Exception {
        start();
        String key = keys.create("e-saraban", Set.of("read")).key();
        mailServer.deliver(Letters.letter("มีอยู่"), OffsetDateTime.parse("2026-11-24T10:00:00+07:00"));
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM incoming_register").get("id");

        assertThat(refused(api.get("/api/v1/entries/" + (id + 1000), key), 404, "not_found").path("detail").asText())
                .contains("no entry " + (id + 1000));
        refused(api.get("/api/v1/entries/" + (id + 1000) + "/raw", key), 404, "not_found");
        refused(api.get("/api/v1/entries/" + (id + 1000) + "/attachments/1", key), 404, "not_found");
        assertThat(refused(api.get("/api/v1/entries/" + id + "/attachments/1", key), 404, "not_found")
                .path("detail").asText()).contains("has no attachment 1");
    }

    @Test
    void sendsNoCorsHeadersToAnotherOrigin() throws Exception {
        start();
        String key = keys.create("e-saraban", Set.of("read")).key();

        HttpResponse<byte[]> simple = api.send(HttpRequest.newBuilder(api.uri("/api/v1/entries"))
                .header("Origin", "https://evil.example").header("Authorization", "Bearer " + key).build());
        HttpResponse<byte[]> preflight = api.send(HttpRequest.newBuilder(api.uri("/api/v1/entries"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build());

        assertThat(simple.statusCode()).isEqualTo(200);
        for (HttpResponse<byte[]> response : List.of(simple, preflight)) {
            assertThat(response.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void keepsTheKeyOutOfLogsAndAnswersEvenWithTracingOn() throws Exception {
        // the tracer logs every step of every exchange with its message headers
        startGateway(Map.of("camel.main.tracing", "true"), NOW);
        api = new ApiClient(gateway.httpPort());
        keys = new ApiKeys(database.dataSource(), NOW);
        String key = keys.create("e-saraban", Set.of("read")).key();
        mailServer.deliver(Letters.letter("ลับ"), OffsetDateTime.parse("2026-11-24T10:00:00+07:00"));
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM incoming_register").get("id");

        HttpResponse<byte[]> answer;
        try (CapturedLog log = CapturedLog.capture()) {
            answer = api.get("/api/v1/entries/" + id + "?q=echo&x-probe=1", key);
            api.get("/api/v1/entries/" + (id + 5) + "/raw", key);
            api.get("/api/v1/entries?size=500", key);
            api.get("/api/v1/entries", key + "x");

            assertThat(log.text()).contains("rest://get:/entries").doesNotContain(key, key.substring(4, 20));
        }

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("authorization")
                || name.equalsIgnoreCase("q") || name.equalsIgnoreCase("x-probe")
                || name.equalsIgnoreCase("user-agent") || name.toLowerCase().startsWith("camel"));
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).doesNotContain(key);
    }
}
