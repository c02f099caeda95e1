package th.go.saraban.gateway.register;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.mail.Digests;
import th.go.saraban.gateway.mail.FailureText;
import th.go.saraban.gateway.mail.Letter;
import th.go.saraban.gateway.mail.LetterAttempt;
import th.go.saraban.gateway.mail.LetterAttempts;
import th.go.saraban.gateway.mail.MailboxCheck;
import th.go.saraban.gateway.mail.RawMessage;
import th.go.saraban.gateway.thai.BuddhistEra;

/**
 * Reads each fetched message and decides when it was legally received: the server's INTERNALDATE,
 * moved to the next business opening when it arrived outside business hours.
 *
 * <p>No letter may stop the mailbox. Bad mail is the reader's business (it never throws for it),
 * but a letter can still make reading throw, run out of memory or run for ever. So each letter is
 * read on a worker thread under a time limit; a try that throws (an {@code Error} included) or
 * overruns is written down in {@code letter_attempt} and tried again at once, and after the last
 * try the letter is registered as {@link EntryStatus#UNREADABLE} from its raw bytes, for a person,
 * and the mailbox moves on. The worker is interrupted when its time is up; a reading that does not
 * stop then is not tried again beside itself (the letter is settled at once), and it is never
 * waited for: the next letter gets a fresh thread.
 */
public final class LetterIntake {

    /** How the bytes of one letter become a {@link Letter}; must not throw for bad mail. */
    @FunctionalInterface
    public interface Reader {
        Letter read(byte[] raw);
    }

    private static final AtomicInteger WORKERS = new AtomicInteger();
    /** How long an interrupted reading has to stop before it counts as a runaway. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final Reader reader;
    private final ReceiptCalendar calendar;
    private final LetterAttempts attempts;
    private final Duration timeLimit;
    private final ExecutorService workers;

    public LetterIntake(Reader reader, ReceiptCalendar calendar, LetterAttempts attempts, Duration timeLimit) {
        this.reader = reader;
        this.calendar = calendar;
        this.attempts = attempts;
        this.timeLimit = timeLimit;
        // no queue: a letter never waits behind one that is still running past its limit
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                work -> {
                    Thread worker = new Thread(work, "letter-reader-" + WORKERS.incrementAndGet());
                    worker.setDaemon(true);
                    return worker;
                });
    }

    /**
     * Reads a fetched batch of a check; every letter comes back, read or settled as unreadable, in
     * the batch's order. The first try at each letter runs on as many workers as there are
     * processors, each letter under its own time limit from the moment its reading starts; a try
     * that fails is written down and tried again in the calling thread's turn, letter by letter as
     * before, so the tries and their order in {@code letter_attempt} do not depend on the workers.
     */
    public List<ReceivedLetter> read(MailboxCheck check, List<RawMessage> batch)
            throws SQLException, InterruptedException {
        ReadAhead early = readingAhead.remove(check);
        Map<Long, Reading> startedEarly = early == null ? Map.of() : early.takeOver(batch);
        List<ReceivedLetter> letters = new ArrayList<>(batch.size());
        List<Reading> started = new ArrayList<>(batch.size());
        int next = 0;
        try {
            for (int i = 0; i < batch.size(); i++) {
                while (next < batch.size() && next <= i + PARALLEL_READINGS - 1) {
                    Reading already = startedEarly.get(batch.get(next).uid());
                    started.add(already != null ? already : startFirstTry(check, batch.get(next)));
                    next++;
                }
                letters.add(read(check, batch.get(i), started.get(i)));
                started.set(i, null);
            }
        } finally {
            for (Reading reading : started) {
                if (reading != null) {
                    reading.future.cancel(true);
                }
            }
            startedEarly.values().forEach(reading -> reading.future.cancel(true));
        }
        readNextBatchEarly(check);
        return letters;
    }

    /** The reading ahead of each check that has one, until the check reads that batch or ends. */
    private final Map<MailboxCheck, ReadAhead> readingAhead = new ConcurrentHashMap<>();

    private final ExecutorService readersAhead = Executors.newCachedThreadPool(work -> {
        Thread reader = new Thread(work, "letter-read-ahead-" + WORKERS.incrementAndGet());
        reader.setDaemon(true);
        return reader;
    });

