package th.go.saraban.gateway.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Writes the rows the report reads straight into a migrated register database, as the check route,
 * the registration and the outbox would have left them, at times a test chooses.
 */
public final class RegisterRows {

    private final DataSource dataSource;
    private final String mailbox;
    private final AtomicInteger uid = new AtomicInteger();

    public RegisterRows(DataSource dataSource, String mailbox) {
        this.dataSource = dataSource;
        this.mailbox = mailbox;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        execute("INSERT INTO mailbox (name, created_at) VALUES (?, now()) ON CONFLICT DO NOTHING", mailbox);
    }

    /** A finished check that started at {@code startedAt} (e.g. "2026-10-02T10:00+07:00"). */
    public long check(String startedAt, String outcome) {
        Instant started = OffsetDateTime.parse(startedAt).toInstant();
        return insert("INSERT INTO mailbox_check (mailbox, started_at, finished_at, outcome, error_text)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id", mailbox, Timestamp.from(started),
                Timestamp.from(started.plusSeconds(3)), outcome,
                outcome.equals("failed") ? "IMAP login refused: AUTHENTICATIONFAILED" : null);
    }

    /** An entry that entered the agency's system at {@code receivedAt} and was registered at {@code registeredAt}. */
    public long letter(String receivedAt, String registeredAt) {
        int n = uid.incrementAndGet();
        Instant received = OffsetDateTime.parse(receivedAt).toInstant();
        return insert("INSERT INTO incoming_register (mailbox, register_year, register_no, received_at,"
                        + " deemed_received_at, registered_at, raw_size, imap_uidvalidity, imap_uid, status)"
                        + " VALUES (?, 2569, ?, ?, ?, ?, 1000, 1, ?, 'oversize') RETURNING id", mailbox, n,
                Timestamp.from(received), Timestamp.from(received),
                Timestamp.from(OffsetDateTime.parse(registeredAt).toInstant()), (long) n);
    }

    /** An acknowledgement of {@code entryId} that the SMTP server accepted at {@code sentAt}. */
    public void acknowledgement(long entryId, String sentAt) {
        Instant sent = OffsetDateTime.parse(sentAt).toInstant();
        insert("INSERT INTO outgoing_message (mailbox, kind, answers_entry_id, from_address, to_addresses,"
                        + " subject, message_id, status, max_attempts, queued_at, sent_at)"
                        + " VALUES (?, 'acknowledgement', ?, ?, 'citizen@example.org', 'Re: x', ?, 'sent', 8, ?, ?)"
                        + " RETURNING id", mailbox, entryId, mailbox, "<ack-" + entryId + "@agency.go.th>",
                Timestamp.from(sent), Timestamp.from(sent));
    }

    /** An outgoing message left in {@code status} (uncertain, failed). */
    public void outgoing(String status) {
        insert("INSERT INTO outgoing_message (mailbox, kind, from_address, to_addresses, subject, message_id,"
                        + " status, max_attempts, queued_at) VALUES (?, 'reply', ?, 'citizen@example.org', 'Re: x', ?,"
                        + " ?, 8, now()) RETURNING id", mailbox, mailbox, "<" + status + uid.incrementAndGet()
                        + "@agency.go.th>", status);
    }

    public void execute(String sql, Object... parameters) {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private long insert(String sql, Object... parameters) {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet key = statement.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
