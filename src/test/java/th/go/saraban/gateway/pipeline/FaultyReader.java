package th.go.saraban.gateway.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import th.go.saraban.gateway.mail.Letter;
import th.go.saraban.gateway.mail.LetterReader;
import th.go.saraban.gateway.register.LetterIntake;

/**
 * The real reader, except for a letter whose first header is {@code X-Test-Fault}: there it runs out
 * of memory ({@code out-of-memory}), hangs until it is interrupted ({@code hang}), or hangs until
 * the test releases it, whatever interrupts it ({@code ignore-interrupts}). Counts how
 * often it was asked to read such a letter, and how often a hang was interrupted.
 */
final class FaultyReader implements LetterIntake.Reader {

    static final String OUT_OF_MEMORY = "out-of-memory";
    static final String HANG = "hang";
    static final String IGNORE_INTERRUPTS = "ignore-interrupts";

    final AtomicInteger faultyReads = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private final LetterReader real = new LetterReader(th.go.saraban.gateway.mail.ReadLimits.DEFAULTS);

    /** An ordinary letter that makes this reader fail as {@code fault} says. */
    static byte[] letter(String fault, String subject) {
        byte[] marker = Letters.crlf("X-Test-Fault: " + fault + "\n");
        byte[] letter = Letters.letter(subject);
        byte[] raw = new byte[marker.length + letter.length];
        System.arraycopy(marker, 0, raw, 0, marker.length);
        System.arraycopy(letter, 0, raw, marker.length, letter.length);
        return raw;
    }

    @Override
    public Letter read(byte[] raw) {
        String start = new String(raw, 0, Math.min(raw.length, 40), StandardCharsets.ISO_8859_1);
        if (start.startsWith("X-Test-Fault: " + OUT_OF_MEMORY)) {
            faultyReads.incrementAndGet();
            throw new OutOfMemoryError("Java heap space");
        }
        if (start.startsWith("X-Test-Fault: " + HANG)) {
            faultyReads.incrementAndGet();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("reading was interrupted");
        }
        if (start.startsWith("X-Test-Fault: " + IGNORE_INTERRUPTS)) {
            faultyReads.incrementAndGet();
            while (released.getCount() > 0) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet(); // and carries on, as a tight loop in a parser would
                }
            }
            throw new IllegalStateException("released by the test");
        }
        return real.read(raw);
    }

    /** Lets a reading that ignores interrupts end, so no thread outlives its test. */
    void release() {
        released.countDown();
    }
}
