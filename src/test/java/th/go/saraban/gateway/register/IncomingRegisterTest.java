package th.go.saraban.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.calendar.BusinessHours;
import th.go.saraban.gateway.calendar.HolidayCalendar;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.mail.LetterAttempts;
import th.go.saraban.gateway.mail.LetterReader;
import th.go.saraban.gateway.mail.ReadLimits;
import th.go.saraban.gateway.mail.RawMessage;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.Rows;
import th.go.saraban.gateway.pipeline.TestDatabase;

/** The register's own promises, without a mail server: identity, numbering, concurrency. */
class IncomingRegisterTest {

    private static final String MAILBOX = "saraban@agency.go.th";
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);

    private IncomingRegister incomingRegister;
    private LetterIntake intake;
    private Rows rows;

    @BeforeEach
    void emptyRegister() {
        TestDatabase database = TestDatabase.fresh();
        incomingRegister = new IncomingRegister(database.dataSource(), NOW);
        ReceiptCalendar calendar = new ReceiptCalendar(BusinessHours.parse("MON-FRI 08:30-16:30"),
                HolidayCalendar.load(List.of(Path.of("config/holidays/th-government-holidays.csv"))), BANGKOK);
        intake = new LetterIntake(new LetterReader(ReadLimits.DEFAULTS)::read, calendar,
                new LetterAttempts(database.dataSource(), NOW, 3), Duration.ofSeconds(30));
        rows = new Rows(database.dataSource());
    }

    @Test
    void recognisesRegisteredMailAfterServerChangesUidValidity() throws Exception {
        List<RawMessage> before = messages(1, 3);
        incomingRegister.register(MAILBOX, 1001, null, read(before));
        List<RawMessage> renumbered = IntStream.range(0, 3).mapToObj(i -> new RawMessage(i + 1,
                before.get(i).internalDate(), before.get(i).size(), null, before.get(i).raw(), null)).toList();
        RawMessage newLetter = new RawMessage(4, Instant.parse("2026-11-24T05:00:00Z"), 10, null,
                Letters.letter("ใหม่หลังเปลี่ยน UIDVALIDITY"), null);

        int written = incomingRegister.register(MAILBOX, 2002, null,
                read(concat(renumbered, List.of(newLetter))));

        assertThat(written).isEqualTo(1);
        assertThat(rows.query("SELECT imap_uidvalidity, register_no FROM incoming_register ORDER BY register_no"))
                .extracting(r -> r.get("imap_uidvalidity") + "/" + r.get("register_no"))
                .containsExactly("1001/1", "1001/2", "1001/3", "2002/4");
    }

    @Test
    void recognisesParkedOversizeMailAfterServerChangesUidValidity() throws Exception {
        byte[] header = Letters.crlf("From: big@citizen.example\nMessage-ID: <big@citizen.example>\nSubject: ใหญ่\n\n");
        Instant arrived = Instant.parse("2026-11-24T03:00:00Z");
        incomingRegister.register(MAILBOX, 1001, null,
                read(List.of(new RawMessage(9, arrived, 80_000_000, null, null, header))));

        int written = incomingRegister.register(MAILBOX, 2002, null,
                read(List.of(new RawMessage(1, arrived, 80_000_000, null, null, header))));

        assertThat(written).isZero();
        assertThat(rows.single("SELECT status, register_no FROM incoming_register"))
                .containsEntry("status", "oversize").containsEntry("register_no", 1);
    }

    @Test
    void concurrentRegistrationsOfTheSameBatchWriteItOnce() {
        List<ReceivedLetter> batch = read(messages(1, 50));

        List<CompletableFuture<Integer>> writers = IntStream.range(0, 4).mapToObj(i ->
                CompletableFuture.supplyAsync(() -> {
                    try {
                        return incomingRegister.register(MAILBOX, 7, null, batch);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();

        assertThat(writers.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(50);
        assertThat(rows.query("SELECT register_no FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("register_no"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void numbersEachMailboxSeparately() throws Exception {
        incomingRegister.register(MAILBOX, 1, null, read(messages(1, 2)));

        incomingRegister.register("saraban@other.go.th", 1, null, read(messages(1, 1)));

        assertThat(rows.query("SELECT mailbox, register_no FROM incoming_register ORDER BY mailbox, register_no"))
                .extracting(r -> r.get("mailbox") + " " + r.get("register_no"))
                .containsExactly("saraban@agency.go.th 1", "saraban@agency.go.th 2", "saraban@other.go.th 1");
    }

    @Test
    void keepsNumberingFromCounterWhenEntriesOfTheYearAlreadyExist() throws Exception {
        incomingRegister.register(MAILBOX, 1, null, read(messages(1, 2)));

        incomingRegister.register(MAILBOX, 1, null, read(messages(3, 2)));

        assertThat(rows.single("SELECT last_no FROM register_counter WHERE mailbox = ? AND register_year = 2569",
                MAILBOX).get("last_no")).isEqualTo(4);
        assertThat(rows.query("SELECT register_no FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("register_no")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void registersLetterTheDatabaseRefusesFromRawBytesWithoutHoldingBackTheBatch() throws Exception {
        List<ReceivedLetter> batch = new java.util.ArrayList<>(read(messages(1, 3)));
        ReceivedLetter middle = batch.get(1);
        var unstorable = new th.go.saraban.gateway.mail.Letter("<x@citizen.example>", "far future",
                java.time.OffsetDateTime.parse("+999999-01-01T00:00:00Z"), "a@citizen.example", null, "s", "b",
                List.of(), List.of(), false, List.of(), List.of());
        batch.set(1, new ReceivedLetter(middle.message(), unstorable, middle.receivedAt(), middle.deemedReceivedAt(),
                middle.registerYear(), middle.rawSha256(), EntryStatus.REGISTERED, false));

        int written = incomingRegister.register(MAILBOX, 1, null, batch);

        assertThat(written).isEqualTo(3);
        assertThat(rows.query("SELECT register_no, status, raw_sha256, problems FROM incoming_register ORDER BY imap_uid"))
                .extracting(r -> r.get("register_no") + " " + r.get("status") + " "
                        + (r.get("problems") == null ? "-" : ((String) r.get("problems")).substring(0, 25)))
                .containsExactly("1 registered -", "2 needs_review database refused the pars",
                        "3 registered -");
        assertThat(rows.single("SELECT raw_sha256 FROM incoming_register WHERE register_no = 2").get("raw_sha256"))
                .isEqualTo(middle.rawSha256());
    }

    @Test
    void registersLetterWhoseMessageIdIsTooLongToIndex() throws Exception {
        StringBuilder incompressible = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        while (incompressible.length() < 10_000) {
            incompressible.append(Long.toHexString(random.nextLong()));
        }
        byte[] raw = Letters.crlf("From: a@citizen.example\nMessage-ID: <" + incompressible
                + "@citizen.example>\nSubject: long id\n\nbody\n");
        RawMessage message = new RawMessage(1, Instant.parse("2026-11-24T03:00:00Z"), raw.length, null, raw, null);

        int written = incomingRegister.register(MAILBOX, 1, null, read(List.of(message)));

        assertThat(written).isEqualTo(1);
        assertThat(rows.single("SELECT status, message_id, raw_sha256 FROM incoming_register"))
                .containsEntry("status", "needs_review").containsEntry("message_id", null)
                .containsEntry("raw_sha256", Letters.sha256(raw));
    }

    /** Each message read once, as the intake reads it in a check. */
    private List<ReceivedLetter> read(List<RawMessage> batch) {
        return batch.stream().map(intake::readNow).toList();
    }

    private static List<RawMessage> messages(int firstUid, int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            byte[] raw = Letters.letter("letter " + (firstUid + i));
            return new RawMessage(firstUid + i, OffsetDateTime.parse("2026-11-24T10:00:00+07:00")
                    .plusMinutes(firstUid + i).toInstant(), raw.length, null, raw, null);
        }).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
