package th.go.saraban.gateway.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The problem lines of one read, which a person checks against the raw bytes. A limit is reported
 * once per letter however often it is met, naming the setting that moves it, so that a letter of a
 * million parts gets one line and not a million.
 */
final class ReadProblems {

    private static final int QUOTE_LIMIT = 200;

    private final List<String> lines = new ArrayList<>();
    private final Set<String> limitsReached = new HashSet<>();

    void add(String line) {
        lines.add(line);
    }

    /** Renders as {@code limit: <what> (<setting>); <consequence>}. */
    void limitReached(String setting, String what, String consequence) {
        if (limitsReached.add(setting)) {
            lines.add("limit: " + what + " (" + setting + "); " + consequence);
        }
    }

    /** The live list, for the decoders that append to a plain list. */
    List<String> lines() {
        return lines;
    }

    /**
     * Stops the read when its thread was interrupted: whoever runs the reader under a time limit
     * interrupts it, and whatever was read until then is still returned.
     */
    static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ReadingInterrupted();
        }
    }

    static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        return "'" + (value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value) + "'";
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Thrown out of every loop of the read once the thread is interrupted; caught by the reader only. */
    static final class ReadingInterrupted extends RuntimeException {
        ReadingInterrupted() {
            super("interrupted", null, false, false);
        }
    }
}
