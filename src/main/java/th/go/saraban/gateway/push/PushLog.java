package th.go.saraban.gateway.push;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import th.go.saraban.gateway.api.ApiParameters;

/**
 * What the API shows of the push: each entry's state in its document ({@code push}), and every
 * attempt at {@code GET /api/v1/push-deliveries}, newest first, paged like the entries.
 */
public final class PushLog {

    /** {@code push_delivery.outcome} (its check constraint, V10); the enum of the {@code outcome} filter. */
    public static final List<String> OUTCOMES = List.of("delivered", "retry", "failed");

    private final DataSource dataSource;
    private final DateTimeFormatter times;

    public PushLog(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    /** The entry's push state, or null when it was registered while push was off. */
    Object state(Connection db, long entryId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT delivery_id, state, attempts, next_attempt_at,"
                + " queued_at, finished_at, last_error FROM push_entry WHERE entry_id = ?")) {
            select.setLong(1, entryId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("delivery_id", row.getString("delivery_id"));
                state.put("state", row.getString("state"));
                state.put("attempts", row.getInt("attempts"));
                state.put("next_attempt_at", iso(row.getTimestamp("next_attempt_at")));
                state.put("queued_at", iso(row.getTimestamp("queued_at")));
                state.put("finished_at", iso(row.getTimestamp("finished_at")));
                state.put("last_error", row.getString("last_error"));
                return state;
            }
        }
    }

    /** A page of attempts, filtered by {@code entry_id} and {@code outcome}: for the API route. */
    public Map<String, Object> page(Exchange exchange) throws SQLException {
        ApiParameters parameters = new ApiParameters(exchange);
        long page = parameters.integer("page", 1, 1_000_000, 1);
        long size = parameters.integer("size", 1, 200, 50);
        Long entryId = parameters.integer("entry_id", 1, Long.MAX_VALUE).orElse(null);
        String outcome = parameters.oneOf("outcome", OUTCOMES).orElse(null);
        String where = " WHERE (?::bigint IS NULL OR entry_id = ?) AND (?::text IS NULL OR outcome = ?)";
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM push_delivery" + where);
             PreparedStatement select = db.prepareStatement("SELECT id, entry_id, delivery_id, attempt_no,"
                     + " attempted_at, http_status, error, outcome FROM push_delivery" + where
                     + " ORDER BY attempted_at DESC, id DESC LIMIT ? OFFSET ?")) {
            bind(count, entryId, outcome);
            bind(select, entryId, outcome);
            select.setLong(5, size);
            select.setLong(6, (page - 1) * size);
            long total;
            try (ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", rows.getLong("id"));
                    item.put("entry_id", rows.getLong("entry_id"));
                    item.put("delivery_id", rows.getString("delivery_id"));
                    item.put("attempt_no", rows.getInt("attempt_no"));
                    item.put("attempted_at", iso(rows.getTimestamp("attempted_at")));
                    item.put("http_status", rows.getObject("http_status"));
                    item.put("error", rows.getString("error"));
                    item.put("outcome", rows.getString("outcome"));
                    items.add(item);
                }
            }
            answer.put("items", items);
            answer.put("page", page);
            answer.put("size", size);
            answer.put("total", total);
        }
        return answer;
    }

    private static void bind(PreparedStatement statement, Long entryId, String outcome) throws SQLException {
        statement.setObject(1, entryId, java.sql.Types.BIGINT);
        statement.setObject(2, entryId, java.sql.Types.BIGINT);
        statement.setString(3, outcome);
        statement.setString(4, outcome);
    }

    private String iso(Timestamp time) {
        return time == null ? null : times.format(time.toInstant());
    }
}
