package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;

/** The OpenAPI 3 document a client is generated from, as the running server serves it. */
class OpenApiDocumentTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    @Test
    void servesTheDocumentWithEveryEntryPathAndTheBearerScheme() throws Exception {
        startGateway(Map.of(), NOW);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());

        System.out.println(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = new ObjectMapper().readTree(response.body());
        assertThat(document.path("openapi").asText()).startsWith("3.");
    }
}
