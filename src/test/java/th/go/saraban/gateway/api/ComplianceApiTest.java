package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import th.go.saraban.gateway.compliance.RegisterRows;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.TestClock;
import th.go.saraban.gateway.pipeline.TestMailServer;

/**
 * GET /api/v1/compliance on the running gateway, 28 October 2026 at 10:00, over October: JSON, the
 * CSV bytes an officer opens in Excel, and the refusals. The holiday file is the agency's own, with a
 * holiday whose name holds a comma and quotes, so the CSV must quote it.
 */
class ComplianceApiTest extends GatewayTestSupport {

    private static final String HOLIDAY = "วันนวมินทรมหาราช \"๑๓ ตุลา\", วันหยุดราชการ";

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newHttpClient();
    private String readKey;
    private String recordKey;

    @BeforeEach
    void gatewayWithOctober() throws Exception {
        Path holidays = folder.resolve("holidays.csv");
        Files.writeString(holidays, "date,weekday,name_th,kind,status,note,source\n"
                + "2026-10-13,Tue,\"วันนวมินทรมหาราช \"\"๑๓ ตุลา\"\", วันหยุดราชการ\",holiday,confirmed,,test\n"
                + "2026-10-23,Fri,วันปิยมหาราช,holiday,confirmed,,test\n", StandardCharsets.UTF_8);
        startGateway(Map.of("saraban.holidays", holidays.toString()),
                new TestClock(Instant.parse("2026-10-28T03:00:00Z"), ZoneId.of("Asia/Bangkok")));
        RegisterRows register = new RegisterRows(database.dataSource(), TestMailServer.CENTRAL);
        register.check("2026-10-01T09:00:00+07:00", "ok");
        register.check("2026-10-01T14:00:00+07:00", "ok");
        register.check("2026-10-02T10:00:00+07:00", "ok");
        register.check("2026-10-05T09:00:00+07:00", "ok");
        register.check("2026-10-05T09:01:00+07:00", "ok");
        register.letter("2026-10-02T09:15:00+07:00", "2026-10-02T09:16:00+07:00");
        ApiKeys keys = new ApiKeys(database.dataSource(), java.time.Clock.systemUTC());
        readKey = keys.create("reports", Set.of("read")).key();
        recordKey = keys.create("recorder", Set.of("record")).key();
    }

