package th.go.saraban.gateway.observe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * How long ago each mailbox was last checked successfully, on any node: the register database's
 * {@code mailbox_check} rows are the truth (on a cluster another node may run the checks), and this
 * node's own successes count at once. A mailbox not checked since this gateway started counts from
 * the start, so a restart after a quiet weekend is not reported stale before its first check had a
 * chance to run.
 */
public final class MailboxFreshness {

    /** A health probe or a scrape waits no longer than this for the database. */
    static final int QUERY_SECONDS = 3;

    private final DataSource dataSource;
    private final Clock clock;
    private final Instant startedAt;
    private final Supplier<Collection<String>> mailboxes;
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    /** @param mailboxes the mailboxes this gateway is configured to check, asked each time */
    public MailboxFreshness(DataSource dataSource, Clock clock, Supplier<Collection<String>> mailboxes) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.mailboxes = mailboxes;
    }

    /** A check of {@code mailbox} ended {@code ok} just now, on this node. */
    void succeeded(String mailbox) {
        succeeded(mailbox, clock.instant());
    }

    private void succeeded(String mailbox, Instant finishedAt) {
        lastSuccess.merge(mailbox, finishedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Reads the latest successful check of every mailbox from {@code mailbox_check} (all nodes). */
    public void refresh() throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement latest = db.prepareStatement("SELECT finished_at FROM mailbox_check"
                     + " WHERE mailbox = ? AND outcome = 'ok' ORDER BY started_at DESC LIMIT 1")) {
            latest.setQueryTimeout(QUERY_SECONDS);
            for (String mailbox : mailboxes.get()) {
                latest.setString(1, mailbox);
                try (ResultSet row = latest.executeQuery()) {
                    if (row.next()) {
                        Timestamp finished = row.getTimestamp(1);
                        if (finished != null) {
                            succeeded(mailbox, finished.toInstant());
                        }
                    }
                }
            }
        }
    }

    /**
     * The same, for the timer route: an unreachable database leaves the ages as they were (they keep
     * growing), and the database health check reports the outage, so nothing is logged here.
     */
    public void refreshIfReachable() {
        try {
            refresh();
        } catch (SQLException | RuntimeException unreachable) {
            // see above
        }
    }

    /** Every configured mailbox and the time since its last successful check (or since start-up). */
    public Map<String, Duration> ages() {
        Map<String, Duration> ages = new TreeMap<>();
        for (String mailbox : mailboxes.get()) {
            ages.put(mailbox, ageOf(mailbox));
        }
        return ages;
    }

    public Duration ageOf(String mailbox) {
        Instant last = lastSuccess.getOrDefault(mailbox, startedAt);
        Instant since = last.isAfter(startedAt) ? last : startedAt;
        Duration age = Duration.between(since, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
