package th.go.saraban.gateway.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import th.go.saraban.gateway.api.EntryDocuments;

/**
 * The body of a push: the entry exactly as {@code GET /api/v1/entries/{id}} answers it, each
 * attachment with its bytes inline ({@code content_base64}) when it is at most
 * {@code saraban.push.inline-attachment-bytes}, otherwise with the API address to fetch it from
 * ({@code url}). Built at each attempt, so it shows the entry as it is then.
 */
public final class PushPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final EntryDocuments documents;
    private final PushSettings settings;

    public PushPayloads(DataSource dataSource, EntryDocuments documents, PushSettings settings) {
        this.dataSource = dataSource;
        this.documents = documents;
        this.settings = settings;
    }

    /** The exact bytes that are signed and sent. */
    @SuppressWarnings("unchecked")
    public byte[] body(PushDelivery delivery) throws SQLException, IOException {
        long id = delivery.entryId();
        Map<String, Object> entry = documents.document(id)
                .orElseThrow(() -> new IllegalStateException("entry " + id + " is not in the register"));
        // the receiver learns the push state from the push itself, not from the document
        entry.remove(PushWiring.DOCUMENT_PART);
        try (Connection db = dataSource.getConnection();
             PreparedStatement content = db.prepareStatement(
                     "SELECT content FROM incoming_attachment WHERE entry_id = ? AND position = ?")) {
            for (Map<String, Object> attachment : (List<Map<String, Object>>) entry.get("attachments")) {
                int index = ((Number) attachment.get("index")).intValue();
                long size = ((Number) attachment.get("size")).longValue();
                byte[] bytes = size <= settings.inlineAttachmentBytes() ? bytes(content, id, index) : null;
                if (bytes != null) {
                    attachment.put("content_base64", Base64.getEncoder().encodeToString(bytes));
                } else {
                    attachment.put("url", settings.apiBaseUrl() + "/api/v1/entries/" + id + "/attachments/" + index);
                }
            }
        }
        return JSON.writeValueAsBytes(entry);
    }

    private static byte[] bytes(PreparedStatement content, long entryId, int index) throws SQLException {
        content.setLong(1, entryId);
        content.setInt(2, index);
        try (ResultSet row = content.executeQuery()) {
            return row.next() ? row.getBytes(1) : null;
        }
    }
}
