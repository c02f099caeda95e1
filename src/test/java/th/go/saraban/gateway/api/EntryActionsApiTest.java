package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.TestClock;

/** POST /api/v1/entries/{id}/actions against the real routes and HTTP server: values, audit trail, refusals. */
class EntryActionsApiTest extends GatewayTestSupport {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);
    private RecordsHttp api;
    private String recordKey;
    private long entryId;

    @BeforeEach
    void registerOneLetter() throws Exception {
        startGateway(Map.of(), clock);
        api = new RecordsHttp(gateway.httpPort());
        recordKey = new ApiKeys(database.dataSource(), clock).create("esaraban-amphoe", Set.of("read", "record")).key();
        mailServer.deliver(Letters.letter("<req-1@citizen.example>", "สมชาย <somchai@citizen.example>",
                "ขอสำเนาทะเบียนบ้าน", "เรียน นายอำเภอ"), OffsetDateTime.parse("2026-11-24T10:15:00+07:00"));
        gateway.checkMailbox();
        entryId = (Long) rows.single("SELECT id FROM incoming_register").get("id");
    }

    @Test
    void twoActionsLeaveOldAndNewValuesInTheAuditTrailAndTheEntryShowsThem() {
        HttpResponse<String> first = api.post("/entries/" + entryId + "/actions", recordKey, Map.of(
                "status", "routed", "routed_to", "กลุ่มงานปกครอง", "document_no", "สน ๐๐๑๘.๑/ว ๒๖๒๖๐",
                "document_date", "2026-11-20", "officer", "นางสาวสมศรี ใจดี"));
        clock.advance(Duration.ofMinutes(90));

        HttpResponse<String> second = api.post("/entries/" + entryId + "/actions", recordKey, Map.of(
                "status", "done", "routed_to", "ฝ่ายทะเบียน", "remarks", "ส่งสำเนาแล้ว", "officer", "นายสมชาย รักงาน"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(second.headers().firstValue("Location")).hasValue("/api/v1/entries/" + entryId);
        assertThat(RecordsHttp.object(second)).containsEntry("status", "done").containsEntry("officer", "นายสมชาย รักงาน")
                .containsEntry("api_key_name", "esaraban-amphoe").containsEntry("recorded_at", "2026-11-25T11:30:00+07:00");
        assertThat(rows.query("SELECT field, old_value, new_value, officer, api_key_name, changed_at FROM audit_log"
                + " WHERE entity = 'incoming_register' AND entity_id = ? ORDER BY id", entryId))
                .extracting(r -> r.get("field") + ": " + r.get("old_value") + " -> " + r.get("new_value") + " by "
                        + r.get("officer") + " with " + r.get("api_key_name") + " at "
                        + ((java.sql.Timestamp) r.get("changed_at")).toInstant())
                .containsExactly(
                        "status: registered -> routed by นางสาวสมศรี ใจดี with esaraban-amphoe at 2026-11-25T03:00:00Z",
                        "routed_to: null -> กลุ่มงานปกครอง by นางสาวสมศรี ใจดี with esaraban-amphoe at 2026-11-25T03:00:00Z",
                        "document_no: null -> สน ๐๐๑๘.๑/ว ๒๖๒๖๐ by นางสาวสมศรี ใจดี with esaraban-amphoe at 2026-11-25T03:00:00Z",
                        "document_date: null -> 2026-11-20 by นางสาวสมศรี ใจดี with esaraban-amphoe at 2026-11-25T03:00:00Z",
                        "status: routed -> done by นายสมชาย รักงาน with esaraban-amphoe at 2026-11-25T04:30:00Z",
                        "routed_to: กลุ่มงานปกครอง -> ฝ่ายทะเบียน by นายสมชาย รักงาน with esaraban-amphoe at 2026-11-25T04:30:00Z",
                        "remarks: null -> ส่งสำเนาแล้ว by นายสมชาย รักงาน with esaraban-amphoe at 2026-11-25T04:30:00Z");
        Map<String, Object> entry = RecordsHttp.object(api.get("/entries/" + entryId, recordKey));
        assertThat(entry).containsEntry("status", "done").containsEntry("routed_to", "ฝ่ายทะเบียน")
                .containsEntry("remarks", "ส่งสำเนาแล้ว").containsEntry("document_no", "สน ๐๐๑๘.๑/ว ๒๖๒๖๐")
                .containsEntry("document_date", "2026-11-20");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> actions = (List<Map<String, Object>>) entry.get("actions");
        assertThat(actions).extracting(a -> a.get("status") + " " + a.get("officer"))
                .containsExactly("routed นางสาวสมศรี ใจดี", "done นายสมชาย รักงาน");
        assertThat(actions.get(1).get("changes")).asList().hasSize(3);
        HttpResponse<String> trail = api.get("/entries/" + entryId + "/audit", recordKey);
        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(RecordsHttp.items(trail)).hasSize(7).last().satisfies(change -> assertThat(change)
                .containsEntry("field", "remarks").containsEntry("old_value", null)
                .containsEntry("new_value", "ส่งสำเนาแล้ว").containsEntry("officer", "นายสมชาย รักงาน")
                .containsEntry("api_key_name", "esaraban-amphoe").containsEntry("entity", "incoming_register")
                .containsEntry("changed_at", "2026-11-25T11:30:00+07:00"));
    }

    @Test
    void theListShowsWhatAnActionRecordedAsTheEntryDoes() {
        HttpResponse<String> recorded = api.post("/entries/" + entryId + "/actions", recordKey, Map.of(
                "status", "in_progress", "routed_to", "กลุ่มงานปกครอง", "document_no", "สน ๐๐๑๘.๑/ว ๒๖๒๖๐",
                "document_date", "2026-11-20", "remarks", "รอเอกสารเพิ่ม", "officer", "นางสาวสมศรี ใจดี"));

        HttpResponse<String> list = api.get("/entries?status=in_progress", recordKey);
        HttpResponse<String> untouched = api.get("/entries?status=registered", recordKey);

        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(RecordsHttp.items(list)).singleElement().satisfies(item -> assertThat(item)
                .containsEntry("id", (int) entryId).containsEntry("status", "in_progress")
                .containsEntry("routed_to", "กลุ่มงานปกครอง").containsEntry("document_no", "สน ๐๐๑๘.๑/ว ๒๖๒๖๐")
                .containsEntry("document_date", "2026-11-20").containsEntry("remarks", "รอเอกสารเพิ่ม")
                .doesNotContainKeys("body_text", "actions"));
        Map<String, Object> entry = RecordsHttp.object(api.get("/entries/" + entryId, recordKey));
        for (String field : List.of("status", "routed_to", "document_no", "document_date", "remarks")) {
            assertThat(RecordsHttp.items(list).get(0).get(field)).as(field).isEqualTo(entry.get(field));
        }
        assertThat(RecordsHttp.items(untouched)).isEmpty();
    }

    @Test
    void refusesWrongFieldsNamingEach() {
        String path = "/entries/" + entryId + "/actions";

        HttpResponse<String> unknownStatus = api.post(path, recordKey, Map.of("status", "archived", "officer", "สมศรี"));
        HttpResponse<String> gatewayStatus = api.post(path, recordKey, Map.of("status", "oversize", "officer", "สมศรี"));
        HttpResponse<String> badDate = api.post(path, recordKey, Map.of("document_date", "20/11/2569", "officer", "สมศรี"));
        HttpResponse<String> tooLong = api.post(path, recordKey, Map.of("remarks", "ก".repeat(4001), "officer", "สมศรี"));
        HttpResponse<String> noOfficer = api.post(path, recordKey, Map.of("status", "done"));
        HttpResponse<String> notJson = api.post(path, recordKey, "{\"status\": ");
        HttpResponse<String> numberForText = api.post(path, recordKey, Map.of("routed_to", 7, "officer", "สมศรี"));

        assertThat(List.of(unknownStatus, gatewayStatus, badDate, tooLong, noOfficer, notJson, numberForText))
                .extracting(HttpResponse::statusCode).containsOnly(400);
        assertThat(detail(unknownStatus)).startsWith("status:").contains("archived");
        assertThat(detail(gatewayStatus)).startsWith("status:").contains("gateway");
        assertThat(detail(badDate)).startsWith("document_date:");
        assertThat(detail(tooLong)).startsWith("remarks:").contains("4001");
        assertThat(detail(noOfficer)).startsWith("officer:");
        assertThat(detail(notJson)).startsWith("body:");
        assertThat(detail(numberForText)).startsWith("routed_to:");
        assertThat(RecordsHttp.object(unknownStatus)).containsEntry("error", "bad_parameter");
        assertThat(rows.count("SELECT count(*) FROM entry_action")).isZero();
        assertThat(rows.count("SELECT count(*) FROM audit_log")).isZero();
    }

    @Test
    void refusesCallersWithoutTheRecordScopeAndUnknownEntries() throws Exception {
        String readOnly = new ApiKeys(database.dataSource(), clock).create("dashboard", Set.of("read")).key();
        Map<String, String> action = Map.of("status", "done", "officer", "สมศรี");

        HttpResponse<String> noKey = api.post("/entries/" + entryId + "/actions", null, action);
        HttpResponse<String> wrongScope = api.post("/entries/" + entryId + "/actions", readOnly, action);
        HttpResponse<String> unknown = api.post("/entries/" + (entryId + 1000) + "/actions", recordKey, action);
        HttpResponse<String> unknownTrail = api.get("/entries/" + (entryId + 1000) + "/audit", recordKey);
        HttpResponse<String> trailWithoutKey = api.get("/entries/" + entryId + "/audit", null);

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(RecordsHttp.object(unknown)).containsEntry("error", "not_found");
        assertThat(unknownTrail.statusCode()).isEqualTo(404);
        assertThat(trailWithoutKey.statusCode()).isEqualTo(401);
        assertThat(rows.single("SELECT status FROM incoming_register")).containsEntry("status", "registered");
        assertThat(rows.count("SELECT count(*) FROM audit_log")).isZero();
    }

    private static String detail(HttpResponse<String> response) {
        return (String) RecordsHttp.object(response).get("detail");
    }
}