    /**
     * When the next batch is being fetched early, its first tries start as soon as it arrives, while
     * the route registers this batch: the database then works while the processors read. Those
     * letters were tried by no earlier check and their tries are already counted (committed before
     * their fetch), so a reading that kills the process leaves the same trace as one started later.
     * A try started early runs under the same time limit from its own start; whatever fails is
     * handled in the route's turn by {@link #read}, letter by letter as before.
     */
    private void readNextBatchEarly(MailboxCheck check) {
        Future<List<RawMessage>> fetching = check.nextBatchFetchedEarly();
        if (fetching == null) {
            return;
        }
        Map<Long, LetterAttempt> counted = check.attemptsAhead();
        ReadAhead ahead = new ReadAhead(fetching, uid -> counted.getOrDefault(uid, LetterAttempt.FIRST));
        readingAhead.put(check, ahead);
        check.whenClosed(this, () -> {
            ReadAhead left = readingAhead.remove(check);
            if (left != null) {
                left.abandon();
            }
        });
        readersAhead.execute(ahead::run);
    }

    /**
     * The first tries at the letters of a batch fetched early, started one per processor at a time in
     * UID order until the route takes the batch over ({@link #takeOver}) or the check ends.
     */
    private final class ReadAhead {
        private Future<List<RawMessage>> fetching;
        private final java.util.function.LongFunction<LetterAttempt> counted;
        private final Map<Long, Reading> started = new LinkedHashMap<>();
        private List<RawMessage> batch;
        private boolean over;

        ReadAhead(Future<List<RawMessage>> fetching, java.util.function.LongFunction<LetterAttempt> counted) {
            this.fetching = fetching;
            this.counted = counted;
        }

