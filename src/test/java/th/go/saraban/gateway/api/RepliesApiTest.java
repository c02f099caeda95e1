package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.TestClock;
import th.go.saraban.gateway.pipeline.TestMailServer;

/** POST /api/v1/entries/{id}/replies through the outbox to the SMTP server, and GET /outgoing/{id} after. */
class RepliesApiTest extends GatewayTestSupport {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final byte[] PDF = "%PDF-1.4\n% ผลการพิจารณา\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);
    private RecordsHttp api;
    private String replyKey;

    /** Acknowledgements off, so that the reply is the only message and takes number 1 of the sending register. */
    private long start(Map<String, String> overrides, byte[] letter) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("saraban.ack.enabled", "false"));
        settings.putAll(overrides);
        startGateway(settings, clock);
        api = new RecordsHttp(gateway.httpPort());
        replyKey = new ApiKeys(database.dataSource(), clock).create("esaraban-amphoe",
                Set.of("read", "record", "reply")).key();
        mailServer.deliver(letter, OffsetDateTime.parse("2026-11-24T10:15:00+07:00"));
        gateway.checkMailbox();
        return (Long) rows.single("SELECT id FROM incoming_register").get("id");
    }

    private long start() throws Exception {
        return start(Map.of(), Letters.letter("<req-1@citizen.example>", "สมชาย <somchai@citizen.example>",
                "ขอสำเนาทะเบียนบ้าน", "เรียน นายอำเภอ"));
    }

    @Test
    void replyQueuedThroughTheApiArrivesThreadedWithItsAttachmentAndIsNumbered() throws Exception {
        long entryId = start();

        HttpResponse<String> queued = api.post("/entries/" + entryId + "/replies", replyKey, Map.of(
                "text", "แจ้งผลการพิจารณา: อนุมัติ", "officer", "นางสาวสมศรี ใจดี",
                "attachments", List.of(Map.of("filename", "ผลการพิจารณา.pdf", "content_type", "application/pdf",
                        "content_base64", Base64.getEncoder().encodeToString(PDF)))));

        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        long outgoingId = ((Number) RecordsHttp.object(queued).get("id")).longValue();
        assertThat(queued.headers().firstValue("Location")).hasValue("/api/v1/outgoing/" + outgoingId);
        assertThat(RecordsHttp.object(queued)).containsEntry("status", "queued").containsEntry("kind", "reply")
                .containsEntry("officer", "นางสาวสมศรี ใจดี").containsEntry("register_no", null);

        gateway.sendOutbox();

        List<MimeMessage> arrived = mailServer.receivedAt("citizen.example");
        assertThat(arrived).hasSize(1);
        MimeMessage reply = arrived.get(0);
        assertThat(reply.getHeader("From", null)).isEqualTo(TestMailServer.CENTRAL);
        assertThat(reply.getHeader("To", null)).contains("somchai@citizen.example");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<req-1@citizen.example>");
        assertThat(reply.getSubject()).isEqualTo("Re: ขอสำเนาทะเบียนบ้าน [รับ ๒๕๖๙/๑]");
        List<Part> files = attachments(reply);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName()).isEqualTo("ผลการพิจารณา.pdf");
        assertThat(files.get(0).getInputStream().readAllBytes()).isEqualTo(PDF);

        Map<String, Object> sent = RecordsHttp.object(api.get("/outgoing/" + outgoingId, replyKey));
        assertThat(sent).containsEntry("status", "sent").containsEntry("register_year", 2569)
                .containsEntry("register_no", 1).containsEntry("sent_at", "2026-11-25T10:00:00+07:00")
                .containsEntry("message_id", reply.getMessageID()).containsEntry("attempts", 1);
        assertThat(rows.query("SELECT field, new_value, officer, api_key_name, entry_id FROM audit_log"
                + " WHERE entity = 'outgoing_message' AND entity_id = ? ORDER BY id", outgoingId))
                .extracting(r -> r.get("field") + "=" + r.get("new_value") + " by " + r.get("officer") + " with "
                        + r.get("api_key_name") + " for " + r.get("entry_id"))
                .containsExactly("status=queued by นางสาวสมศรี ใจดี with esaraban-amphoe for " + entryId,
                        "to_addresses=somchai@citizen.example by นางสาวสมศรี ใจดี with esaraban-amphoe for " + entryId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> replies = (List<Map<String, Object>>) RecordsHttp.object(
                api.get("/entries/" + entryId, replyKey)).get("replies");
        assertThat(replies).extracting(r -> r.get("id") + " " + r.get("status") + " " + r.get("register_no"))
                .containsExactly(outgoingId + " sent 1");
    }

    @Test
    void retryWithTheSameIdempotencyKeyQueuesOneReply() throws Exception {
        long entryId = start();
        Map<String, String> reply = Map.of("text", "แจ้งผลการพิจารณา", "officer", "สมศรี");

        HttpResponse<String> first = api.post("/entries/" + entryId + "/replies", replyKey, reply,
                "Idempotency-Key", "esaraban-7731");
        HttpResponse<String> retry = api.post("/entries/" + entryId + "/replies", replyKey, reply,
                "Idempotency-Key", "esaraban-7731");
        HttpResponse<String> another = api.post("/entries/" + entryId + "/replies", replyKey, reply,
                "Idempotency-Key", "esaraban-7732");
        gateway.sendOutbox();

        assertThat(List.of(first, retry, another)).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(RecordsHttp.object(retry).get("id")).isEqualTo(RecordsHttp.object(first).get("id"));
        assertThat(RecordsHttp.object(another).get("id")).isNotEqualTo(RecordsHttp.object(first).get("id"));
        assertThat(rows.count("SELECT count(*) FROM outgoing_message")).isEqualTo(2);
        assertThat(mailServer.receivedAt("citizen.example")).hasSize(2);
    }

    @Test
    void refusesBadBase64TooLargeAndInvalidAddressesNamingTheField() throws Exception {
        long entryId = start(Map.of("saraban.api.reply-max-megabytes", "1", "camel.server.max-body-size", "2097152"),
                Letters.letter("<req-2@citizen.example>",
                "somchai@citizen.example", "ขอข้อมูล", "เรียน"));
        String path = "/entries/" + entryId + "/replies";

        HttpResponse<String> badBase64 = api.post(path, replyKey, Map.of("text", "ผล", "officer", "สมศรี",
                "attachments", List.of(Map.of("filename", "a.pdf", "content_type", "application/pdf",
                        "content_base64", "not base64!"))));
        HttpResponse<String> tooLarge = api.post(path, replyKey, Map.of("text", "ผล", "officer", "สมศรี",
                "attachments", List.of(Map.of("filename", "big.bin", "content_type", "application/octet-stream",
                        "content_base64", Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1])))));
        HttpResponse<String> badAddress = api.post(path, replyKey, Map.of("text", "ผล", "officer", "สมศรี",
                "to", List.of("somchai@citizen.example", "not an address")));
        HttpResponse<String> injected = api.post(path, replyKey, Map.of("text", "ผล", "officer", "สมศรี",
                "to", "x@citizen.example\r\nBcc: everyone@example.org"));
        HttpResponse<String> noOfficer = api.post(path, replyKey, Map.of("text", "ผล"));
        HttpResponse<String> noText = api.post(path, replyKey, Map.of("officer", "สมศรี"));
        // past camel.server.max-body-size the server refuses the body before any route reads it
        HttpResponse<String> overBodyLimit = api.post(path, replyKey, Map.of("text", "ผล".repeat(1024 * 1024),
                "officer", "สมศรี"));

        assertThat(List.of(badBase64, tooLarge, badAddress, injected, noOfficer, noText))
                .extracting(HttpResponse::statusCode).containsOnly(400);
        assertThat(detail(badBase64)).startsWith("attachments[0].content_base64:");
        assertThat(detail(tooLarge)).startsWith("attachments[0].content_base64:").contains("1048576");
        assertThat(detail(badAddress)).startsWith("to[1]:");
        assertThat(detail(injected)).startsWith("to[0]:");
        assertThat(detail(noOfficer)).startsWith("officer:");
        assertThat(detail(noText)).startsWith("text:");
        assertThat(overBodyLimit.statusCode()).isEqualTo(413);
        assertThat(rows.count("SELECT count(*) FROM outgoing_message")).isZero();
        assertThat(rows.count("SELECT count(*) FROM audit_log")).isZero();
    }

    @Test
    void replyTheOutboundRulesRefuseIsRecordedAndAnswered422() throws Exception {
        // a letter without From: has nobody to answer unless the reply says whom
        long entryId = start(Map.of(), Letters.crlf("To: " + TestMailServer.CENTRAL + "\nSubject: no sender\n"
                + "Message-ID: <anon@citizen.example>\n\nเรียน\n"));

        HttpResponse<String> refused = api.post("/entries/" + entryId + "/replies", replyKey,
                Map.of("text", "ผล", "officer", "สมศรี"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(RecordsHttp.object(refused)).containsEntry("error", "reply_refused");
        Map<String, Object> row = rows.single("SELECT id, status FROM outgoing_message");
        assertThat(row).containsEntry("status", "refused");
        assertThat(detail(refused)).contains("to:").contains("outgoing message " + row.get("id"));
        assertThat(rows.single("SELECT new_value, officer FROM audit_log WHERE field = 'status'"))
                .containsEntry("new_value", "refused").containsEntry("officer", "สมศรี");
    }

    @Test
    void refusesCallersWithoutTheReplyScopeAndUnknownEntriesOrMessages() throws Exception {
        long entryId = start();
        String recordOnly = new ApiKeys(database.dataSource(), clock).create("clerk", Set.of("record")).key();
        Map<String, String> reply = Map.of("text", "ผล", "officer", "สมศรี");

        HttpResponse<String> noKey = api.post("/entries/" + entryId + "/replies", null, reply);
        HttpResponse<String> wrongScope = api.post("/entries/" + entryId + "/replies", recordOnly, reply);
        HttpResponse<String> unknown = api.post("/entries/" + (entryId + 1000) + "/replies", replyKey, reply);
        HttpResponse<String> outgoingWithoutRead = api.get("/outgoing/1", recordOnly);
        HttpResponse<String> unknownOutgoing = api.get("/outgoing/999", replyKey);
        HttpResponse<String> badOutgoingId = api.get("/outgoing/abc", replyKey);

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(outgoingWithoutRead.statusCode()).isEqualTo(403);
        assertThat(unknownOutgoing.statusCode()).isEqualTo(404);
        assertThat(badOutgoingId.statusCode()).isEqualTo(400);
        assertThat(detail(badOutgoingId)).startsWith("id:");
        assertThat(rows.count("SELECT count(*) FROM outgoing_message")).isZero();
    }

    private static List<Part> attachments(Part part) throws Exception {
        List<Part> files = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                files.addAll(attachments(multipart.getBodyPart(i)));
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            files.add(part);
        }
        return files;
    }

    private static String detail(HttpResponse<String> response) {
        return (String) RecordsHttp.object(response).get("detail");
    }
}
