package th.go.saraban.gateway.console;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import th.go.saraban.gateway.register.Actor;
import th.go.saraban.gateway.register.AuditTrail;

/**
 * What an officer did in the console, into the audit trail ({@code audit_log}, shared with the API)
 * inside the caller's transaction, so that the change and its trace commit together. The officer
 * is the signed-in console user; there is no API key.
 */
final class ConsoleAudit {

    private ConsoleAudit() {
    }

    static void record(Connection db, Instant at, Officer officer, String entity, long entityId, String field,
            String oldValue, String newValue, Long entryId) throws SQLException {
        AuditTrail.write(db, at, Actor.officer(officer.name()), entryId, null,
                List.of(new AuditTrail.Change(entity, entityId, field, oldValue, newValue)));
    }
}