        void run() {
            List<RawMessage> fetched;
            Future<List<RawMessage>> fetch;
            synchronized (this) {
                fetch = fetching;
            }
            if (fetch == null) {
                return;
            }
            try {
                fetched = fetch.get();
            } catch (ExecutionException | java.util.concurrent.CancellationException failed) {
                return; // the route meets the same failure when it takes the batch
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            List<Reading> window = new ArrayList<>();
            for (RawMessage message : fetched) {
                Reading reading;
                synchronized (this) {
                    if (over) {
                        return;
                    }
                    if (batch == null) {
                        batch = fetched;
                    }
                    if (!attempts.mayRead(counted.apply(message.uid())) || message.isUnfetchable()) {
                        continue;
                    }
                    reading = start(message);
                    started.put(message.uid(), reading);
                }
                window.add(reading);
                if (window.size() >= PARALLEL_READINGS && !awaitEnd(window.remove(0))) {
                    return;
                }
            }
        }

        /** Waits until the reading ended or its time is up; false when this thread is to stop. */
        private boolean awaitEnd(Reading reading) {
            try {
                reading.ended().await(Math.max(0, reading.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
                return true;
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The readings started so far, when {@code expected} is the batch this one fetched; none are started after. */
        synchronized Map<Long, Reading> takeOver(List<RawMessage> expected) {
            Map<Long, Reading> taken = batch != null && sameLetters(batch, expected) ? new HashMap<>(started) : Map.of();
            if (taken.isEmpty()) {
                abandon();
            }
            forget();
            return taken;
        }

        /** The check ended without reading the batch: its readings are stopped and dropped. */
        synchronized void abandon() {
            started.values().forEach(reading -> reading.future().cancel(true));
            forget();
        }

        /** Nothing more is started, and the letters are no longer held here. */
        private void forget() {
            over = true;
            started.clear();
            batch = null;
            fetching = null;
        }

        private static boolean sameLetters(List<RawMessage> a, List<RawMessage> b) {
            return a.size() == b.size() && java.util.stream.IntStream.range(0, a.size())
                    .allMatch(i -> a.get(i).uid() == b.get(i).uid());
        }
    }

    /** As many letters are read at once as there are processors: the fetch and the database wait meanwhile. */
    private static final int PARALLEL_READINGS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** A reading started on a worker: its result, when it ended, and when its time is up. */
    private record Reading(Future<ReceivedLetter> future, CountDownLatch ended, long deadlineNanos) {
    }

    /** Starts the first try at a letter that is to be read now; null when it is settled without reading. */
    private Reading startFirstTry(MailboxCheck check, RawMessage message) {
        if (!attempts.mayRead(check.attemptOf(message.uid())) || message.isUnfetchable()) {
            return null;
        }
        return start(message);
    }

    private Reading start(RawMessage message) {
        CountDownLatch ended = new CountDownLatch(1);
        long deadline = System.nanoTime() + timeLimit.toNanos();
        Future<ReceivedLetter> reading = workers.submit(() -> {
            try {
                return readNow(message);
            } finally {
                ended.countDown();
            }
        });
        return new Reading(reading, ended, deadline);
    }

    private ReceivedLetter read(MailboxCheck check, RawMessage message, Reading firstTry)
            throws SQLException, InterruptedException {
        LetterAttempt attempt = check.attemptOf(message.uid());
        if (!attempts.mayRead(attempt)) {
            return unreadable(message, attempt.failures(), "earlier tries used up: not read again");
        }
        if (message.isUnfetchable()) {
            return unfetchable(message);
        }
        List<String> failures = new ArrayList<>(attempt.failures());
        Reading started = firstTry;
        while (true) {
            String failure;
            try {
                return awaitWithinLimit(started != null ? started : start(message));
            } catch (TimeoutException overran) {
                failure = "reading took longer than the time limit of " + timeLimit.toSeconds()
                        + " s (saraban.read.time-limit-seconds)";
            } catch (RunawayReading runaway) {
                // another try would only add a second runaway thread beside the first
                failure = "reading took longer than the time limit of " + timeLimit.toSeconds()
                        + " s (saraban.read.time-limit-seconds) and did not stop when interrupted";
                failures.add("attempt " + attempt.number() + ": " + failure);
                attempts.failed(check, message.uid(), failure);
                return unreadable(message, failures, "not tried again while that reading still runs");
            } catch (ExecutionException failed) {
                failure = FailureText.of(failed.getCause());
            }
            failures.add("attempt " + attempt.number() + ": " + failure);
            if (attempt.number() >= attempts.maxAttempts()) {
                attempts.failed(check, message.uid(), failure);
                return unreadable(message, failures, "registered without its parsed facts");
            }
            attempt = attempts.failedAndRetry(check, message.uid(), failure);
            started = null;
        }
    }

    private static ReceivedLetter awaitWithinLimit(Reading reading)
            throws TimeoutException, RunawayReading, ExecutionException, InterruptedException {
        try {
            return reading.future().get(Math.max(0, reading.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException overran) {
            reading.future().cancel(true);
            if (!reading.ended().await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RunawayReading();
            }
            throw overran;
        } catch (InterruptedException stopping) {
            reading.future().cancel(true);
            throw stopping;
        }
    }

    /** A reading past its time limit that went on after it was interrupted. */
    private static final class RunawayReading extends Exception {
        RunawayReading() {
            super(null, null, false, false);
        }
    }

    /** One try, in the calling thread, with no limit: the worker's task. */
    ReceivedLetter readNow(RawMessage message) {
        var receipt = calendar.deemedReceipt(message.internalDate());
        Instant deemed = receipt.at();
        int year = BuddhistEra.yearOf(deemed, calendar.zone());
        Letter letter = reader.read(message.oversize() ? message.header() : message.raw());
        EntryStatus status = message.oversize() ? EntryStatus.OVERSIZE
                : letter.needsReview() ? EntryStatus.NEEDS_REVIEW : EntryStatus.REGISTERED;
        return new ReceivedLetter(message, letter, message.internalDate(), deemed, year,
                message.oversize() ? null : Digests.sha256Hex(message.raw()), status, receipt.withoutHolidayData());
    }

    private ReceivedLetter unfetchable(RawMessage message) {
        return settled(message, EntryStatus.UNFETCHABLE, List.of("the mail server would not hand this message over: "
                + message.unfetchable() + "; its content is still on the server"));
    }

    /** Nothing read from the letter is trusted: its sender, subject and body stay empty. */
    private ReceivedLetter unreadable(RawMessage message, List<String> failures, String what) {
        List<String> problems = new ArrayList<>();
        String evidence = message.raw() != null ? "its raw bytes are kept for a person to read"
                : message.oversize() ? "it is over the size limit, its content is still on the server"
                : "its content is still on the server (" + message.unfetchable() + ")";
        problems.add("could not be read in " + attempts.maxAttempts() + " tries (saraban.read.max-attempts), "
                + what + ": " + evidence);
        problems.addAll(failures);
        return settled(message, EntryStatus.UNREADABLE, problems);
    }

    private ReceivedLetter settled(RawMessage message, EntryStatus status, List<String> problems) {
        var receipt = calendar.deemedReceipt(message.internalDate());
        Instant deemed = receipt.at();
        int year = BuddhistEra.yearOf(deemed, calendar.zone());
        Letter nothingRead = new Letter(null, null, null, null, null, null, null, List.of(), problems, false,
                List.of(), List.of());
        return new ReceivedLetter(message, nothingRead, message.internalDate(), deemed, year,
                message.raw() != null ? Digests.sha256Hex(message.raw()) : null, status, receipt.withoutHolidayData());
    }
}
