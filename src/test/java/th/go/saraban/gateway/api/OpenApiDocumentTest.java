package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.CapturedLog;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.push.PushLog;

/** The OpenAPI 3 document a client is generated from, as the running server serves it (no key needed). */
class OpenApiDocumentTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    @Test
    void describesEveryEntryOperationWithItsParametersSchemasErrorsAndTheBearerScheme() throws Exception {
        startGateway(Map.of(), NOW);

        HttpResponse<byte[]> response = new ApiClient(gateway.httpPort()).get("/api/v1/openapi.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        // kept for a look or for generating a client: target/openapi.json
        Files.write(Path.of("target", "openapi.json"), response.body());
        JsonNode document = ApiClient.json(response);
        assertThat(document.path("openapi").asText()).startsWith("3.");
        // relative: a client generated from it calls the host it fetched the document from
        assertThat(document.path("servers")).hasSize(1);
        assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo("/api/v1");
        JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        JsonNode paths = document.path("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/entries", "/entries/{id}", "/entries/{id}/raw",
                "/entries/{id}/attachments/{index}");
        for (String path : List.of("/entries", "/entries/{id}", "/entries/{id}/raw", "/entries/{id}/attachments/{index}")) {
            JsonNode get = paths.path(path).path("get");
            assertThat(get.path("security").get(0).path("bearer").get(0).asText()).as(path).isEqualTo("read");
            assertThat(get.path("responses").fieldNames()).toIterable().as(path)
                    .contains("200", "400", "401", "403", "404");
            assertThat(get.path("responses").path("401").path("content").findValue("$ref").asText())
                    .isEqualTo("#/components/schemas/Error");
        }
        JsonNode list = paths.path("/entries").path("get");
        assertThat(names(list.path("parameters"))).containsExactly("page", "size", "mailbox", "year", "status",
                "sender", "q", "received_from", "received_to", "deemed_from", "deemed_to");
        assertThat(list.path("parameters")).allMatch(p -> !p.path("required").asBoolean());
        assertThat(enumOf(list, "status")).isEqualTo(EntryListing.STATUSES)
                .containsExactly("registered", "needs_review", "oversize", "unfetchable", "unreadable", "routed",
                        "in_progress", "done", "cancelled");
        assertThat(enumOf(paths.path("/sending-register").path("get"), "origin")).isEqualTo(RecordPages.ORIGINS);
        assertThat(enumOf(paths.path("/checks").path("get"), "outcome")).isEqualTo(RecordPages.CHECK_OUTCOMES);
        assertThat(enumOf(paths.path("/push-deliveries").path("get"), "outcome")).isEqualTo(PushLog.OUTCOMES);
        assertThat(list.path("responses").path("200").path("content").findValue("$ref").asText())
                .isEqualTo("#/components/schemas/EntryPage");
        assertThat(paths.path("/entries/{id}").path("get").path("responses").path("200").path("content")
                .findValue("$ref").asText()).isEqualTo("#/components/schemas/Entry");
        JsonNode raw = paths.path("/entries/{id}/raw").path("get").path("responses");
        assertThat(raw.path("200").path("content").path("message/rfc822").path("schema").path("format").asText())
                .isEqualTo("binary");
        assertThat(raw.path("404").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/Error");
        JsonNode entry = document.path("components").path("schemas").path("Entry").path("properties");
        assertThat(entry.fieldNames()).toIterable().contains("register_year", "register_no", "received_at",
                "deemed_received_at", "message_id", "sender_address", "subject", "status", "raw_sha256", "raw_size",
                "attachments", "actions", "replies");
        assertThat(entry.path("received_at").path("format").asText()).isEqualTo("date-time");
        assertThat(entry.path("document_date").path("format").asText()).isEqualTo("date");
        // a list item carries what officers record, as the entry does
        JsonNode summary = document.path("components").path("schemas").path("EntrySummary").path("properties");
        assertThat(summary.fieldNames()).toIterable().contains("status", "routed_to", "document_no", "document_date",
                "remarks").doesNotContain("body_text", "attachments", "actions");
        assertThat(summary.path("document_date").path("format").asText()).isEqualTo("date");
        assertThat(document.path("components").path("schemas").path("Attachment").path("properties").fieldNames())
                .toIterable().containsExactlyInAnyOrder("index", "filename", "content_type", "size", "sha256");
    }

    @Test
    void startsAndServesTheDocumentWithoutDuplicateSchemaLines() {
        try (CapturedLog log = CapturedLog.capture()) {
            startGateway(Map.of(), NOW);

            HttpResponse<byte[]> response = new ApiClient(gateway.httpPort()).get("/api/v1/openapi.json", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ApiClient.json(response).path("components").path("schemas").path("Error").path("properties")
                    .fieldNames()).toIterable().containsExactly("error", "detail");
            assertThat(log.lines()).noneMatch(line -> line.contains("Duplicate schema"));
        }
    }

    private static List<String> enumOf(JsonNode operation, String parameter) {
        List<String> values = new ArrayList<>();
        StreamSupport.stream(operation.path("parameters").spliterator(), false)
                .filter(p -> p.path("name").asText().equals(parameter))
                .forEach(p -> p.path("schema").path("enum").forEach(v -> values.add(v.asText())));
        return values;
    }

    private static List<String> names(JsonNode parameters) {
        List<String> names = new ArrayList<>();
        StreamSupport.stream(parameters.spliterator(), false).forEach(p -> names.add(p.path("name").asText()));
        return names;
    }
}
