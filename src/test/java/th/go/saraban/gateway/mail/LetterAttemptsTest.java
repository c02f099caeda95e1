package th.go.saraban.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.FolderClosedException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.Rows;
import th.go.saraban.gateway.pipeline.TestDatabase;

/**
 * Which failed checks use up a letter's tries: the letter's own doing always counts, an outage of
 * the mail server or the database is given back, but only so often, so that no letter can hold the
 * mailbox for ever by making the server drop the connection.
 */
class LetterAttemptsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private static final UidAndSize LETTER = new UidAndSize(7, 2_000);

    private LetterAttempts letterAttempts;
    private Rows rows;

    @BeforeEach
    void freshDatabase() {
        TestDatabase database = TestDatabase.fresh();
        letterAttempts = new LetterAttempts(database.dataSource(), NOW, 3);
        rows = new Rows(database.dataSource());
    }

    @Test
    void outagesOfTheServerOrDatabaseDoNotUseUpTheLettersTries() throws SQLException {
        for (int check = 0; check < 5; check++) {
            failCheck(new FolderClosedException(null, "connection dropped"));
        }

        LetterAttempt next = tryOnce();

        assertThat(next.number()).isEqualTo(1);
        assertThat(letterAttempts.mayRead(next)).isTrue();
        assertThat(rows.single("SELECT outages FROM letter_attempt").get("outages")).isEqualTo(5);
    }

    @Test
    void failuresThatMayBeTheLettersOwnUseUpItsTries() throws SQLException {
        for (int check = 0; check < 3; check++) {
            failCheck(new OutOfMemoryError("Java heap space"));
        }

        assertThat(letterAttempts.mayRead(tryOnce())).isFalse();
    }

    @Test
    void outagesCountAsTriesOnceTheyHaveBeenGivenBackTenTimes() throws SQLException {
        for (int check = 0; check < LetterAttempts.OUTAGES_GIVEN_BACK + 3; check++) {
            failCheck(new SQLTransientConnectionException("database went away", "08006"));
        }

        assertThat(letterAttempts.mayRead(tryOnce())).isFalse();
    }

    @Test
    void refusedValueIsTheLettersFaultButAnUnreachableDatabaseIsNot() {
        assertThat(LetterAttempts.isTheLettersFault(new SQLException("value too long", "22001"))).isTrue();
        assertThat(LetterAttempts.isTheLettersFault(new SQLException("lock timeout", "55P03"))).isFalse();
        assertThat(LetterAttempts.isTheLettersFault(new IllegalStateException("bug"))).isTrue();
    }

    private void failCheck(Throwable failure) throws SQLException {
        MailboxCheck check = checkWithTheLetter();
        letterAttempts.begin(check);
        letterAttempts.checkFailed(check, failure.toString(), LetterAttempts.isTheLettersFault(failure));
    }

    /** Starts one more try, as the next check would, and returns it. */
    private LetterAttempt tryOnce() throws SQLException {
        MailboxCheck check = checkWithTheLetter();
        letterAttempts.begin(check);
        return check.attemptOf(LETTER.uid());
    }

    private static MailboxCheck checkWithTheLetter() {
        MailboxCheck check = new MailboxCheck(1, "saraban@agency.go.th", NOW.instant(), null);
        check.connected(null, 42);
        check.planned(List.of(List.of(LETTER)), 1, 0);
        return check;
    }
}
