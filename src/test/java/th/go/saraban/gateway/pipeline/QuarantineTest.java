package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.mail.MailboxCheck;
import th.go.saraban.gateway.mail.MailboxChecks;

/**
 * No letter can stop the mailbox: a letter whose reading runs out of memory, hangs, or kills the
 * process is tried a stated number of times and then registered as 'unreadable', in its place in
 * the numbering, while the letters around it are registered as usual and every check ends.
 */
class QuarantineTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:00:00+07:00");

    private final FaultyReader reader = new FaultyReader();

    @Test
    void settlesLetterThatRunsOutOfMemoryAsUnreadableAfterThreeTriesAndRegistersTheNextOne() {
        startGateway(Map.of(), NOW, Map.of("letterReader", reader));
        mailServer.deliver(Letters.letter("ก่อน"), TUESDAY_MORNING);
        byte[] poison = FaultyReader.letter(FaultyReader.OUT_OF_MEMORY, "อ่านไม่ได้");
        mailServer.deliver(poison, TUESDAY_MORNING.plusMinutes(1));
        mailServer.deliver(Letters.letter("หลัง"), TUESDAY_MORNING.plusMinutes(2));

        MailboxCheck first = gateway.checkMailbox();
        MailboxCheck second = gateway.checkMailbox();

        assertThat(entries()).containsExactly("1 1 registered ก่อน", "2 2 unreadable null", "3 3 registered หลัง");
        Map<String, Object> unreadable = rows.single("SELECT raw_mime, raw_sha256, sender_address, problems"
                + " FROM incoming_register WHERE imap_uid = 2");
        assertThat((byte[]) unreadable.get("raw_mime")).isEqualTo(poison);
        assertThat(unreadable.get("raw_sha256")).isEqualTo(Letters.sha256(poison));
        assertThat(unreadable.get("sender_address")).isNull();
        assertThat(((String) unreadable.get("problems")).lines().toList()).containsSubsequence(
                "attempt 1: OutOfMemoryError: Java heap space", "attempt 2: OutOfMemoryError: Java heap space",
                "attempt 3: OutOfMemoryError: Java heap space");
        assertThat(reader.faultyReads).hasValue(3);
        assertThat(first.registered()).isEqualTo(3);
        assertThat(second.found()).isZero();
        assertThat(rows.query("SELECT outcome FROM mailbox_check ORDER BY id")).extracting(r -> r.get("outcome"))
                .containsExactly("ok", "ok");
        assertThat(rows.count("SELECT count(*) FROM letter_attempt")).isZero();
        assertThat(rows.single("SELECT d.decision, d.reason FROM acknowledgement_decision d"
                + " JOIN incoming_register e ON e.id = d.entry_id WHERE e.imap_uid = 2"))
                .containsEntry("decision", "not_sent")
                .containsEntry("reason", "the letter could not be read (status unreadable): it has no trustworthy sender");
    }

    /**
     * The batch after the one being registered is fetched and its reading started early; a letter
     * that kills its reading there is still tried three times, in its place, and settled the same way.
     */
    @Test
    void settlesPoisonInABatchReadWhileTheOneBeforeItIsRegistered() {
        startGateway(Map.of("saraban.check.batch-size", "2"), NOW, Map.of("letterReader", reader));
        mailServer.deliver(Letters.letter("หนึ่ง"), TUESDAY_MORNING);
        mailServer.deliver(Letters.letter("สอง"), TUESDAY_MORNING.plusMinutes(1));
        byte[] poison = FaultyReader.letter(FaultyReader.OUT_OF_MEMORY, "อ่านไม่ได้");
        mailServer.deliver(poison, TUESDAY_MORNING.plusMinutes(2));
        mailServer.deliver(Letters.letter("สี่"), TUESDAY_MORNING.plusMinutes(3));
        mailServer.deliver(Letters.letter("ห้า"), TUESDAY_MORNING.plusMinutes(4));

        MailboxCheck check = gateway.checkMailbox();

        assertThat(entries()).containsExactly("1 1 registered หนึ่ง", "2 2 registered สอง", "3 3 unreadable null",
                "4 4 registered สี่", "5 5 registered ห้า");
        assertThat((byte[]) rows.single("SELECT raw_mime FROM incoming_register WHERE imap_uid = 3").get("raw_mime"))
                .isEqualTo(poison);
        assertThat(((String) rows.single("SELECT problems FROM incoming_register WHERE imap_uid = 3").get("problems"))
                .lines().toList()).containsSubsequence("attempt 1: OutOfMemoryError: Java heap space",
                "attempt 2: OutOfMemoryError: Java heap space", "attempt 3: OutOfMemoryError: Java heap space");
        assertThat(reader.faultyReads).hasValue(3);
        assertThat(check.registered()).isEqualTo(5);
        assertThat(rows.count("SELECT count(*) FROM letter_attempt")).isZero();
        assertThat(rows.query("SELECT outcome FROM mailbox_check")).extracting(r -> r.get("outcome"))
                .containsExactly("ok");
    }

    @Test
    void settlesLetterThatHangsInABatchReadEarlyAndInterruptsEachTry() {
        startGateway(Map.of("saraban.read.time-limit-seconds", "1", "saraban.check.batch-size", "1"), NOW,
                Map.of("letterReader", reader));
        mailServer.deliver(Letters.letter("ก่อน"), TUESDAY_MORNING);
        mailServer.deliver(FaultyReader.letter(FaultyReader.HANG, "ค้าง"), TUESDAY_MORNING.plusMinutes(1));
        mailServer.deliver(Letters.letter("หลัง"), TUESDAY_MORNING.plusMinutes(2));

        gateway.checkMailbox();

        assertThat(entries()).containsExactly("1 1 registered ก่อน", "2 2 unreadable null", "3 3 registered หลัง");
        assertHangingLetterTriedThreeTimes(2);
    }

    @Test
    void settlesLetterThatHangsPastTheTimeLimitAndInterruptsEachTry() {
        startGateway(Map.of("saraban.read.time-limit-seconds", "1"), NOW, Map.of("letterReader", reader));
        mailServer.deliver(FaultyReader.letter(FaultyReader.HANG, "ค้าง"), TUESDAY_MORNING);
        mailServer.deliver(Letters.letter("หลัง"), TUESDAY_MORNING.plusMinutes(1));

        gateway.checkMailbox();

        assertThat(entries()).containsExactly("1 1 unreadable null", "2 2 registered หลัง");
        assertHangingLetterTriedThreeTimes(1);
    }

    /** Three tries, each interrupted at the time limit of 1 s, and a check that still ended well. */
    private void assertHangingLetterTriedThreeTimes(long uid) {
        assertThat(((String) rows.single("SELECT problems FROM incoming_register WHERE imap_uid = ?", uid)
                .get("problems")).lines().toList()).contains("attempt 3: reading took longer than the time limit"
                + " of 1 s (saraban.read.time-limit-seconds)");
        assertThat(reader.faultyReads).hasValue(3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(reader.interrupted).hasValue(3));
        assertThat(rows.query("SELECT outcome FROM mailbox_check")).extracting(r -> r.get("outcome"))
                .containsExactly("ok");
    }

    @Test
    void settlesAtOnceLetterWhoseReadingGoesOnAfterItIsInterrupted() {
        startGateway(Map.of("saraban.read.time-limit-seconds", "1"), NOW, Map.of("letterReader", reader));
        mailServer.deliver(FaultyReader.letter(FaultyReader.IGNORE_INTERRUPTS, "ไม่หยุด"), TUESDAY_MORNING);
        mailServer.deliver(Letters.letter("หลัง"), TUESDAY_MORNING.plusMinutes(1));

        try {
            gateway.checkMailbox();
        } finally {
            reader.release();
        }

        assertThat(entries()).containsExactly("1 1 unreadable null", "2 2 registered หลัง");
        assertThat((String) rows.single("SELECT problems FROM incoming_register WHERE imap_uid = 1").get("problems"))
                .contains("attempt 1: reading took longer than the time limit of 1 s (saraban.read.time-limit-seconds)"
                        + " and did not stop when interrupted")
                .contains("not tried again while that reading still runs");
        assertThat(reader.faultyReads).hasValue(1);
        assertThat(reader.interrupted).hasValue(1);
    }

    @Test
    void readsEachLetterADeadProcessLeftAloneAndSettlesOneWhoseTriesAreUsedUpWithoutReadingIt() throws Exception {
        byte[] poison = FaultyReader.letter(FaultyReader.OUT_OF_MEMORY, "ทำให้ล่ม");
        mailServer.deliver(Letters.letter("ร่วมชุดที่ล่ม"), TUESDAY_MORNING);
        mailServer.deliver(poison, TUESDAY_MORNING.plusMinutes(1));
        mailServer.deliver(Letters.letter("ใหม่ 1"), TUESDAY_MORNING.plusMinutes(2));
        mailServer.deliver(Letters.letter("ใหม่ 2"), TUESDAY_MORNING.plusMinutes(3));
        // what three killed processes leave behind: the batch of the first death, the poison's three tries
        leftBehindByDeadProcesses(1, 1);
        leftBehindByDeadProcesses(2, 3);
        // and a try under a UIDVALIDITY the server has since replaced: its UIDs mean nothing now
        leftBehindByDeadProcesses(mailServer.uidValidity() - 1, 7, 1);

        try (RecordingImapProxy wire = new RecordingImapProxy(mailServer.imapPort())) {
            startGateway(Map.of("saraban.imap.port", Integer.toString(wire.port())), NOW,
                    Map.of("letterReader", reader));

            gateway.checkMailbox();

            assertThat(wire.bodyFetches()).containsExactly("1", "2", "3,4");
        }
        assertThat(entries()).containsExactly("1 1 registered ร่วมชุดที่ล่ม", "2 2 unreadable null",
                "3 3 registered ใหม่ 1", "4 4 registered ใหม่ 2");
        assertThat(reader.faultyReads).hasValue(0);
        Map<String, Object> unreadable = rows.single("SELECT raw_mime, problems FROM incoming_register"
                + " WHERE imap_uid = 2");
        assertThat((byte[]) unreadable.get("raw_mime")).isEqualTo(poison);
        assertThat(((String) unreadable.get("problems")).lines().toList())
                .anySatisfy(line -> assertThat(line).contains("earlier tries used up: not read again"))
                .anySatisfy(line -> assertThat(line).startsWith("attempt 3: ended without an outcome"));
        assertThat(rows.count("SELECT count(*) FROM letter_attempt")).isZero();
    }

    @Test
    void registersServerFactsOnlyWhenEvenKeepingTheBytesNeverEnded() throws Exception {
        byte[] poison = FaultyReader.letter(FaultyReader.OUT_OF_MEMORY, "ใหญ่เกินไป");
        mailServer.deliver(poison, TUESDAY_MORNING);
        mailServer.deliver(Letters.letter("ปกติ"), TUESDAY_MORNING.plusMinutes(1));
        leftBehindByDeadProcesses(1, 4);

        try (RecordingImapProxy wire = new RecordingImapProxy(mailServer.imapPort())) {
            startGateway(Map.of("saraban.imap.port", Integer.toString(wire.port())), NOW,
                    Map.of("letterReader", reader));

            gateway.checkMailbox();

            assertThat(wire.bodyFetches()).containsExactly("2");
        }
        assertThat(entries()).containsExactly("1 1 unreadable null", "2 2 registered ปกติ");
        Map<String, Object> parked = rows.single("SELECT raw_mime, raw_sha256, raw_size, received_at, problems"
                + " FROM incoming_register WHERE imap_uid = 1");
        assertThat(parked.get("raw_mime")).isNull();
        assertThat(parked.get("raw_sha256")).isNull();
        // the server's RFC822.SIZE (GreenMail counts it differently from the bytes it was given)
        assertThat((Long) parked.get("raw_size")).isPositive();
        assertThat(((java.sql.Timestamp) parked.get("received_at")).toInstant()).isEqualTo(TUESDAY_MORNING.toInstant());
        assertThat((String) parked.get("problems")).contains("its content is still on the server")
                .contains("attempt 4: ended without an outcome");
        assertThat(reader.faultyReads).hasValue(0);
    }

    @Test
    void recordsCheckAsFailedWhenAStepThrowsAnErrorAndTheNextCheckRegistersTheLetter() throws Exception {
        startGateway(Map.of(), NOW);
        // the first mailbox's check route, from the template in routes/check-mailbox.camel.yaml
        AdviceWith.adviceWith(gateway.context(), "check-mailbox-central", route -> route
                .weaveByToString("^Bean.*incomingRegister.*register\\(.*").before().bean(new ErrorThrower(), "fail"));
        mailServer.deliver(Letters.letter("รอบสอง"), TUESDAY_MORNING);

        gateway.checkMailbox();

        Map<String, Object> failed = rows.single("SELECT outcome, error_text, finished_at FROM mailbox_check");
        assertThat(failed.get("outcome")).isEqualTo("failed");
        assertThat((String) failed.get("error_text")).isEqualTo("OutOfMemoryError: injected into a step");
        assertThat(failed.get("finished_at")).isNotNull();
        assertThat(rows.single("SELECT attempts, attempt_open, failures FROM letter_attempt"))
                .containsEntry("attempts", 1).containsEntry("attempt_open", false)
                .containsEntry("failures", "attempt 1: the check failed: OutOfMemoryError: injected into a step");

        gateway.close();
        startGateway(Map.of(), NOW);
        gateway.checkMailbox();

        assertThat(entries()).containsExactly("1 1 registered รอบสอง");
        assertThat(rows.query("SELECT outcome FROM mailbox_check ORDER BY id")).extracting(r -> r.get("outcome"))
                .containsExactly("failed", "ok");
        assertThat(rows.count("SELECT count(*) FROM letter_attempt")).isZero();
    }

    @Test
    void fetchesOnlyMailReceivedSinceTheStartDate() throws Exception {
        IntStream.range(0, 50).forEach(i -> mailServer.deliver(Letters.letter("เก่า " + i),
                OffsetDateTime.parse("2026-10-01T09:00:00+07:00").plusHours(i)));
        mailServer.deliver(Letters.letter("ใหม่ 1"), OffsetDateTime.parse("2026-11-01T00:00:00+07:00"));
        mailServer.deliver(Letters.letter("ใหม่ 2"), TUESDAY_MORNING);
        // an old letter copied in later (a migration): a higher UID, still before the start date
        mailServer.deliver(Letters.letter("เก่าย้ายมา"), OffsetDateTime.parse("2026-10-31T23:59:59+07:00"));

        try (RecordingImapProxy wire = new RecordingImapProxy(mailServer.imapPort())) {
            startGateway(Map.of("saraban.imap.port", Integer.toString(wire.port()),
                    "saraban.check.start-date", "2026-11-01"), NOW);

            MailboxCheck first = gateway.checkMailbox();
            MailboxCheck second = gateway.checkMailbox();

            assertThat(first.found()).isEqualTo(2);
            assertThat(second.found()).isZero();
            assertThat(wire.bodyFetches()).containsExactly("51,52");
        }
        assertThat(entries()).containsExactly("51 1 registered ใหม่ 1", "52 2 registered ใหม่ 2");
        assertThat(rows.single("SELECT last_seen_uid FROM mailbox_sync").get("last_seen_uid")).isEqualTo(53L);
    }

    @Test
    void closesTheRowOfACheckWhoseProcessDiedButNotOfOneStillRunning() throws Exception {
        long dead = runningCheckRow();
        long alive = runningCheckRow();
        try (Connection aliveSession = database.dataSource().getConnection();
             PreparedStatement lock = aliveSession.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, MailboxChecks.LIVE_CHECK_LOCKS);
            lock.setInt(2, (int) alive);
            lock.executeQuery().close();
            startGateway(Map.of(), NOW);

            gateway.checkMailbox();

            assertThat(rows.query("SELECT id, outcome FROM mailbox_check ORDER BY id"))
                    .extracting(r -> r.get("id") + " " + r.get("outcome"))
                    .containsExactly(dead + " failed", alive + " running", (alive + 1) + " ok");
        }
        assertThat((String) rows.single("SELECT error_text FROM mailbox_check WHERE id = ?", dead).get("error_text"))
                .startsWith("the gateway stopped during this check");
    }

    /** What a process killed in the middle of a check leaves: a 'running' row whose session is gone. */
    private long runningCheckRow() {
        return ((Number) rows.single("INSERT INTO mailbox_check (mailbox, started_at, outcome)"
                + " VALUES (?, now(), 'running') RETURNING id", TestMailServer.CENTRAL).get("id")).longValue();
    }

    /** Thrown by a bean step woven into the real route: Camel's own handling of an Error is under test. */
    public static final class ErrorThrower {
        public void fail() {
            throw new OutOfMemoryError("injected into a step");
        }
    }

    private List<String> entries() {
        return rows.query("SELECT imap_uid, register_no, status, subject FROM incoming_register ORDER BY imap_uid")
                .stream().map(r -> r.get("imap_uid") + " " + r.get("register_no") + " " + r.get("status") + " "
                        + r.get("subject")).toList();
    }

    /** The letter_attempt row a process leaves when it dies during its {@code attempts}-th try. */
    private void leftBehindByDeadProcesses(long uid, int attempts) throws SQLException {
        leftBehindByDeadProcesses(mailServer.uidValidity(), uid, attempts);
    }

    private void leftBehindByDeadProcesses(long uidValidity, long uid, int attempts) throws SQLException {
        try (Connection db = database.dataSource().getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO letter_attempt (mailbox, imap_uidvalidity,"
                     + " imap_uid, attempts, attempt_open, failures, first_attempt_at, last_attempt_at)"
                     + " VALUES (?, ?, ?, ?, true, ?, now(), now())")) {
            insert.setString(1, TestMailServer.CENTRAL);
            insert.setLong(2, uidValidity);
            insert.setLong(3, uid);
            insert.setInt(4, attempts);
            insert.setString(5, attempts == 1 ? null : String.join("\n", IntStream.range(1, attempts)
                    .mapToObj(i -> "attempt " + i + ": ended without an outcome (the gateway process stopped)")
                    .toList()));
            insert.executeUpdate();
        }
    }
}
