package th.go.saraban.gateway.mail;

import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Counts the tries at each letter in {@code letter_attempt}, so that no letter can hold the
 * mailbox for ever. A try is counted and committed before the letter's bytes are fetched: whatever
 * then goes wrong, even the death of the process, leaves the count behind. A letter with a count
 * travels alone in the next check, so it cannot take innocent neighbours down with it again; after
 * {@code maxAttempts} tries it is registered as 'unreadable' without being read again. The
 * transaction that registers a letter deletes its row ({@link #settle}).
 *
 * <p>Past the last try two fall-backs remain, each counted like a try: registering the raw bytes
 * without reading them, and if even that did not end (the bytes themselves are too much), registering
 * what the server says about the message while its content stays on the server.
 */
public final class LetterAttempts {

    private static final String ENDED_WITHOUT_OUTCOME = "ended without an outcome (the gateway process stopped"
            + " while this letter was being fetched, read or registered: killed, or out of memory)";

    /**
     * How many failed checks that were not the letter's doing (server or database down) are given
     * back per letter. Past that they count: a letter that makes the server drop the connection
     * every time must still be quarantined in the end, not hold the mailbox for ever.
     */
    static final int OUTAGES_GIVEN_BACK = 10;

    private final DataSource dataSource;
    private final Clock clock;
    private final int maxAttempts;

    public LetterAttempts(DataSource dataSource, Clock clock, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, not " + maxAttempts);
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** True while the letter may still be read; false once its tries are used up. */
    public boolean mayRead(LetterAttempt attempt) {
        return attempt.number() <= maxAttempts;
    }

    /** False once even registering the bytes unread did not end: only the server's facts are left. */
    public boolean mayFetch(LetterAttempt attempt) {
        return attempt.number() <= maxAttempts + 1;
    }

    /**
     * Takes the check's next batch and counts one try for each of its letters, committed before
     * anything else happens to them. Returns the batch.
     */
    public List<UidAndSize> begin(MailboxCheck check) throws SQLException {
        List<UidAndSize> batch = check.takeBatch();
        MailboxCheck.Ahead ahead = check.takeAhead(batch);
        if (ahead != null) {
            // counted when its fetch started early, while the batch before it was read and registered
            check.attempting(ahead.attempts());
            check.fetchingAhead(ahead);
        } else {
            check.attempting(countTries(check, batch));
        }
        return batch;
    }

    /** Counts one try for each letter of {@code batch}, committed; for a batch about to be fetched. */
    Map<Long, LetterAttempt> countTries(MailboxCheck check, List<UidAndSize> batch) throws SQLException {
        return count(check.mailbox(), check.uidValidity(), batch.stream().map(UidAndSize::uid).toList());
    }

    /**
     * Takes back the tries counted for a batch whose fetch started early but which the check never
     * reached, because the batch before it failed: nothing was read or registered of it, and none of
     * its letters had been tried before (such letters are never started early).
     */
    void neverReached(MailboxCheck check, List<UidAndSize> batch) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement delete = db.prepareStatement("DELETE FROM letter_attempt WHERE mailbox = ?"
                     + " AND imap_uidvalidity = ? AND imap_uid = ANY (?) AND attempts = 1 AND attempt_open")) {
            delete.setString(1, check.mailbox());
            delete.setLong(2, check.uidValidity());
            delete.setArray(3, db.createArrayOf("bigint", batch.stream().map(UidAndSize::uid).toArray()));
            delete.executeUpdate();
        }
    }

    /** Writes down why this try failed, and counts the next one. */
    public LetterAttempt failedAndRetry(MailboxCheck check, long uid, String failure) throws SQLException {
        failed(check, uid, failure);
        Map<Long, LetterAttempt> next = count(check.mailbox(), check.uidValidity(), List.of(uid));
        check.attempting(next);
        return next.get(uid);
    }

    /** Writes down why this try failed; the caller settles the letter. */
    public void failed(MailboxCheck check, long uid, String failure) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("UPDATE letter_attempt SET attempt_open = false,"
                     + " last_error = ?, failures = concat_ws(E'\\n', failures, ?)"
                     + " WHERE mailbox = ? AND imap_uidvalidity = ? AND imap_uid = ?")) {
            String line = "attempt " + check.attemptOf(uid).number() + ": " + oneLine(failure);
            update.setString(1, oneLine(failure));
            update.setString(2, line);
            update.setString(3, check.mailbox());
            update.setLong(4, check.uidValidity());
            update.setLong(5, uid);
            update.executeUpdate();
        }
    }

    /**
     * Whether a failure of the whole check may be the letter's doing. A mail server that went away or
     * a database that is down or busy is nobody's letter: counting it would quarantine good letters
     * after a few outages. A refused value ({@link #isRefusedValue}), an Error such as
     * OutOfMemoryError, or any other exception may come from what the letter holds, and counts.
     */
    public static boolean isTheLettersFault(Throwable failure) {
        if (failure instanceof MessagingException || failure instanceof java.io.IOException) {
            return false;
        }
        if (failure instanceof SQLException sql) {
            return isRefusedValue(sql);
        }
        return true;
    }

    /**
     * A value from the letter itself was refused: a data exception (22: out of range, bad encoding),
     * a constraint (23), or a program limit (54: a Message-ID too long for its index). Anything else,
     * such as an unreachable database or a lock timeout, is no letter's fault.
     */
    public static boolean isRefusedValue(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /**
     * The check failed while this batch was under way (the server or the database went away, or a
     * step failed): each try still open gets the check's failure as its outcome. When the failure
     * was not the letter's doing the try is given back, up to {@link #OUTAGES_GIVEN_BACK} times, so
     * that a few outages do not use up a good letter's tries.
     */
    public void checkFailed(MailboxCheck check, String failure, boolean lettersFault) throws SQLException {
        List<Long> uids = check.batchUnderWay().stream().map(UidAndSize::uid).toList();
        if (uids.isEmpty()) {
            return;
        }
        boolean outage = !lettersFault;
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("UPDATE letter_attempt SET attempt_open = false,"
                     + " attempts = attempts - CASE WHEN ? AND outages < ? THEN 1 ELSE 0 END,"
                     + " outages = outages + CASE WHEN ? THEN 1 ELSE 0 END, last_error = ?,"
                     + " failures = concat_ws(E'\\n', failures, 'attempt ' || attempts || ': ' || ?"
                     + " || CASE WHEN ? AND outages < ? THEN ' (not counted: the mail server or the database failed,"
                     + " not the letter)' ELSE '' END)"
                     + " WHERE mailbox = ? AND imap_uidvalidity = ? AND imap_uid = ANY (?) AND attempt_open")) {
            String text = "the check failed: " + oneLine(failure);
            int i = 0;
            update.setBoolean(++i, outage);
            update.setInt(++i, OUTAGES_GIVEN_BACK);
            update.setBoolean(++i, outage);
            update.setString(++i, text);
            update.setString(++i, text);
            update.setBoolean(++i, outage);
            update.setInt(++i, OUTAGES_GIVEN_BACK);
            update.setString(++i, check.mailbox());
            update.setLong(++i, check.uidValidity());
            update.setArray(++i, db.createArrayOf("bigint", uids.toArray()));
            update.executeUpdate();
        }
    }

    /** UIDs above {@code lastSeenUid} that an earlier try did not settle: each goes alone. */
    public Set<Long> unsettled(String mailbox, long uidValidity, long lastSeenUid) throws SQLException {
        Set<Long> uids = new HashSet<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT imap_uid FROM letter_attempt"
                     + " WHERE mailbox = ? AND imap_uidvalidity = ? AND imap_uid > ?")) {
            select.setString(1, mailbox);
            select.setLong(2, uidValidity);
            select.setLong(3, lastSeenUid);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    uids.add(rows.getLong(1));
                }
            }
        }
        return uids;
    }

    /**
     * In the transaction that moves the read position to {@code readUpTo}: everything up to it is
     * settled (registered, passed over, or expunged from the server before it could be fetched), and
     * so is everything under an earlier UIDVALIDITY, whose UIDs the server no longer uses.
     */
    public static void settle(Connection db, String mailbox, long uidValidity, long readUpTo) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM letter_attempt WHERE mailbox = ?"
                + " AND (imap_uidvalidity <> ? OR imap_uid <= ?)")) {
            delete.setString(1, mailbox);
            delete.setLong(2, uidValidity);
            delete.setLong(3, readUpTo);
            delete.executeUpdate();
        }
    }

    private Map<Long, LetterAttempt> count(String mailbox, long uidValidity, List<Long> uids) throws SQLException {
        Map<Long, LetterAttempt> attempts = new HashMap<>();
        if (uids.isEmpty()) {
            return attempts;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection db = dataSource.getConnection();
             PreparedStatement upsert = db.prepareStatement("INSERT INTO letter_attempt AS a (mailbox,"
                     + " imap_uidvalidity, imap_uid, attempts, attempt_open, first_attempt_at, last_attempt_at)"
                     + " SELECT ?, ?, uid, 1, true, ?, ? FROM unnest(?::bigint[]) AS t (uid)"
                     + " ON CONFLICT (mailbox, imap_uidvalidity, imap_uid) DO UPDATE SET attempts = a.attempts + 1,"
                     + " last_error = CASE WHEN a.attempt_open THEN ? ELSE a.last_error END,"
                     + " failures = CASE WHEN a.attempt_open"
                     + " THEN concat_ws(E'\\n', a.failures, 'attempt ' || a.attempts || ': ' || ?) ELSE a.failures END,"
                     + " attempt_open = true, last_attempt_at = EXCLUDED.last_attempt_at"
                     + " RETURNING imap_uid, attempts, failures")) {
            upsert.setString(1, mailbox);
            upsert.setLong(2, uidValidity);
            upsert.setTimestamp(3, now);
            upsert.setTimestamp(4, now);
            upsert.setArray(5, db.createArrayOf("bigint", uids.toArray()));
            upsert.setString(6, ENDED_WITHOUT_OUTCOME);
            upsert.setString(7, ENDED_WITHOUT_OUTCOME);
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    String failures = rows.getString(3);
                    attempts.put(rows.getLong(1), new LetterAttempt(rows.getInt(2),
                            failures == null ? List.of() : List.of(failures.split("\n"))));
                }
            }
        }
        return attempts;
    }

    /** One line per failure in {@code failures}; PostgreSQL text cannot hold NUL. */
    private static String oneLine(String text) {
        return text.replace('\u0000', '\uFFFD').replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
