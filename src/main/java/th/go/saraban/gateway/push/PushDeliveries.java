package th.go.saraban.gateway.push;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import th.go.saraban.gateway.mail.FailureText;
import th.go.saraban.gateway.observe.GatewayMetrics;
import th.go.saraban.gateway.register.RegistrationListener;

/**
 * The push queue in {@code push_entry} and its log in {@code push_delivery}. An entry is queued in
 * the transaction that registers it ({@link #queue}), so a crash loses neither. The push route claims
 * one due entry at a time with {@code FOR UPDATE SKIP LOCKED} (nodes never take the same one),
 * posts it, and {@link #answered} or {@link #unanswered} writes the attempt and the entry's next
 * state: delivered, again later with a doubled delay, or failed after the last attempt. The entry
 * in the register is never touched.
 */
public final class PushDeliveries {

    private final DataSource dataSource;
    private final Clock clock;
    private final PushSettings settings;
    private final GatewayMetrics metrics;

    public PushDeliveries(DataSource dataSource, Clock clock, PushSettings settings, GatewayMetrics metrics) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Queues the push of each new entry, in the registering transaction: a RegistrationListener. */
    public void queue(Connection db, String mailbox, List<RegistrationListener.Registered> entries)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO push_entry (entry_id, delivery_id, state,"
                + " next_attempt_at, queued_at) VALUES (?, ?, 'pending', ?, ?)")) {
            Timestamp now = Timestamp.from(clock.instant());
            for (RegistrationListener.Registered entry : entries) {
                insert.setLong(1, entry.entryId());
                insert.setObject(2, UUID.randomUUID());
                insert.setTimestamp(3, now);
                insert.setTimestamp(4, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The next entry due, its attempt counted; null when none is due. Until the attempt is written
     * down, the entry is not due again for a while: if this process dies meanwhile, another attempt
     * follows after that, with the same delivery id.
     */
    public PushDelivery claimNext() throws SQLException {
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection();
             PreparedStatement claim = db.prepareStatement("UPDATE push_entry SET attempts = attempts + 1,"
                     + " next_attempt_at = ? WHERE entry_id = (SELECT entry_id FROM push_entry WHERE state = 'pending'"
                     + " AND next_attempt_at <= ? ORDER BY next_attempt_at, entry_id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                     + " RETURNING entry_id, delivery_id, attempts")) {
            claim.setTimestamp(1, Timestamp.from(now.plus(abandonedAfter())));
            claim.setTimestamp(2, Timestamp.from(now));
            try (ResultSet row = claim.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new PushDelivery(row.getLong("entry_id"), row.getObject("delivery_id", UUID.class),
                        row.getInt("attempts"));
            }
        }
    }

    /** The receiver answered: a 2xx delivered it; anything else, a redirect included, failed this attempt. */
    public String answered(PushDelivery delivery, Integer httpStatus) throws SQLException {
        if (httpStatus != null && httpStatus >= 200 && httpStatus < 300) {
            return record(delivery, httpStatus, null);
        }
        String error = httpStatus == null ? "no HTTP status" : httpStatus >= 300 && httpStatus < 400
                ? "HTTP " + httpStatus + ": a redirect, not followed (the receiver's URL must answer itself)"
                : "HTTP " + httpStatus;
        return record(delivery, httpStatus, error);
    }

    /** No answer: the receiver was unreachable, timed out, or the payload could not be built. */
    public String unanswered(PushDelivery delivery, Throwable cause) throws SQLException {
        return record(delivery, null, FailureText.of(cause));
    }

    private String record(PushDelivery delivery, Integer httpStatus, String error) throws SQLException {
        Instant now = clock.instant();
        String outcome = error == null ? "delivered" : delivery.attemptNo() >= settings.maxAttempts() ? "failed" : "retry";
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement attempt = db.prepareStatement("INSERT INTO push_delivery (entry_id, delivery_id,"
                    + " attempt_no, attempted_at, http_status, error, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement state = db.prepareStatement("UPDATE push_entry SET state = ?, next_attempt_at = ?,"
                         + " finished_at = ?, last_error = ? WHERE entry_id = ?")) {
                attempt.setLong(1, delivery.entryId());
                attempt.setObject(2, delivery.deliveryId());
                attempt.setInt(3, delivery.attemptNo());
                attempt.setTimestamp(4, Timestamp.from(now));
                attempt.setObject(5, httpStatus, java.sql.Types.INTEGER);
                attempt.setString(6, error);
                attempt.setString(7, outcome);
                attempt.executeUpdate();
                boolean retry = outcome.equals("retry");
                state.setString(1, retry ? "pending" : outcome);
                state.setTimestamp(2, retry ? Timestamp.from(now.plus(settings.delayAfter(delivery.attemptNo()))) : null);
                state.setTimestamp(3, retry ? null : Timestamp.from(now));
                state.setString(4, error);
                state.setLong(5, delivery.entryId());
                state.executeUpdate();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
        metrics.pushEnded(outcome);
        return outcome;
    }

    /** Longer than any attempt can take: the HTTP timeouts, and building the payload. */
    private Duration abandonedAfter() {
        return settings.timeout().multipliedBy(3).plusMinutes(1);
    }
}
