package th.go.saraban.gateway.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * One message of the outbox as the API shows it ({@code GET /api/v1/outgoing/{id}}, and each of an
 * entry's {@code replies}): the {@code outgoing_message} columns under their own names except the
 * raw bytes, its sending-register number once the SMTP server accepted it ({@code register_year},
 * {@code register_no}; {@code sent_at} is when it accepted), its attachments, and who asked for it
 * (the officer and API key from the audit trail; null for an acknowledgement, which nobody asked for).
 */
public final class OutgoingDocuments {

    private static final String COLUMNS = "o.id, o.mailbox, o.kind, o.answers_entry_id, o.from_address,"
            + " o.to_addresses, o.subject, o.message_id, o.in_reply_to, o.references_header, o.status, o.attempts,"
            + " o.max_attempts, o.next_attempt_at, o.last_error, o.queued_at, o.sent_at, o.raw_sha256,"
            + " o.sent_copy_error, s.register_year, s.register_no,"
            + " (SELECT a.officer FROM audit_log a WHERE a.entity = 'outgoing_message' AND a.entity_id = o.id"
            + " ORDER BY a.id LIMIT 1) AS officer,"
            + " (SELECT a.api_key_name FROM audit_log a WHERE a.entity = 'outgoing_message' AND a.entity_id = o.id"
            + " ORDER BY a.id LIMIT 1) AS api_key_name";
    private static final String FROM = " FROM outgoing_message o LEFT JOIN sending_register s ON s.outgoing_id = o.id";

    private final DataSource dataSource;
    private final DateTimeFormatter times;

    public OutgoingDocuments(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    public Optional<Map<String, Object>> document(long id) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            List<Map<String, Object>> found = select(db, " WHERE o.id = ?", id);
            return found.stream().findFirst();
        }
    }

    /** 404 for the API client when there is no such message. */
    public Map<String, Object> found(long id) throws SQLException {
        return document(id).orElseThrow(() -> ApiException.notFound("there is no outgoing message " + id));
    }

    /** {@code GET /outgoing/{id}}: the message, or 404. */
    public Map<String, Object> outgoing(Exchange exchange) throws SQLException {
        return found(new ApiParameters(exchange).id("id"));
    }

    /** The replies officers asked for to entry {@code entryId}, oldest first, refused ones included. */
    public List<Map<String, Object>> replies(Connection db, long entryId) throws SQLException {
        return select(db, " WHERE o.answers_entry_id = ? AND o.kind = 'reply'", entryId);
    }

    private List<Map<String, Object>> select(Connection db, String where, long value) throws SQLException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT " + COLUMNS + FROM + where + " ORDER BY o.id")) {
            select.setLong(1, value);
            try (ResultSet row = select.executeQuery()) {
                ResultSetMetaData meta = row.getMetaData();
                while (row.next()) {
                    Map<String, Object> document = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object column = row.getObject(i);
                        document.put(meta.getColumnLabel(i), column instanceof Timestamp time
                                ? times.format(time.toInstant()) : column);
                    }
                    documents.add(document);
                }
            }
        }
        for (Map<String, Object> document : documents) {
            document.put("attachments", attachments(db, (Long) document.get("id")));
        }
        return documents;
    }

    private static List<Map<String, Object>> attachments(Connection db, long id) throws SQLException {
        List<Map<String, Object>> attachments = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT position, filename, content_type,"
                + " octet_length(content) AS size, encode(sha256(content), 'hex') AS sha256"
                + " FROM outgoing_attachment WHERE outgoing_id = ? ORDER BY position")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> attachment = new LinkedHashMap<>();
                    attachment.put("index", rows.getInt("position"));
                    attachment.put("filename", rows.getString("filename"));
                    attachment.put("content_type", rows.getString("content_type"));
                    attachment.put("size", rows.getLong("size"));
                    attachment.put("sha256", rows.getString("sha256"));
                    attachments.add(attachment);
                }
            }
        }
        return attachments;
    }
}