    @Test
    void answersTheMonthAsJsonDayByDay() throws Exception {
        HttpResponse<String> response = get("/api/v1/compliance?mailbox=saraban@agency.go.th&from=2026-10-01&to=2026-10-31",
                readKey, "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode report = new ObjectMapper().readTree(response.body());
        assertThat(report.path("days")).hasSize(31);
        assertThat(report.path("timezone").asText()).isEqualTo("Asia/Bangkok");
        assertThat(report.path("afternoon_from").asText()).isEqualTo("12:00");
        JsonNode first = report.path("days").get(0);
        assertThat(first.path("date").asText()).isEqualTo("2026-10-01");
        assertThat(first.path("rule_met").asBoolean()).isTrue();
        JsonNode oneCheck = report.path("days").get(1);
        assertThat(oneCheck.path("checks_in_hours").asInt()).isEqualTo(1);
        assertThat(oneCheck.path("rule_met").isBoolean()).isTrue();
        assertThat(oneCheck.path("rule_met").asBoolean()).isFalse();
        assertThat(oneCheck.path("letters_received").asInt()).isEqualTo(1);
        assertThat(oneCheck.path("without_action").asInt()).isEqualTo(1);
        JsonNode minuteApart = report.path("days").get(4);
        assertThat(minuteApart.path("morning_checks").asInt()).isEqualTo(2);
        assertThat(minuteApart.path("rule_met").asBoolean()).isFalse();
        JsonNode holiday = report.path("days").get(12);
        assertThat(holiday.path("kind").asText()).isEqualTo("holiday");
        assertThat(holiday.path("holiday_name").asText()).isEqualTo(HOLIDAY);
        assertThat(holiday.path("rule_met").isNull()).isTrue();
        assertThat(report.path("days").get(28).path("status").asText()).isEqualTo("not_yet_due");
        assertThat(report.path("summary").path("days_rule_met").asInt()).isEqualTo(1);
    }

    @Test
    void answersCsvWithAByteOrderMarkForExcelAndQuotesTheHolidayName() throws Exception {
        HttpResponse<byte[]> response = http.send(request("/api/v1/compliance?from=2026-10-01&to=2026-10-31", readKey,
                "text/csv"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=UTF-8");
        byte[] bytes = response.body();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n", -1);
        assertThat(lines).hasSize(33);
        assertThat(lines[0]).isEqualTo("date,weekday,kind,holiday_name,status,checks_in_hours,morning_checks,"
                + "afternoon_checks,rule_met,failed_checks,letters_received,letters_registered,letters_acknowledged,"
                + "without_action");
        assertThat(lines[2]).isEqualTo("2026-10-02,FRI,business_day,,due,1,1,0,false,0,1,1,0,1");
        assertThat(lines[13]).isEqualTo("2026-10-13,TUE,holiday,\"วันนวมินทรมหาราช \"\"๑๓ ตุลา\"\", วันหยุดราชการ\","
                + "due,0,0,0,,0,0,0,0,0");
        assertThat(lines[31]).isEqualTo("2026-10-31,SAT,weekend,,not_yet_due,0,0,0,,0,0,0,0,0");
        assertThat(lines[32]).isEmpty();
    }

    @Test
    void refusesBadDatesAndRangesWith400NamingTheParameter() throws Exception {
        HttpResponse<String> badDate = get("/api/v1/compliance?from=2026-13-01", readKey, "application/json");
        HttpResponse<String> buddhistYear = get("/api/v1/compliance?from=2569-10-01&to=2569-10-02", readKey, "text/csv");
        HttpResponse<String> backwards = get("/api/v1/compliance?from=2026-10-31&to=2026-10-01", readKey, "application/json");
        HttpResponse<String> tooLong = get("/api/v1/compliance?from=2025-01-01&to=2026-10-31", readKey, "application/json");
        HttpResponse<String> unknownMailbox = get("/api/v1/compliance?mailbox=someone@gmail.com", readKey,
                "application/json");

        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("\"error\":\"bad_parameter\"").contains("\"detail\":\"from: is not a date");
        assertThat(buddhistYear.statusCode()).isEqualTo(400);
        assertThat(buddhistYear.body()).contains("\"detail\":\"from: 2569 looks like a Buddhist-Era year");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("to: 2026-10-01 is before from (2026-10-31)");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("has 669 days; one report covers at most 367");
        assertThat(unknownMailbox.statusCode()).isEqualTo(400);
        assertThat(unknownMailbox.body()).contains("mailbox: is not a mailbox the gateway checks");
    }

    @Test
    void refusesCallsWithoutAKeyOrWithoutTheReadScope() throws Exception {
        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.httpPort() + "/api/v1/compliance")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongScope = get("/api/v1/compliance", recordKey, "text/csv");

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(wrongScope.body()).contains("\"error\":\"forbidden\"").doesNotContain("date,weekday");
    }

    @Test
    void describesTheEndpointInTheOpenApiDocument() throws Exception {
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.httpPort() + "/api/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode operation = new ObjectMapper().readTree(document.body()).path("paths").path("/compliance").path("get");
        assertThat(operation.path("parameters")).extracting(p -> p.path("name").asText())
                .containsExactly("mailbox", "from", "to");
        assertThat(operation.path("responses").has("400")).isTrue();
        assertThat(document.body()).contains("rule_met").contains("without_action");
    }

    private HttpResponse<String> get(String path, String key, String accept) throws Exception {
        return http.send(request(path, key, accept), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String key, String accept) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .header("Authorization", "Bearer " + key).header("Accept", accept).build();
    }
}
