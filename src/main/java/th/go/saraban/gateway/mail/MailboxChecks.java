package th.go.saraban.gateway.mail;

import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The life of a check as operators see it in {@code mailbox_check}: started, what was new, how it
 * ended. The route calls these steps in order; see {@code routes/check-mailbox.camel.yaml}.
 */
public final class MailboxChecks {

    private final DataSource dataSource;
    private final CentralMailbox mailbox;
    private final BatchPlan plan;
    private final Clock clock;

    public MailboxChecks(DataSource dataSource, CentralMailbox mailbox, BatchPlan plan, Clock clock) {
        this.dataSource = dataSource;
        this.mailbox = mailbox;
        this.plan = plan;
        this.clock = clock;
    }

    /** A check still 'running' after this long belongs to a process that died without an outcome. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    /** Records that a check started. Fails only when the database is unreachable. */
    public MailboxCheck begin() throws SQLException {
        var startedAt = clock.instant();
        try (Connection db = dataSource.getConnection();
             PreparedStatement abandoned = db.prepareStatement("UPDATE mailbox_check SET outcome = 'failed',"
                     + " error_text = 'the gateway stopped during this check; the next check registered what it"
                     + " missed' WHERE mailbox = ? AND outcome = 'running' AND started_at < ?");
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO mailbox_check (mailbox, started_at, outcome) VALUES (?, ?, 'running') RETURNING id")) {
            abandoned.setString(1, mailbox.name());
            abandoned.setTimestamp(2, Timestamp.from(startedAt.minus(ABANDONED_AFTER)));
            abandoned.executeUpdate();
            insert.setString(1, mailbox.name());
            insert.setTimestamp(2, Timestamp.from(startedAt));
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return new MailboxCheck(id.getLong(1), mailbox.name(), startedAt);
            }
        }
    }

    /** Connects, and plans batches of everything above what this mailbox has already read. */
    public MailboxCheck connect(MailboxCheck check) throws MessagingException, SQLException {
        MailboxConnection connection = mailbox.open();
        check.connected(connection, connection.uidValidity());
        List<UidAndSize> newMessages = connection.newerThan(lastSeenUid(check.mailbox(), check.uidValidity()));
        check.planned(plan.split(newMessages), newMessages.size());
        return check;
    }

    public List<RawMessage> fetchNextBatch(MailboxCheck check) throws MessagingException {
        List<UidAndSize> batch = check.takeBatch();
        MailboxConnection connection = check.connection();
        try {
            return fetch(connection, batch);
        } catch (MessagingException refused) {
            if (!connection.isOpen()) {
                throw refused;
            }
            // The server refused the batch but still talks: ask for each message alone, so that one
            // message it will not hand over cannot hold back every later one (a stuck mailbox).
            List<RawMessage> fetched = new ArrayList<>();
            for (UidAndSize message : batch) {
                try {
                    fetched.addAll(fetch(connection, List.of(message)));
                } catch (MessagingException single) {
                    if (!connection.isOpen()) {
                        throw single;
                    }
                    fetched.add(connection.fetchFacts(message, FailureText.of(single)));
                }
            }
            return fetched;
        }
    }

    private List<RawMessage> fetch(MailboxConnection connection, List<UidAndSize> batch) throws MessagingException {
        if (batch.size() == 1 && plan.oversize(batch.get(0))) {
            return connection.fetchHeaders(batch);
        }
        return connection.fetchWhole(batch);
    }

    public void succeed(MailboxCheck check) throws SQLException {
        finish(check, "ok", null);
    }

    public void fail(MailboxCheck check, Throwable cause) throws SQLException {
        finish(check, "failed", FailureText.of(cause));
    }

    public void close(MailboxCheck check) {
        check.disconnect();
    }

    private void finish(MailboxCheck check, String outcome, String error) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("UPDATE mailbox_check SET finished_at = ?, outcome = ?,"
                     + " messages_found = ?, messages_registered = ?, error_text = ? WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setString(2, outcome);
            update.setInt(3, check.found());
            update.setInt(4, check.registered());
            update.setString(5, error);
            update.setLong(6, check.id());
            update.executeUpdate();
        }
    }

    private long lastSeenUid(String mailboxName, long uidValidity) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement(
                     "SELECT last_seen_uid FROM mailbox_sync WHERE mailbox = ? AND imap_uidvalidity = ?")) {
            select.setString(1, mailboxName);
            select.setLong(2, uidValidity);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        }
    }
}
