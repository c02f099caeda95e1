package th.go.saraban.gateway.mail;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

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
    private Set<Long> triedBefore = Set.of();
    /** The next batch, its tries counted and its fetch under way while this one is read and registered. */
    private Ahead ahead;
    /** What steps started early for this check, each stopped when the check ends ({@link #whenClosed}). */
    private final Map<Object, Runnable> whenClosed = new java.util.concurrent.ConcurrentHashMap<>();
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

    /** The check's own database session; its advisory lock says the check is alive. */
    java.sql.Connection liveness() {
        return liveness;
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
        planned(plan, newMessages, passedOverUpTo, Set.of());
    }

    void planned(List<List<UidAndSize>> plan, int newMessages, long passedOverUpTo, Set<Long> triedBefore) {
        batches.addAll(plan);
        found = newMessages;
        this.passedOverUpTo = passedOverUpTo;
        this.triedBefore = triedBefore;
    }

    List<UidAndSize> takeBatch() {
        batchUnderWay = batches.removeFirst();
        attempts.clear();
        return batchUnderWay;
    }

    /** The batch after the one under way, if any; it stays planned. */
    List<UidAndSize> peekNextBatch() {
        return batches.peekFirst();
    }

    /** True when no letter of {@code batch} was tried by an earlier check (each of those goes alone). */
    boolean untriedBefore(List<UidAndSize> batch) {
        return batch.stream().noneMatch(m -> triedBefore.contains(m.uid()));
    }

    /** The next batch whose tries were counted and whose fetch started early. */
    record Ahead(List<UidAndSize> batch, Map<Long, LetterAttempt> attempts, Future<List<RawMessage>> fetched) {
    }

    void fetchingAhead(Ahead next) {
        ahead = next;
    }

    /** The early start of {@code batch}, taken once; null when it was not started early. */
    Ahead takeAhead(List<UidAndSize> batch) {
        if (ahead == null || !ahead.batch().equals(batch)) {
            return null;
        }
        Ahead taken = ahead;
        ahead = null;
        return taken;
    }

    /**
     * The fetch of the next batch, started early while this one is read and registered; null when
     * there is none. Its letters were tried by no earlier check and their tries are counted.
     */
    public Future<List<RawMessage>> nextBatchFetchedEarly() {
        Ahead next = ahead;
        return next == null ? null : next.fetched();
    }

    /** The tries counted for the letters of the batch fetched early, by UID. */
    public Map<Long, LetterAttempt> attemptsAhead() {
        Ahead next = ahead;
        return next == null ? Map.of() : Map.copyOf(next.attempts());
    }

    /**
     * Stops what {@code step} started early for this check (reading the next batch) when the check
     * ends; one per step, the last one given.
     */
    public void whenClosed(Object step, Runnable stop) {
        whenClosed.put(step, stop);
    }

    /** An early start that the check will not reach (it failed or is closing), taken once. */
    Ahead abandonAhead() {
        Ahead abandoned = ahead;
        ahead = null;
        return abandoned;
    }

    List<UidAndSize> batchUnderWay() {
        return batchUnderWay;
    }

    void attempting(Map<Long, LetterAttempt> counted) {
        attempts.putAll(counted);
    }

    void disconnect() {
        whenClosed.values().forEach(Runnable::run);
        whenClosed.clear();
        Ahead abandoned = abandonAhead();
        if (abandoned != null) {
            // the connection closes under it; its tries were given back by the failure, if any
            abandoned.fetched().cancel(true);
        }
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
