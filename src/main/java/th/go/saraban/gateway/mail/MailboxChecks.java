package th.go.saraban.gateway.mail;

import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.CamelExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.go.saraban.gateway.observe.GatewayMetrics;

/**
 * The life of a check as operators see it in {@code mailbox_check}: started, what was new, how it
 * ended. The route calls these steps in order; see {@code routes/check-mailbox.camel.yaml}.
 */
public final class MailboxChecks {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxChecks.class);

    private final DataSource dataSource;
    private final CentralMailbox mailbox;
    private final BatchPlan plan;
    private final LetterAttempts attempts;
    private final Instant receivedFrom;
    private final Clock clock;
    private volatile GatewayMetrics metrics = GatewayMetrics.OFF;
    private final String node;
    /** Fetches the next batch while the route reads and registers the one before it. */
    private final ExecutorService fetchingAhead;
    private static final AtomicInteger FETCHERS = new AtomicInteger();

    /**
     * @param receivedFrom mail the server received before this instant was handled before the
     *                     gateway: it is passed over by date without fetching it ({@link Instant#MIN}:
     *                     register everything in the folder)
     * @param node         this gateway process as the cluster knows it, written on each check it runs
     */
    public MailboxChecks(DataSource dataSource, CentralMailbox mailbox, BatchPlan plan, LetterAttempts attempts,
                         Instant receivedFrom, Clock clock, String node) {
        this.dataSource = dataSource;
        this.mailbox = mailbox;
        this.plan = plan;
        this.attempts = attempts;
        this.receivedFrom = receivedFrom;
        this.clock = clock;
        this.node = node;
        this.fetchingAhead = Executors.newCachedThreadPool(work -> {
            Thread fetcher = new Thread(work, "mailbox-fetch-ahead-" + FETCHERS.incrementAndGet());
            fetcher.setDaemon(true);
            return fetcher;
        });
    }

    /**
     * Namespace (the first key) of the advisory locks that say "this check is alive"; the second key
     * is the {@code mailbox_check} id modulo 2^31-1. Visible to operators in {@code pg_locks.classid}.
     */
    public static final int LIVE_CHECK_LOCKS = 23115;

    /**
     * Records that a check started. Fails only when the database is unreachable.
     *
     * <p>The check keeps one database session open until it ends, holding an advisory lock on its own
     * row. PostgreSQL drops the lock the moment that session ends, which is when the process dies
     * (SIGKILL, an out-of-memory kill, a lost node). So any 'running' row whose lock is free belongs
     * to a check that can no longer finish: it is closed as failed here, on any node, at once.
     */
    public MailboxCheck begin() throws SQLException {
        var startedAt = clock.instant();
        Connection liveness = dataSource.getConnection();
        try (PreparedStatement abandoned = liveness.prepareStatement("UPDATE mailbox_check SET outcome = 'failed',"
                     + " finished_at = ?, error_text = 'the gateway stopped during this check (killed, out of memory"
                     + " or its database session lost); later checks register what it missed'"
                     + " WHERE mailbox = ? AND outcome = 'running'"
                     + " AND pg_try_advisory_xact_lock(?, (id % 2147483647)::integer)");
             PreparedStatement insert = liveness.prepareStatement(
                     "INSERT INTO mailbox_check (mailbox, started_at, outcome, node) VALUES (?, ?, 'running', ?)"
                             + " RETURNING id");
             PreparedStatement lock = liveness.prepareStatement(
                     "SELECT pg_advisory_lock(?, (? % 2147483647)::integer)")) {
            abandoned.setTimestamp(1, Timestamp.from(startedAt));
            abandoned.setString(2, mailbox.name());
            abandoned.setInt(3, LIVE_CHECK_LOCKS);
            abandoned.executeUpdate();
            insert.setString(1, mailbox.name());
            insert.setTimestamp(2, Timestamp.from(startedAt));
            insert.setString(3, node);
            long id;
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
            lock.setInt(1, LIVE_CHECK_LOCKS);
            lock.setLong(2, id);
            lock.executeQuery().close();
            return new MailboxCheck(id, mailbox.name(), startedAt, liveness);
        } catch (SQLException | RuntimeException e) {
            liveness.close();
            throw e;
        }
    }

    /**
     * Connects, and plans batches of everything above what this mailbox has already read and received
     * since the start date. A letter an earlier try did not settle gets a batch of its own.
     */
    public MailboxCheck connect(MailboxCheck check) throws MessagingException, SQLException {
        MailboxConnection connection = mailbox.open();
        check.connected(connection, connection.uidValidity());
        long lastSeenUid = lastSeenUid(check.liveness(), check.mailbox(), check.uidValidity());
        MailboxConnection.Listing listing = connection.newerThan(lastSeenUid, receivedFrom);
        List<UidAndSize> newMessages = listing.newMessages();
        Set<Long> triedBefore = newMessages.isEmpty() ? Set.of()
                : attempts.unsettled(check.mailbox(), check.uidValidity(), lastSeenUid);
        check.planned(plan.split(newMessages, triedBefore), newMessages.size(), listing.passedOverUpTo(), triedBefore);
        return check;
    }

    /**
     * Fetches the batch whose tries {@link LetterAttempts#begin} counted. A letter whose earlier tries
     * failed even to register its bytes is not fetched again: the server's facts about it are enough.
     *
     * <p>Then the next batch is started early: its tries are counted (committed, as for any batch,
     * before a byte of it is fetched) and it is fetched on another thread while the route reads and
     * registers this one, so the mail server, the reader and the database work at the same time. Only
     * between batches of letters no earlier check tried, and no larger than the batch limit in bytes:
     * a letter that may have stopped a check still goes alone, with nothing fetched beside it, and at
     * most two batches are held at once. A check that fails before it reaches the early batch takes
     * its tries back ({@link #fail}).
     */
    public List<RawMessage> fetchNextBatch(MailboxCheck check)
            throws MessagingException, SQLException, InterruptedException {
        List<UidAndSize> batch = check.batchUnderWay();
        MailboxCheck.Ahead ahead = check.takeAhead(batch);
        List<RawMessage> fetched = ahead != null ? awaitFetch(ahead.fetched())
                : fetch(check.connection(), batch, Map.of(), check);
        startNextEarly(check, batch);
        return fetched;
    }

    private void startNextEarly(MailboxCheck check, List<UidAndSize> current) throws SQLException {
        List<UidAndSize> next = check.peekNextBatch();
        if (next == null || !check.untriedBefore(current) || !check.untriedBefore(next)
                || bytes(current) > plan.maxBytes() || bytes(next) > plan.maxBytes()) {
            return;
        }
        Map<Long, LetterAttempt> counted = attempts.countTries(check, next);
        MailboxConnection connection = check.connection();
        Future<List<RawMessage>> fetching = fetchingAhead.submit(() -> fetch(connection, next, counted, check));
        check.fetchingAhead(new MailboxCheck.Ahead(next, counted, fetching));
    }

    private static long bytes(List<UidAndSize> batch) {
        return batch.stream().mapToLong(UidAndSize::size).sum();
    }

    /** @param counted the tries of a batch started early; otherwise those of the batch under way */
    private List<RawMessage> fetch(MailboxConnection connection, List<UidAndSize> batch,
                                   Map<Long, LetterAttempt> counted, MailboxCheck check) throws MessagingException {
        List<UidAndSize> whole = batch.stream().filter(m -> attempts.mayFetch(
                counted.isEmpty() ? check.attemptOf(m.uid()) : counted.getOrDefault(m.uid(), LetterAttempt.FIRST)))
                .toList();
        List<RawMessage> fetched = new ArrayList<>(connection.fetchPlanned(whole, plan));
        for (UidAndSize message : batch) {
            if (!whole.contains(message)) {
                fetched.add(connection.fetchFacts(message, "not fetched again: " + (attempts.maxAttempts() + 1)
                        + " earlier tries did not end with the letter registered"));
            }
        }
        fetched.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        return fetched;
    }

    private static List<RawMessage> awaitFetch(Future<List<RawMessage>> fetching)
            throws MessagingException, InterruptedException {
        try {
            return fetching.get();
        } catch (InterruptedException stopping) {
            fetching.cancel(true);
            throw stopping;
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof MessagingException messaging) {
                throw messaging;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new MessagingException("fetching the batch failed: " + cause, (Exception) cause);
        }
    }

    public void succeed(MailboxCheck check) throws SQLException {
        finish(check, "ok", null);
        metrics.checkEnded(check.mailbox(), "ok");
    }

    /**
     * Records that the check failed, whatever the failure was (an Error included), and gives the
     * tries still open in the batch under way the check's failure as their outcome.
     */
    public void fail(MailboxCheck check, Throwable cause) throws SQLException {
        metrics.checkEnded(check.mailbox(), "failed");
        Throwable inner = withoutCamelWrapper(cause);
        String error = FailureText.of(inner).replace('\u0000', '\uFFFD');
        MailboxCheck.Ahead early = check.abandonAhead();
        if (early != null) {
            early.fetched().cancel(true);
            if (!early.batch().equals(check.batchUnderWay())) {
                try {
                    attempts.neverReached(check, early.batch());
                } catch (SQLException | RuntimeException e) {
                    // its letters then travel alone in the next check: slower, still each once
                    LOG.warn("{}: could not take back the tries of the batch fetched early: {}", check,
                            FailureText.of(e));
                }
            }
        }
        try {
            attempts.checkFailed(check, error, LetterAttempts.isTheLettersFault(inner));
        } catch (SQLException | RuntimeException e) {
            // the tries then read "ended without an outcome" at the next check: true, if less precise
            LOG.warn("{}: could not write the failure to letter_attempt: {}", check, FailureText.of(e));
        }
        try {
            finish(check, "failed", error);
        } catch (SQLException | RuntimeException e) {
            // the next check closes the row as abandoned; the failure itself must not be lost
            LOG.error("{} failed ({}) and the failure could not be recorded in mailbox_check: {}", check, error,
                    FailureText.of(e));
            throw e;
        }
    }

    /** Where the end of each check is counted (saraban_checks_total) and its freshness noted. */
    public void reportTo(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Camel wraps an Error thrown by a bean step; the Error is what the operator needs to read. */
    private static Throwable withoutCamelWrapper(Throwable cause) {
        Throwable inner = cause;
        while (inner instanceof CamelExecutionException && inner.getCause() != null) {
            inner = inner.getCause();
        }
        return inner;
    }

    /** Closes the IMAP connection, and the database session whose lock said the check was alive. */
    public void close(MailboxCheck check) {
        check.disconnect();
    }

    /**
     * Written through the check's own session, which is open anyway (a check that finds nothing new
     * then opens no other connection); through a new one when that session is gone.
     */
    private void finish(MailboxCheck check, String outcome, String error) throws SQLException {
        Connection own = check.liveness();
        if (own.isClosed()) {
            try (Connection db = dataSource.getConnection()) {
                finish(db, check, outcome, error);
            }
            return;
        }
        try {
            finish(own, check, outcome, error);
        } catch (SQLException lost) {
            try (Connection db = dataSource.getConnection()) {
                finish(db, check, outcome, error);
            }
        }
    }

    private void finish(Connection db, MailboxCheck check, String outcome, String error) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE mailbox_check SET finished_at = ?, outcome = ?,"
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

    private static long lastSeenUid(Connection db, String mailboxName, long uidValidity) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                     "SELECT last_seen_uid FROM mailbox_sync WHERE mailbox = ? AND imap_uidvalidity = ?")) {
            select.setString(1, mailboxName);
            select.setLong(2, uidValidity);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        }
    }
}
