package th.go.saraban.gateway.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import th.go.saraban.gateway.outbound.InvalidReplyException;
import th.go.saraban.gateway.outbound.OfficerReplies;
import th.go.saraban.gateway.outbound.OutgoingAttachment;
import th.go.saraban.gateway.outbound.ReplyRefusedException;
import th.go.saraban.gateway.outbound.ReplyRequest;
import th.go.saraban.gateway.register.ActionConflictException;
import th.go.saraban.gateway.register.ActionRequest;
import th.go.saraban.gateway.register.Actor;
import th.go.saraban.gateway.register.AuditTrail;
import th.go.saraban.gateway.register.EntryActions;
import th.go.saraban.gateway.register.InvalidActionException;
import th.go.saraban.gateway.register.UnknownEntryException;

/**
 * The writing half of the API ({@code routes/api-records.camel.yaml}): an officer's action on an
 * entry, and a reply to it. The JSON body is read here, each domain refusal becomes the answer an
 * integration team can act on, and who called (the API key's name, set by {@code apiAccess}) goes
 * with the officer's name into the audit trail. The domain itself ({@link EntryActions},
 * {@link OfficerReplies}) knows nothing of HTTP: the web console calls it too.
 *
 * <p>Statuses: an invalid field is 400 naming it; an unknown entry 404; an action the entry's state
 * does not allow 409; a reply the outbound rules refuse (no address to answer, a personal sender)
 * 422, recorded as a {@code refused} outbox row whose id the detail names.
 */
public final class RecordsApi {

    private static final Pattern BASE64_SPACE = Pattern.compile("[\\r\\n\\t ]");

    private final DataSource dataSource;
    private final EntryActions entryActions;
    private final OfficerReplies officerReplies;
    private final OutgoingDocuments outgoing;
    private final String contextPath;
    private final DateTimeFormatter times;

    public RecordsApi(DataSource dataSource, EntryActions entryActions, OfficerReplies officerReplies,
                      OutgoingDocuments outgoing, String contextPath, ZoneId zone) {
        this.dataSource = dataSource;
        this.entryActions = entryActions;
        this.officerReplies = officerReplies;
        this.outgoing = outgoing;
        this.contextPath = contextPath;
        this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    /** {@code POST /entries/{id}/actions}: 201 with the action as recorded. */
    public void recordAction(Exchange exchange) throws SQLException {
        long entryId = new ApiParameters(exchange).id("id");
        JsonBody body = JsonBody.of(exchange);
        ActionRequest request = new ActionRequest(body.text("status"), body.text("routed_to"), body.text("remarks"),
                body.text("document_no"), body.text("document_date"));
        EntryActions.RecordedAction action;
        try {
            action = entryActions.record(entryId, request, new Actor(body.text("officer"), apiKey(exchange)));
        } catch (InvalidActionException invalid) {
            throw ApiException.badParameter(invalid.field(), invalid.getMessage().substring(invalid.field().length() + 2));
        } catch (UnknownEntryException unknown) {
            throw ApiException.notFound("there is no entry " + entryId);
        } catch (ActionConflictException conflict) {
            throw new ApiException(409, "conflict", conflict.getMessage());
        }
        answer(exchange, 201, contextPath + "/entries/" + entryId, action(action));
    }

    /**
     * {@code POST /entries/{id}/replies}: 202 with the queued message; Location is its /outgoing/{id}.
     * With an {@code Idempotency-Key} header, the same key again (from the same API key) answers with
     * the message the first call queued instead of queueing a second one.
     */
    public void queueReply(Exchange exchange) throws SQLException {
        long entryId = new ApiParameters(exchange).id("id");
        JsonBody body = JsonBody.of(exchange);
        ReplyRequest request = new ReplyRequest(entryId, null, body.texts("to"), body.text("text"), body.text("html"),
                attachments(body));
        long id;
        try {
            id = officerReplies.queue(request, new Actor(body.text("officer"), apiKey(exchange)),
                    exchange.getMessage().getHeader("Idempotency-Key", String.class));
        } catch (InvalidReplyException invalid) {
            throw ApiException.badParameter(invalid.field(), invalid.getMessage().substring(invalid.field().length() + 2));
        } catch (UnknownEntryException unknown) {
            throw ApiException.notFound("there is no entry " + entryId);
        } catch (ReplyRefusedException refused) {
            throw new ApiException(422, "reply_refused", refused.getMessage()
                    + (refused.outgoingId() > 0 ? " (recorded as refused outgoing message " + refused.outgoingId() + ")"
                    : ""));
        }
        answer(exchange, 202, contextPath + "/outgoing/" + id, outgoing.found(id));
    }

    /** {@code GET /entries/{id}/audit}: every change that belongs to the entry, oldest first; 404 for no entry. */
    public Map<String, Object> audit(Exchange exchange) throws SQLException {
        long entryId = new ApiParameters(exchange).id("id");
        List<Map<String, Object>> items = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement select = db.prepareStatement("SELECT 1 FROM incoming_register WHERE id = ?")) {
                select.setLong(1, entryId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw ApiException.notFound("there is no entry " + entryId);
                    }
                }
            }
            for (AuditTrail.Entry change : AuditTrail.ofEntry(db, entryId)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", change.id());
                row.put("changed_at", times.format(change.changedAt()));
                row.put("officer", change.officer());
                row.put("api_key_name", change.apiKeyName());
                row.put("entity", change.entity());
                row.put("entity_id", change.entityId());
                row.put("field", change.field());
                row.put("old_value", change.oldValue());
                row.put("new_value", change.newValue());
                row.put("action_id", change.actionId());
                items.add(row);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entry_id", entryId);
        answer.put("items", items);
        return answer;
    }

