package th.go.saraban.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The shapes of the API's JSON, for the OpenAPI document only ({@code outType} and
 * {@code responseModel} in {@code routes/api.camel.yaml}): the answers themselves are built as maps
 * by {@link EntryDocuments} and {@link EntryListing}, whose field names these records repeat. A
 * client generated from the document reads exactly what those classes write.
 */
public final class ApiSchemas {

    private ApiSchemas() {
    }

    /** Every error answer: 400, 401, 403, 404, 500. */
    public record Error(
            @JsonProperty(value = "error", required = true) String error,
            @JsonProperty(value = "detail", required = true) String detail) {
    }

    /** An attachment of an entry; its bytes are at /entries/{id}/attachments/{index}. */
    public record Attachment(
            @JsonProperty("index") int index,
            @JsonProperty("filename") String filename,
            @JsonProperty("content_type") String contentType,
            @JsonProperty("size") long size,
            @JsonProperty("sha256") String sha256) {
    }

    /** A row of the receiving register as listed by GET /entries (no body text, no attachments). */
    public record EntrySummary(
            @JsonProperty("id") long id,
            @JsonProperty("mailbox") String mailbox,
            @JsonProperty("register_year") int registerYear,
            @JsonProperty("register_no") int registerNo,
            @JsonProperty("received_at") OffsetDateTime receivedAt,
            @JsonProperty("deemed_received_at") OffsetDateTime deemedReceivedAt,
            @JsonProperty("registered_at") OffsetDateTime registeredAt,
            @JsonProperty("message_id") String messageId,
            @JsonProperty("date_header") String dateHeader,
            @JsonProperty("sent_at") OffsetDateTime sentAt,
            @JsonProperty("sender_address") String senderAddress,
            @JsonProperty("sender_name") String senderName,
            @JsonProperty("subject") String subject,
            @JsonProperty("raw_sha256") String rawSha256,
            @JsonProperty("raw_size") long rawSize,
            @JsonProperty("imap_uidvalidity") long imapUidvalidity,
            @JsonProperty("imap_uid") long imapUid,
            @JsonProperty("imap_flags") String imapFlags,
            @JsonProperty("auto_submitted") boolean autoSubmitted,
            @JsonProperty("status") String status,
            @JsonProperty("problems") String problems,
            @JsonProperty("check_id") Long checkId,
            @JsonProperty("follows_entry_id") Long followsEntryId,
            @JsonProperty("auth_dmarc") String authDmarc,
            @JsonProperty("auth_spf") String authSpf,
            @JsonProperty("auth_dkim") String authDkim,
            @JsonProperty("deemed_without_holiday_data") boolean deemedWithoutHolidayData,
            // what officers record (POST /entries/{id}/actions): ที่, ลงวันที่, การปฏิบัติ, หมายเหตุ
            @JsonProperty("document_no") String documentNo,
            @JsonProperty("document_date") LocalDate documentDate,
            @JsonProperty("routed_to") String routedTo,
            @JsonProperty("remarks") String remarks) {
    }

    /** One entry (GET /entries/{id}): the summary's fields and these. */
    public record Entry(
            @JsonProperty("id") long id,
            @JsonProperty("mailbox") String mailbox,
            @JsonProperty("register_year") int registerYear,
            @JsonProperty("register_no") int registerNo,
            @JsonProperty("received_at") OffsetDateTime receivedAt,
            @JsonProperty("deemed_received_at") OffsetDateTime deemedReceivedAt,
            @JsonProperty("registered_at") OffsetDateTime registeredAt,
            @JsonProperty("message_id") String messageId,
            @JsonProperty("date_header") String dateHeader,
            @JsonProperty("sent_at") OffsetDateTime sentAt,
            @JsonProperty("sender_address") String senderAddress,
            @JsonProperty("sender_name") String senderName,
            @JsonProperty("subject") String subject,
            @JsonProperty("raw_sha256") String rawSha256,
            @JsonProperty("raw_size") long rawSize,
            @JsonProperty("imap_uidvalidity") long imapUidvalidity,
            @JsonProperty("imap_uid") long imapUid,
            @JsonProperty("imap_flags") String imapFlags,
            @JsonProperty("auto_submitted") boolean autoSubmitted,
            @JsonProperty("status") String status,
            @JsonProperty("problems") String problems,
            @JsonProperty("check_id") Long checkId,
            @JsonProperty("follows_entry_id") Long followsEntryId,
            @JsonProperty("auth_dmarc") String authDmarc,
            @JsonProperty("auth_spf") String authSpf,
            @JsonProperty("auth_dkim") String authDkim,
            @JsonProperty("deemed_without_holiday_data") boolean deemedWithoutHolidayData,
            @JsonProperty("body_text") String bodyText,
            @JsonProperty("attachments") List<Attachment> attachments,
            // officers' part (api-write, RecordsWiring): ที่, ลงวันที่, การปฏิบัติ, หมายเหตุ, actions, replies
            @JsonProperty("document_no") String documentNo,
            @JsonProperty("document_date") LocalDate documentDate,
            @JsonProperty("routed_to") String routedTo,
            @JsonProperty("remarks") String remarks,
            @JsonProperty("actions") List<RecordSchemas.Action> actions,
            @JsonProperty("replies") List<RecordSchemas.Outgoing> replies) {
    }

    /** A page of GET /entries, newest first. */
    public record EntryPage(
            @JsonProperty("items") List<EntrySummary> items,
            @JsonProperty("page") long page,
            @JsonProperty("size") long size,
            @JsonProperty("total") long total) {
    }
}
