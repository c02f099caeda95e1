package th.go.saraban.gateway.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * Writes what an officer did in the console into {@code audit_log} (the audit table of the HTTP API,
 * V9), inside the caller's transaction, so that the change and its trail commit together. The
 * officer is the signed-in console user; {@code api_key_name} stays null for the console.
 */
final class ConsoleAudit {

    private ConsoleAudit() {
    }

    static void record(Connection db, Instant at, Officer officer, String entity, long entityId, String field,
            String oldValue, String newValue, Long entryId) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_log (changed_at, officer, api_key_name,"
                + " entity, entity_id, field, old_value, new_value, entry_id) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.from(at));
            insert.setString(2, officer.name());
            insert.setString(3, entity);
            insert.setLong(4, entityId);
            insert.setString(5, field);
            insert.setString(6, oldValue);
            insert.setString(7, newValue);
            insert.setObject(8, entryId, Types.BIGINT);
            insert.executeUpdate();
        }
    }
}
