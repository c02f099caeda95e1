package th.go.saraban.gateway.mail;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One scheduled check of the central mailbox, from its {@code mailbox_check} row to the last batch.
 * The route carries it from step to step; it is not shared between checks.
 */
public final class MailboxCheck {

    private final long id;
    private final String mailbox;
    private final Instant startedAt;
    private final Deque<List<UidAndSize>> batches = new ArrayDeque<>();
    private List<UidAndSize> batchUnderWay = List.of();
    private final Map<Long, LetterAttempt> attempts = new HashMap<>();
    private long passedOverUpTo;
    private MailboxConnection connection;
    private long uidValidity;
    private int found;
    private int registered;

    /** Open for as long as the check runs: its advisory lock tells other checks this one is alive. */
    private final java.sql.Connection liveness;

    MailboxCheck(long id, String mailbox, Instant startedAt, java.sql.Connection liveness) {
        this.id = id;
        this.mailbox = mailbox;
        this.startedAt = startedAt;
        this.liveness = liveness;
    }

    public long id() {
        return id;
    }

    public String mailbox() {
        return mailbox;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public int found() {
        return found;
    }

    public int registered() {
        return registered;
    }

    /** Read by the route's loop. */
    public boolean hasNextBatch() {
        return !batches.isEmpty();
    }

    public void countRegistered(int count) {
        registered += count;
    }

    /** The try under way at this letter of the current batch. */
    public LetterAttempt attemptOf(long uid) {
        return attempts.getOrDefault(uid, LetterAttempt.FIRST);
    }

    /** Highest UID left out because it arrived before the start date; 0 when none was. */
    public long passedOverUpTo() {
        return passedOverUpTo;
    }

    void connected(MailboxConnection connection, long uidValidity) {
        this.connection = connection;
        this.uidValidity = uidValidity;
    }

    MailboxConnection connection() {
        if (connection == null) {
            throw new IllegalStateException("check " + id + " is not connected to the mailbox");
        }
        return connection;
    }

    void planned(List<List<UidAndSize>> plan, int newMessages, long passedOverUpTo) {
        batches.addAll(plan);
        found = newMessages;
        this.passedOverUpTo = passedOverUpTo;
    }

    List<UidAndSize> takeBatch() {
        batchUnderWay = batches.removeFirst();
        attempts.clear();
        return batchUnderWay;
    }

    List<UidAndSize> batchUnderWay() {
        return batchUnderWay;
    }

    void attempting(Map<Long, LetterAttempt> counted) {
        attempts.putAll(counted);
    }

    void disconnect() {
        try {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } finally {
            try {
                releaseLivenessLock();
                liveness.close();
            } catch (java.sql.SQLException | RuntimeException ignored) {
                // a session already gone has released its lock anyway
            }
        }
    }

    /**
     * The session goes back to the connection pool, not away: its lock must be let go by hand, or it
     * would stay in the server's lock table for the session's life. A session that cannot even do that
     * is aborted, so the pool drops it instead of lending it out again.
     */
    private void releaseLivenessLock() throws java.sql.SQLException {
        try (java.sql.Statement unlock = liveness.createStatement()) {
            unlock.execute("SELECT pg_advisory_unlock_all()");
        } catch (java.sql.SQLException | RuntimeException e) {
            liveness.abort(Runnable::run);
        }
    }

    @Override
    public String toString() {
        return "check " + id + " of " + mailbox;
    }
}
