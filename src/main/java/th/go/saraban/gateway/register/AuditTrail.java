package th.go.saraban.gateway.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail ({@code audit_log}): one row per changed value, written in the transaction that
 * changes it, so a change and its trace commit or vanish together. The table refuses updates and
 * deletes (a trigger), so the trail can only grow.
 */
public final class AuditTrail {

    private AuditTrail() {
    }

    /** One changed value: {@code field} of row {@code entityId} of table {@code entity}. */
    public record Change(String entity, long entityId, String field, String oldValue, String newValue) {
    }

    /** A change as the trail holds it. */
    public record Entry(long id, Instant changedAt, String officer, String apiKeyName, String entity,
                        long entityId, String field, String oldValue, String newValue, Long entryId,
                        Long actionId) {
    }

    public static void write(Connection db, Instant at, Actor actor, Long entryId, Long actionId,
                             List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_log (changed_at, officer,"
                + " api_key_name, entity, entity_id, field, old_value, new_value, entry_id, action_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Change change : changes) {
                int i = 0;
                insert.setTimestamp(++i, Timestamp.from(at));
                insert.setString(++i, actor.officer());
                insert.setString(++i, actor.apiKeyName());
                insert.setString(++i, change.entity());
                insert.setLong(++i, change.entityId());
                insert.setString(++i, change.field());
                insert.setString(++i, change.oldValue());
                insert.setString(++i, change.newValue());
                insert.setObject(++i, entryId, Types.BIGINT);
                insert.setObject(++i, actionId, Types.BIGINT);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Every change that belongs to a register entry (its own fields, its actions, its replies), oldest first. */
    public static List<Entry> ofEntry(Connection db, long entryId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT id, changed_at, officer, api_key_name, entity,"
                + " entity_id, field, old_value, new_value, entry_id, action_id FROM audit_log WHERE entry_id = ?"
                + " ORDER BY id")) {
            select.setLong(1, entryId);
            List<Entry> trail = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long action = row.getLong("action_id");
                    boolean noAction = row.wasNull();
                    trail.add(new Entry(row.getLong("id"), row.getTimestamp("changed_at").toInstant(),
                            row.getString("officer"), row.getString("api_key_name"), row.getString("entity"),
                            row.getLong("entity_id"), row.getString("field"), row.getString("old_value"),
                            row.getString("new_value"), entryId, noAction ? null : action));
                }
            }
            return trail;
        }
    }
}