    /** The actions part of an entry's document. */
    public List<Map<String, Object>> actions(List<EntryActions.RecordedAction> actions) {
        return actions.stream().map(this::action).toList();
    }

    Map<String, Object> action(EntryActions.RecordedAction action) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", action.id());
        json.put("entry_id", action.entryId());
        json.put("status", action.status());
        json.put("routed_to", action.routedTo());
        json.put("remarks", action.remarks());
        json.put("document_no", action.documentNo());
        json.put("document_date", action.documentDate() == null ? null : action.documentDate().toString());
        json.put("officer", action.officer());
        json.put("api_key_name", action.apiKeyName());
        json.put("recorded_at", times.format(action.recordedAt()));
        List<Map<String, Object>> changes = new ArrayList<>();
        for (AuditTrail.Change change : action.changes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("field", change.field());
            row.put("old_value", change.oldValue());
            row.put("new_value", change.newValue());
            changes.add(row);
        }
        json.put("changes", changes);
        return json;
    }

    private List<OutgoingAttachment> attachments(JsonBody body) {
        List<OutgoingAttachment> attachments = new ArrayList<>();
        long total = 0;
        for (JsonBody file : body.objects("attachments")) {
            String encoded = file.text("content_base64");
            if (encoded == null) {
                throw ApiException.badParameter(file.name("content_base64"), "is required");
            }
            String compact = BASE64_SPACE.matcher(encoded).replaceAll("");
            // refused before decoding: the decoded size is known from the length
            total += compact.length() / 4L * 3 - (compact.endsWith("==") ? 2 : compact.endsWith("=") ? 1 : 0);
            if (total > officerReplies.maxAttachmentBytes()) {
                throw ApiException.badParameter(file.name("content_base64"), "the attachments come to more than "
                        + officerReplies.maxAttachmentBytes() + " bytes, the most one reply may carry"
                        + " (saraban.api.reply-max-megabytes)");
            }
            byte[] content;
            try {
                content = Base64.getDecoder().decode(compact);
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter(file.name("content_base64"), "is not base64 (RFC 4648): "
                        + e.getMessage());
            }
            String filename = file.text("filename");
            if (filename == null || filename.isBlank()) {
                throw ApiException.badParameter(file.name("filename"), "is required");
            }
            String contentType = file.text("content_type");
            attachments.add(new OutgoingAttachment(filename,
                    contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType, content));
        }
        return attachments;
    }

    private static String apiKey(Exchange exchange) {
        return exchange.getProperty(ApiAccess.KEY_NAME, String.class);
    }

    /** A written answer: the route's binding is off, so the JSON is written here, with its status. */
    private static void answer(Exchange exchange, int status, String location, Object json) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        exchange.getMessage().setHeader("Location", location);
        exchange.getMessage().setBody(JsonBody.write(json));
    }
}
