package th.go.saraban.gateway.api;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The stored bytes of an entry: the raw message exactly as the mail server handed it over
 * ({@code /raw}, the bytes whose SHA-256 is {@code raw_sha256}) and each attachment as decoded from
 * it ({@code /attachments/{index}}, 1-based as in the entry's document). Both are streamed from the
 * database (see {@link ByteaStream}).
 */
public final class EntryContent {

    /** A content type we repeat to a client: {@code type/subtype}, nothing that could extend the header. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private final DataSource dataSource;

    public EntryContent(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public InputStream raw(Exchange exchange) throws SQLException {
        long id = new ApiParameters(exchange).id("id");
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT status, register_year, register_no,"
                     + " octet_length(raw_mime) AS stored FROM incoming_register WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.notFound("there is no entry " + id);
                }
                long stored = row.getLong("stored");
                if (row.wasNull()) {
                    throw ApiException.notFound("entry " + id + " has no raw message in the register: its status is '"
                            + row.getString("status") + "', registered from what the mail server said; the content"
                            + " stays on the mail server");
                }
                Message answer = exchange.getMessage();
                answer.setHeader(Exchange.CONTENT_TYPE, "message/rfc822");
                answer.setHeader("Content-Disposition", ContentDisposition.attachment(
                        "saraban-" + row.getInt("register_year") + "-" + row.getInt("register_no") + ".eml", "letter.eml"));
                return new ByteaStream(dataSource, "SELECT substring(raw_mime FROM ? FOR ?) FROM incoming_register"
                        + " WHERE id = ?", stored, id).opened();
            }
        }
    }

    public InputStream attachment(Exchange exchange) throws SQLException {
        ApiParameters parameters = new ApiParameters(exchange);
        long id = parameters.id("id");
        long index = parameters.integer("index", 1, Integer.MAX_VALUE)
                .orElseThrow(() -> ApiException.badParameter("index", "is required"));
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT r.id AS entry, a.filename, a.content_type,"
                     + " octet_length(a.content) AS stored, a.position FROM incoming_register r"
                     + " LEFT JOIN incoming_attachment a ON a.entry_id = r.id AND a.position = ? WHERE r.id = ?")) {
            select.setInt(1, (int) index);
            select.setLong(2, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.notFound("there is no entry " + id);
                }
                row.getInt("position");
                if (row.wasNull()) {
                    throw ApiException.notFound("entry " + id + " has no attachment " + index);
                }
                long stored = row.getLong("stored");
                if (row.wasNull()) {
                    throw ApiException.notFound("attachment " + index + " of entry " + id + " has no stored content");
                }
                String type = row.getString("content_type");
                Message answer = exchange.getMessage();
                answer.setHeader(Exchange.CONTENT_TYPE, type != null && MEDIA_TYPE.matcher(type).matches()
                        ? type : "application/octet-stream");
                answer.setHeader("X-Content-Type-Options", "nosniff");
                answer.setHeader("Content-Disposition", ContentDisposition.attachment(row.getString("filename"),
                        "attachment-" + index));
                return new ByteaStream(dataSource, "SELECT substring(content FROM ? FOR ?) FROM incoming_attachment"
                        + " WHERE entry_id = ? AND position = ?", stored, id, index).opened();
            }
        }
    }
}
