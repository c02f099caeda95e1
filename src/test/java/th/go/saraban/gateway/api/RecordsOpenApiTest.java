package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.TestClock;

/** The records operations in the served OpenAPI document: bodies, answers, parameters and errors. */
class RecordsOpenApiTest extends GatewayTestSupport {

    @Test
    void describesActionsRepliesOutgoingSendingRegisterAndChecks() throws Exception {
        startGateway(Map.of(), new TestClock(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok")));

        HttpResponse<String> served = new RecordsHttp(gateway.httpPort()).get("/openapi.json", null);

        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode document = new ObjectMapper().readTree(served.body());
        JsonNode paths = document.path("paths");
        JsonNode actions = paths.path("/entries/{id}/actions").path("post");
        assertThat(schemaFields(document, actions.path("requestBody").path("content").path("application/json")
                .path("schema"))).as(served.body()).contains("officer", "status", "routed_to", "remarks",
                "document_no", "document_date");
        assertThat(codes(actions)).contains("201", "400", "401", "403", "404", "409");
        assertThat(schemaFields(document, actions.path("responses").path("201").path("content")
                .path("application/json").path("schema"))).contains("id", "officer", "api_key_name", "changes");
        JsonNode replies = paths.path("/entries/{id}/replies").path("post");
        assertThat(schemaFields(document, replies.path("requestBody").path("content").path("application/json")
                .path("schema"))).contains("officer", "text", "html", "to", "attachments");
        assertThat(codes(replies)).contains("202", "400", "401", "403", "404", "422");
        assertThat(replies.path("responses").path("202").path("headers").has("Location")).isTrue();
        JsonNode outgoing = paths.path("/outgoing/{id}").path("get");
        assertThat(schemaFields(document, outgoing.path("responses").path("200").path("content")
                .path("application/json").path("schema"))).contains("status", "attempts", "last_error",
                "register_year", "register_no", "sent_at");
        assertThat(parameters(paths.path("/sending-register").path("get")))
                .contains("page", "size", "mailbox", "year", "origin", "sent_from", "sent_to");
        assertThat(parameters(paths.path("/checks").path("get"))).contains("page", "size", "mailbox", "from", "to");
        assertThat(codes(paths.path("/checks").path("get"))).contains("200", "400", "401", "403");
        assertThat(parameters(replies)).contains("id", "Idempotency-Key");
        assertThat(schemaFields(document, paths.path("/entries/{id}/audit").path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema"))).contains("entry_id", "items");
        JsonNode entry = document.path("components").path("schemas").path("Entry").path("properties");
        assertThat(entry.path("actions").path("items").path("$ref").asText()).endsWith("Action");
        assertThat(entry.path("replies").path("items").path("$ref").asText()).endsWith("Outgoing");
        assertThat(entry.has("routed_to")).isTrue();
    }

    private static List<String> codes(JsonNode operation) {
        List<String> codes = new ArrayList<>();
        operation.path("responses").fieldNames().forEachRemaining(codes::add);
        return codes;
    }

    private static List<String> parameters(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> names.add(parameter.path("name").asText()));
        return names;
    }

    /** The property names of a schema, following a $ref into components. */
    private static List<String> schemaFields(JsonNode document, JsonNode schema) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asText().substring("#/components/schemas/".length());
            resolved = document.path("components").path("schemas").path(name);
        }
        List<String> fields = new ArrayList<>();
        resolved.path("properties").fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
