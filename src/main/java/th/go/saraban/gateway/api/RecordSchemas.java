package th.go.saraban.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The shapes of the JSON the writing half of the API takes and gives, for the OpenAPI document only
 * ({@code type}, {@code outType} and {@code responseModel} in {@code routes/api-records.camel.yaml}).
 * The bodies are read by {@link JsonBody} and the answers built as maps by {@link RecordsApi},
 * {@link OutgoingDocuments} and {@link RecordPages}, with these names. Times are ISO-8601 strings
 * with the offset of saraban.timezone; dates are ISO yyyy-MM-dd.
 */
public final class RecordSchemas {

    private RecordSchemas() {
    }

    /**
     * POST /entries/{id}/actions. Absent or null fields are left as they are; an empty string clears
     * one. At least one of status, routed_to, remarks, document_no, document_date.
     */
    public record ActionRequest(
            @JsonProperty(value = "officer", required = true) String officer,
            @JsonProperty("status") String status,
            @JsonProperty("routed_to") String routedTo,
            @JsonProperty("remarks") String remarks,
            @JsonProperty("document_no") String documentNo,
            @JsonProperty("document_date") String documentDate) {
    }

    /** A value an action changed, as the audit trail holds it. */
    public record Change(
            @JsonProperty("field") String field,
            @JsonProperty("old_value") String oldValue,
            @JsonProperty("new_value") String newValue) {
    }

    /** An action as recorded (the answer of POST .../actions, and each of an entry's actions). */
    public record Action(
            @JsonProperty("id") long id,
            @JsonProperty("entry_id") long entryId,
            @JsonProperty("status") String status,
            @JsonProperty("routed_to") String routedTo,
            @JsonProperty("remarks") String remarks,
            @JsonProperty("document_no") String documentNo,
            @JsonProperty("document_date") String documentDate,
            @JsonProperty("officer") String officer,
            @JsonProperty("api_key_name") String apiKeyName,
            @JsonProperty("recorded_at") String recordedAt,
            @JsonProperty("changes") List<Change> changes) {
    }

    /** A change in the audit trail: who (officer, API key), what (entity, entity_id, field), when, old and new. */
    public record AuditRow(
            @JsonProperty("id") long id,
            @JsonProperty("changed_at") String changedAt,
            @JsonProperty("officer") String officer,
            @JsonProperty("api_key_name") String apiKeyName,
            @JsonProperty("entity") String entity,
            @JsonProperty("entity_id") long entityId,
            @JsonProperty("field") String field,
            @JsonProperty("old_value") String oldValue,
            @JsonProperty("new_value") String newValue,
            @JsonProperty("action_id") Long actionId) {
    }

    /** GET /entries/{id}/audit: the entry's whole trail, oldest first. */
    public record AuditTrail(
            @JsonProperty("entry_id") long entryId,
            @JsonProperty("items") List<AuditRow> items) {
    }

    /** A file to attach to a reply. */
    public record ReplyAttachment(
            @JsonProperty(value = "filename", required = true) String filename,
            @JsonProperty("content_type") String contentType,
            @JsonProperty(value = "content_base64", required = true) String contentBase64) {
    }

    /** POST /entries/{id}/replies. text or html (or both); to defaults to the letter's sender. */
    public record ReplyRequest(
            @JsonProperty(value = "officer", required = true) String officer,
            @JsonProperty("text") String text,
            @JsonProperty("html") String html,
            @JsonProperty("to") List<String> to,
            @JsonProperty("attachments") List<ReplyAttachment> attachments) {
    }

    /** An attachment of an outgoing message. */
    public record OutgoingAttachment(
            @JsonProperty("index") int index,
            @JsonProperty("filename") String filename,
            @JsonProperty("content_type") String contentType,
            @JsonProperty("size") long size,
            @JsonProperty("sha256") String sha256) {
    }

    /**
     * A message of the outbox (GET /outgoing/{id}, the answer of POST .../replies, each of an entry's
     * replies). status: queued, sending, sent, failed, uncertain or refused. register_year and
     * register_no are its number in the sending register once sent; sent_at is when the SMTP server
     * accepted it.
     */
    public record Outgoing(
            @JsonProperty("id") long id,
            @JsonProperty("mailbox") String mailbox,
            @JsonProperty("kind") String kind,
            @JsonProperty("answers_entry_id") Long answersEntryId,
            @JsonProperty("from_address") String fromAddress,
            @JsonProperty("to_addresses") String toAddresses,
            @JsonProperty("subject") String subject,
            @JsonProperty("message_id") String messageId,
            @JsonProperty("in_reply_to") String inReplyTo,
            @JsonProperty("references_header") String referencesHeader,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("max_attempts") int maxAttempts,
            @JsonProperty("next_attempt_at") String nextAttemptAt,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("queued_at") String queuedAt,
            @JsonProperty("sent_at") String sentAt,
            @JsonProperty("raw_sha256") String rawSha256,
            @JsonProperty("sent_copy_error") String sentCopyError,
            @JsonProperty("register_year") Integer registerYear,
            @JsonProperty("register_no") Integer registerNo,
            @JsonProperty("officer") String officer,
            @JsonProperty("api_key_name") String apiKeyName,
            @JsonProperty("attachments") List<OutgoingAttachment> attachments) {
    }

    /** A row of the sending register (ทะเบียนหนังสือส่ง); origin gateway or outside. */
    public record SendingRegisterRow(
            @JsonProperty("id") long id,
            @JsonProperty("mailbox") String mailbox,
            @JsonProperty("register_year") int registerYear,
            @JsonProperty("register_no") int registerNo,
            @JsonProperty("origin") String origin,
            @JsonProperty("sent_at") String sentAt,
            @JsonProperty("from_address") String fromAddress,
            @JsonProperty("recipients") String recipients,
            @JsonProperty("subject") String subject,
            @JsonProperty("message_id") String messageId,
            @JsonProperty("raw_sha256") String rawSha256,
            @JsonProperty("raw_size") Long rawSize,
            @JsonProperty("outgoing_id") Long outgoingId,
            @JsonProperty("answers_entry_id") Long answersEntryId,
            @JsonProperty("sent_folder") String sentFolder,
            @JsonProperty("imap_uidvalidity") Long imapUidvalidity,
            @JsonProperty("imap_uid") Long imapUid,
            @JsonProperty("date_header") String dateHeader,
            @JsonProperty("to_header") String toHeader,
            @JsonProperty("cc_header") String ccHeader,
            @JsonProperty("bcc_header") String bccHeader,
            @JsonProperty("registered_at") String registeredAt,
            @JsonProperty("remarks") String remarks) {
    }

    public record SendingRegisterPage(
            @JsonProperty("items") List<SendingRegisterRow> items,
            @JsonProperty("page") long page,
            @JsonProperty("size") long size,
            @JsonProperty("total") long total) {
    }

    /** A check of a mailbox (mailbox_check); outcome running, ok or failed. */
    public record Check(
            @JsonProperty("id") long id,
            @JsonProperty("mailbox") String mailbox,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("messages_found") int messagesFound,
            @JsonProperty("messages_registered") int messagesRegistered,
            @JsonProperty("error_text") String errorText) {
    }

    public record CheckPage(
            @JsonProperty("items") List<Check> items,
            @JsonProperty("page") long page,
            @JsonProperty("size") long size,
            @JsonProperty("total") long total) {
    }
}
