package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.TestMailServer;

/**
 * The read side of the API against the real server: letters delivered to the mail server and
 * registered by a real check, then read back as an integration team would.
 */
class EntriesApiTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-27T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:00:00+07:00");
    private static final String THAI_FILENAME = "หนังสือราชการ ฉบับที่ ๑ \"ด่วน\".pdf";

    private ApiClient api;
    private String key;

    private void startWithKey(Map<String, String> settings) throws Exception {
        startGateway(settings, NOW);
        api = new ApiClient(gateway.httpPort());
        key = new ApiKeys(database.dataSource(), NOW).create("e-saraban", Set.of("read")).key();
    }

    private JsonNode getJson(String path) {
        HttpResponse<byte[]> response = api.get(path, key);
        assertThat(response.statusCode()).as(path + ": " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        return ApiClient.json(response);
    }

    private static List<String> subjects(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).map(i -> i.path("subject").asText())
                .toList();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void listsTheRegisterNewestFirstOnePageAtATime() throws Exception {
        startWithKey(Map.of());
        for (int i = 1; i <= 5; i++) {
            mailServer.deliver(Letters.letter("หนังสือ " + i), TUESDAY_MORNING.plusMinutes(i));
        }
        gateway.checkMailbox();

        JsonNode first = getJson("/api/v1/entries?size=2");
        JsonNode third = getJson("/api/v1/entries?size=2&page=3");
        JsonNode whole = getJson("/api/v1/entries");

        assertThat(subjects(first)).containsExactly("หนังสือ 5", "หนังสือ 4");
        assertThat(first.path("page").asLong()).isEqualTo(1);
        assertThat(first.path("size").asLong()).isEqualTo(2);
        assertThat(first.path("total").asLong()).isEqualTo(5);
        assertThat(subjects(third)).containsExactly("หนังสือ 1");
        assertThat(whole.path("size").asLong()).isEqualTo(50);
        assertThat(subjects(whole)).containsExactly("หนังสือ 5", "หนังสือ 4", "หนังสือ 3", "หนังสือ 2", "หนังสือ 1");
        JsonNode newest = first.path("items").get(0);
        assertThat(newest.path("register_no").asInt()).isEqualTo(5);
        assertThat(newest.path("register_year").asInt()).isEqualTo(2569);
        assertThat(newest.path("received_at").asText()).isEqualTo("2026-11-24T10:05:00+07:00");
        assertThat(newest.has("body_text")).isFalse();
    }

    @Test
    void filtersByEachParameter() throws Exception {
        startWithKey(Map.of());
        mailServer.deliver(Letters.letter("<a@citizen.example>", "Somchai <somchai@citizen.example>",
                "ขอรับรองสำเนา Birth Certificate", "เรียน"), OffsetDateTime.parse("2026-11-23T09:00:00+07:00"));
        // Saturday: deemed received on Monday 30 November at the opening
        mailServer.deliver(Letters.letter("<b@company.example>", "Malee Co. <malee@company.example>",
                "ใบเสนอราคา", "เรียน"), OffsetDateTime.parse("2026-11-28T11:00:00+07:00"));
        mailServer.deliver(Letters.letter("<c@citizen.example>", "Somsri <somsri_100%@citizen.example>",
                "ร้องเรียน", "เรียน"), OffsetDateTime.parse("2026-11-24T16:00:00+07:00"));
        gateway.checkMailbox();

        assertThat(subjects(getJson("/api/v1/entries?q=" + query("รับรอง")))).containsExactly("ขอรับรองสำเนา Birth Certificate");
        assertThat(subjects(getJson("/api/v1/entries?q=birth%20CERTIFICATE"))).containsExactly("ขอรับรองสำเนา Birth Certificate");
        assertThat(subjects(getJson("/api/v1/entries?q=" + query("%")))).isEmpty();
        assertThat(subjects(getJson("/api/v1/entries?sender=COMPANY.example"))).containsExactly("ใบเสนอราคา");
        assertThat(subjects(getJson("/api/v1/entries?sender=" + query("_100%")))).containsExactly("ร้องเรียน");
        assertThat(subjects(getJson("/api/v1/entries?sender=Malee"))).containsExactly("ใบเสนอราคา");
        assertThat(subjects(getJson("/api/v1/entries?mailbox=" + query(TestMailServer.CENTRAL)))).hasSize(3);
        assertThat(subjects(getJson("/api/v1/entries?mailbox=other@agency.go.th"))).isEmpty();
        assertThat(subjects(getJson("/api/v1/entries?year=2569"))).hasSize(3);
        assertThat(subjects(getJson("/api/v1/entries?year=2570"))).isEmpty();
        assertThat(subjects(getJson("/api/v1/entries?status=registered"))).hasSize(3);
        assertThat(subjects(getJson("/api/v1/entries?status=oversize"))).isEmpty();
        // a plain date: from the start of that day, to the end of that day, in Asia/Bangkok
        assertThat(subjects(getJson("/api/v1/entries?received_from=2026-11-24&received_to=2026-11-24")))
                .containsExactly("ร้องเรียน");
        // date-times with offset: from inclusive, to exclusive; a '+' left unencoded is understood too
        assertThat(subjects(getJson("/api/v1/entries?received_from=" + query("2026-11-24T16:00:00+07:00")
                + "&received_to=2026-11-28T11:00:00+07:00"))).containsExactly("ร้องเรียน");
        assertThat(subjects(getJson("/api/v1/entries?received_to=2026-11-23T02:00:00Z"))).isEmpty();
        assertThat(subjects(getJson("/api/v1/entries?received_to=2026-11-23T02:00:01Z")))
                .containsExactly("ขอรับรองสำเนา Birth Certificate");
        assertThat(subjects(getJson("/api/v1/entries?deemed_from=2026-11-30T08:30:00%2B07:00")))
                .containsExactly("ใบเสนอราคา");
        assertThat(subjects(getJson("/api/v1/entries?deemed_from=2026-11-28&deemed_to=2026-11-29"))).isEmpty();
        assertThat(subjects(getJson("/api/v1/entries?q=" + query("ใบ") + "&year=2569&status=registered&sender=malee")))
                .containsExactly("ใบเสนอราคา");
    }

    @Test
    void answersOneEntryWithItsRegisterColumnsAndAttachments() throws Exception {
        startWithKey(Map.of());
        byte[] pdf = "%PDF-1.4 ตัวอย่าง".getBytes(StandardCharsets.UTF_8);
        byte[] raw = letterWithAttachment(pdf);
        mailServer.deliver(raw, OffsetDateTime.parse("2026-11-24T17:10:00+07:00"));
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM incoming_register").get("id");

        JsonNode entry = getJson("/api/v1/entries/" + id);

        assertThat(entry.path("id").asLong()).isEqualTo(id);
        assertThat(entry.path("register_year").asInt()).isEqualTo(2569);
        assertThat(entry.path("register_no").asInt()).isEqualTo(1);
        assertThat(entry.path("received_at").asText()).isEqualTo("2026-11-24T17:10:00+07:00");
        assertThat(entry.path("deemed_received_at").asText()).isEqualTo("2026-11-25T08:30:00+07:00");
        assertThat(entry.path("message_id").asText()).isEqualTo("<thai-file@citizen.example>");
        assertThat(entry.path("sender_address").asText()).isEqualTo("somchai@citizen.example");
        assertThat(entry.path("subject").asText()).isEqualTo("ส่งเอกสาร");
        assertThat(entry.path("status").asText()).isEqualTo("registered");
        assertThat(entry.path("raw_sha256").asText()).isEqualTo(Letters.sha256(raw));
        assertThat(entry.path("raw_size").asLong()).isEqualTo(raw.length);
        assertThat(entry.path("body_text").asText()).contains("แนบเอกสาร");
        assertThat(entry.has("raw_mime")).isFalse();
        JsonNode attachment = entry.path("attachments").get(0);
        assertThat(attachment.path("index").asInt()).isEqualTo(1);
        assertThat(attachment.path("filename").asText()).isEqualTo(THAI_FILENAME);
        assertThat(attachment.path("content_type").asText()).isEqualTo("application/pdf");
        assertThat(attachment.path("size").asLong()).isEqualTo(pdf.length);
        assertThat(attachment.path("sha256").asText()).isEqualTo(Letters.sha256(pdf));
        assertThat(entry.path("actions").isArray()).isTrue();
        assertThat(entry.path("replies").isArray()).isTrue();
    }

    @Test
    void servesTheRawBytesWhoseSha256IsInTheRegister() throws Exception {
        startWithKey(Map.of());
        byte[] raw = letterWithAttachment("content".getBytes(StandardCharsets.UTF_8));
        mailServer.deliver(raw, TUESDAY_MORNING);
        gateway.checkMailbox();
        Map<String, Object> entry = rows.single("SELECT id, raw_sha256 FROM incoming_register");

        HttpResponse<byte[]> response = api.get("/api/v1/entries/" + entry.get("id") + "/raw", key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(Letters.sha256(response.body())).isEqualTo(entry.get("raw_sha256")).isEqualTo(Letters.sha256(raw));
    }

    @Test
    void streamsRawBytesLargerThanOneSliceWhole() throws Exception {
        startWithKey(Map.of());
        StringBuilder body = new StringBuilder();
        java.util.Random random = new java.util.Random(5);
        byte[] scan = new byte[3 * ByteaStream.SLICE + 12345];
        random.nextBytes(scan);
        byte[] raw = Letters.crlf("From: somchai@citizen.example\nSubject: big\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nsee\n"
                + "--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"scan.png\"\n\n"
                + Base64.getMimeEncoder().encodeToString(scan) + "\n--b--\n" + body);
        mailServer.deliver(raw, TUESDAY_MORNING);
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM incoming_register").get("id");

        HttpResponse<byte[]> whole = api.get("/api/v1/entries/" + id + "/raw", key);
        HttpResponse<byte[]> attachment = api.get("/api/v1/entries/" + id + "/attachments/1", key);

        assertThat(Letters.sha256(whole.body())).isEqualTo(Letters.sha256(raw));
        assertThat(attachment.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(Letters.sha256(attachment.body())).isEqualTo(Letters.sha256(scan));
    }

    @Test
    void servesAnAttachmentUnderItsThaiName() throws Exception {
        startWithKey(Map.of());
        byte[] pdf = "%PDF-1.4 ตัวอย่าง".getBytes(StandardCharsets.UTF_8);
        mailServer.deliver(letterWithAttachment(pdf), TUESDAY_MORNING);
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM incoming_register").get("id");

        HttpResponse<byte[]> response = api.get("/api/v1/entries/" + id + "/attachments/1", key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(pdf);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment; filename=\"").doesNotContain("\r", "\n");
        Matcher extended = Pattern.compile("filename\\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$").matcher(disposition);
        assertThat(extended.find()).as(disposition).isTrue();
        assertThat(URLDecoder.decode(extended.group(1).replace("+", "%2B"), StandardCharsets.UTF_8))
                .isEqualTo(THAI_FILENAME);
        Matcher ascii = Pattern.compile("filename=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(disposition);
        assertThat(ascii.find()).isTrue();
        assertThat(ascii.group(1)).matches("[\\x20-\\x7e]+").endsWith(".pdf").contains("\\\"");
    }

    @Test
    void saysWhyAnOversizeEntryHasNoRawBytes() throws Exception {
        startWithKey(Map.of("saraban.max-message-megabytes", "1"));
        byte[] big = Letters.letter("<big@citizen.example>", "somchai@citizen.example", "ไฟล์ใหญ่",
                "x".repeat(1_200_000));
        mailServer.deliver(big, TUESDAY_MORNING);
        gateway.checkMailbox();
        Map<String, Object> entry = rows.single("SELECT id, status FROM incoming_register");
        assertThat(entry.get("status")).isEqualTo("oversize");

        HttpResponse<byte[]> response = api.get("/api/v1/entries/" + entry.get("id") + "/raw", key);

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = ApiClient.json(response);
        assertThat(error.path("error").asText()).isEqualTo("not_found");
        assertThat(error.path("detail").asText()).contains("no raw message", "oversize", "mail server");
    }

    private static byte[] letterWithAttachment(byte[] content) {
        List<String> lines = new ArrayList<>();
        lines.add("From: Somchai <somchai@citizen.example>");
        lines.add("To: " + TestMailServer.CENTRAL);
        lines.add("Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString("ส่งเอกสาร".getBytes(StandardCharsets.UTF_8)) + "?=");
        lines.add("Message-ID: <thai-file@citizen.example>");
        lines.add("Date: Tue, 24 Nov 2026 17:09:00 +0700");
        lines.add("MIME-Version: 1.0");
        lines.add("Content-Type: multipart/mixed; boundary=\"part\"");
        lines.add("");
        lines.add("--part");
        lines.add("Content-Type: text/plain; charset=UTF-8");
        lines.add("Content-Transfer-Encoding: 8bit");
        lines.add("");
        lines.add("แนบเอกสารมาด้วย");
        lines.add("--part");
        lines.add("Content-Type: application/pdf");
        lines.add("Content-Transfer-Encoding: base64");
        lines.add("Content-Disposition: attachment; filename*=UTF-8''"
                + URLEncoder.encode(THAI_FILENAME, StandardCharsets.UTF_8).replace("+", "%20"));
        lines.add("");
        lines.add(Base64.getMimeEncoder().encodeToString(content));
        lines.add("--part--");
        return Letters.crlf(String.join("\n", lines) + "\n");
    }
}
