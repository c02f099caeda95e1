package th.go.saraban.gateway.compliance;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import th.go.saraban.gateway.outbound.LetterComposer;
import th.go.saraban.gateway.outbound.OutgoingLetter;
import th.go.saraban.gateway.outbound.Outbox;
import th.go.saraban.gateway.outbound.QueuedLetter;

/**
 * Mails each condition that needs a person to {@code saraban.alert.recipients}, once per cause, subject
 * and day, through the outbox like every other message the agency sends (kind {@code alert}): the one
 * SMTP route sends it, and once accepted it is numbered in the sending register. The outbox row and the
 * {@code alert_sent} row are written in one transaction, and the unique (cause, subject_key, day) of
 * {@code alert_sent} keeps a second run, on this node or another, from queueing the same alert again.
 */
public final class Alerts {

    public static final String KIND = "alert";

    private final DataSource dataSource;
    private final Clock clock;
    private final Outbox outbox;
    private final AlertConditions conditions;

    public Alerts(DataSource dataSource, Clock clock, Outbox outbox, AlertConditions conditions) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.conditions = Objects.requireNonNull(conditions, "conditions");
    }

    public boolean enabled() {
        return conditions.settings().enabled();
    }

    /** Queues an alert for every condition that holds now and was not alerted today; returns those queued. */
    public List<Alert> sendDue() throws SQLException {
        if (!enabled()) {
            return List.of();
        }
        List<Alert> queued = new ArrayList<>();
        for (Alert alert : conditions.current()) {
            if (queueOnce(alert)) {
                queued.add(alert);
            }
        }
        return queued;
    }

    /** False when this alert was already sent (its cause, subject and day are in {@code alert_sent}). */
    boolean queueOnce(Alert alert) throws SQLException {
        return !alreadySent(alert) && queueUnlessRecorded(alert);
    }

    /** The outbox row and the alert_sent row in one transaction, rolled back when the constraint says it was sent. */
    boolean queueUnlessRecorded(Alert alert) throws SQLException {
        String central = outbox.centralAddress();
        Instant now = clock.instant();
        // Auto-Submitted (RFC 3834) so that out-of-office answers to an alert stay out of the receiving register
        OutgoingLetter letter = new OutgoingLetter(central, conditions.settings().recipients(), alert.subject(),
                LetterComposer.newMessageId(central), null, List.of(), alert.text(), null, List.of(), true);
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                try (PreparedStatement mailbox = db.prepareStatement(
                        "INSERT INTO mailbox (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                    mailbox.setString(1, central);
                    mailbox.setTimestamp(2, Timestamp.from(now));
                    mailbox.executeUpdate();
                }
                long outgoingId = outbox.queue(db, new QueuedLetter(central, KIND, null, letter));
                int inserted;
                try (PreparedStatement record = db.prepareStatement("INSERT INTO alert_sent (cause, subject_key, day,"
                        + " summary, outgoing_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT ON CONSTRAINT alert_sent_once DO NOTHING")) {
                    record.setString(1, alert.cause().value());
                    record.setString(2, alert.subjectKey());
                    record.setDate(3, Date.valueOf(alert.day()));
                    record.setString(4, alert.summary());
                    record.setLong(5, outgoingId);
                    record.setTimestamp(6, Timestamp.from(now));
                    inserted = record.executeUpdate();
                }
                if (inserted == 0) {
                    // another run (or node) sent it between the look above and this insert
                    db.rollback();
                    return false;
                }
                db.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    /** The quick look that spares a standing condition a composed letter every five minutes; the constraint decides. */
    private boolean alreadySent(Alert alert) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT 1 FROM alert_sent WHERE cause = ?"
                     + " AND subject_key = ? AND day = ?")) {
            select.setString(1, alert.cause().value());
            select.setString(2, alert.subjectKey());
            select.setDate(3, Date.valueOf(alert.day()));
            try (java.sql.ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
