package th.go.saraban.gateway.api;

import java.sql.Connection;
import java.sql.Date;
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
 * One entry of the receiving register as the API shows it ({@code GET /api/v1/entries/{id}}, and
 * the push payload): every column of {@code incoming_register} under its own name except the raw
 * bytes (served by {@code /raw}), times as ISO-8601 with the offset of {@code saraban.timezone},
 * dates as ISO {@code yyyy-MM-dd}, then {@code attachments}, then the parts other features add
 * (below). A list item of {@code GET /entries} is the same columns but the body text, written the
 * same way.
 *
 * <p>The columns are named here, not taken with {@code SELECT *}: the JSON is a contract, and a
 * column added for internal use must not appear in it unannounced.
 *
 * <p>Parts: {@code actions} and {@code replies} start as empty lists. The feature that records
 * actions and queues replies replaces them through {@link #part(String, EntryPart)} when it is
 * wired; a part is read in the same connection as the entry. The four columns officers fill in
 * (ที่ {@code document_no}, ลงวันที่ {@code document_date}, การปฏิบัติ {@code routed_to}, หมายเหตุ
 * {@code remarks}) are columns, not parts, so a list item carries them too.
 */
public final class EntryDocuments {

    /** The columns of a list item (GET /entries): everything but the body text and the raw bytes. */
    static final String SUMMARY_COLUMNS = "id, mailbox, register_year, register_no, received_at, deemed_received_at,"
            + " registered_at, message_id, date_header, sent_at, sender_address, sender_name, subject,"
            + " raw_sha256, raw_size, imap_uidvalidity, imap_uid, imap_flags, auto_submitted, status, problems,"
            + " check_id, follows_entry_id, auth_dmarc, auth_spf, auth_dkim, deemed_without_holiday_data,"
            + " document_no, document_date, routed_to, remarks";
    static final String DOCUMENT_COLUMNS = SUMMARY_COLUMNS + ", body_text";

    /** Reads one part of an entry's document (a list of its actions, say) for {@code entryId}. */
    @FunctionalInterface
    public interface EntryPart {
        Object read(Connection db, long entryId) throws SQLException;
    }

    private final DataSource dataSource;
    private final DateTimeFormatter times;
    private final Map<String, EntryPart> parts = new LinkedHashMap<>();

    public EntryDocuments(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        parts.put("actions", (db, entryId) -> List.of());
        parts.put("replies", (db, entryId) -> List.of());
    }

    /** Adds the field {@code field} to every document, or replaces the part of that name. */
    public synchronized void part(String field, EntryPart part) {
        parts.put(field, part);
    }

    /** The document of entry {@code id}, empty when there is no such entry. */
    public Optional<Map<String, Object>> document(long id) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            Map<String, Object> document;
            try (PreparedStatement select = db.prepareStatement("SELECT " + DOCUMENT_COLUMNS
                    + " FROM incoming_register WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    document = columns(row);
                }
            }
            document.put("attachments", attachments(db, id));
            Map<String, EntryPart> current;
            synchronized (this) {
                current = new LinkedHashMap<>(parts);
            }
            for (Map.Entry<String, EntryPart> part : current.entrySet()) {
                document.put(part.getKey(), part.getValue().read(db, id));
            }
            return Optional.of(document);
        }
    }

    /** The document of entry {@code id}, or a 404 for the API client. */
    public Map<String, Object> found(long id) throws SQLException {
        return document(id).orElseThrow(() -> ApiException.notFound("there is no entry " + id));
    }

    /** The document of the entry named by the path parameter {@code id}: for the API route. */
    public Map<String, Object> entry(Exchange exchange) throws SQLException {
        return found(new ApiParameters(exchange).id("id"));
    }

    /**
     * The row's columns under their names, in select order; timestamps as ISO-8601 with offset, a
     * date (ลงวันที่) as ISO {@code yyyy-MM-dd}: a calendar date has no zone to shift it.
     */
    Map<String, Object> columns(ResultSet row) throws SQLException {
        ResultSetMetaData meta = row.getMetaData();
        Map<String, Object> document = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = row.getObject(i);
            if (value instanceof Timestamp time) {
                value = iso(time);
            } else if (value instanceof Date date) {
                value = date.toLocalDate().toString();
            }
            document.put(meta.getColumnLabel(i), value);
        }
        return document;
    }

    String iso(Timestamp time) {
        return times.format(time.toInstant());
    }

    private static List<Map<String, Object>> attachments(Connection db, long id) throws SQLException {
        List<Map<String, Object>> attachments = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT position, filename, content_type, size, sha256"
                + " FROM incoming_attachment WHERE entry_id = ? ORDER BY position")) {
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
