package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.TestClock;

/** The embedded server of camel-main is up with the gateway, with health and metrics on the same port. */
class HttpServerTest extends GatewayTestSupport {

    @Test
    void healthAndMetricsAnswerOnTheGatewaysPort() throws Exception {
        startGateway(java.util.Map.of(), new TestClock(java.time.Instant.parse("2026-11-24T03:00:00Z"), java.time.ZoneId.of("Asia/Bangkok")));
        HttpClient client = HttpClient.newHttpClient();
        int port = gateway.httpPort();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("camel_version=\"4.18.0\"");
    }
}
