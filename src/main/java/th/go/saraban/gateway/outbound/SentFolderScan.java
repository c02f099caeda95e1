package th.go.saraban.gateway.outbound;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import th.go.saraban.gateway.mail.MailboxConnection;
import th.go.saraban.gateway.mail.UidAndSize;

/**
 * One run over the central mailbox's sent folder, from opening it to the last batch. The
 * register-sent-mail route carries it from step to step; it is not shared between runs.
 */
public final class SentFolderScan {

    private final String mailbox;
    private final String folder;
    private final Instant startedAt;
    private final Deque<List<UidAndSize>> batches = new ArrayDeque<>();
    private final Map<Integer, List<Integer>> registeredNumbers = new TreeMap<>();
    private MailboxConnection connection;
    private long uidValidity;
    private boolean folderMissing;
    private int found;
    private String failure;

    SentFolderScan(String mailbox, String folder, Instant startedAt) {
        this.mailbox = mailbox;
        this.folder = folder;
        this.startedAt = startedAt;
    }

    public String mailbox() {
        return mailbox;
    }

    public String folder() {
        return folder;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long uidValidity() {
        return uidValidity;
    }

    /** True when the mailbox has no such folder: nothing to read, and nothing wrong. */
    public boolean folderMissing() {
        return folderMissing;
    }

    /** Messages above the read position when the run began. */
    public int found() {
        return found;
    }

    /** Entries this run wrote in the sending register. */
    public int registered() {
        return registeredNumbers.values().stream().mapToInt(List::size).sum();
    }

    /** Why the run stopped early, or null when it read everything it found. */
    public String failure() {
        return failure;
    }

    /** Read by the route's loop. */
    public boolean hasNextBatch() {
        return !batches.isEmpty();
    }

    /** The numbers this run issued, as an officer would quote them: {@code 2569/12-13,15}. */
    public String registeredNumbers() {
        List<String> years = new ArrayList<>();
        registeredNumbers.forEach((year, numbers) -> years.add(year + "/" + ranges(numbers)));
        return String.join(", ", years);
    }

    void countRegistered(int registerYear, int registerNo) {
        registeredNumbers.computeIfAbsent(registerYear, y -> new ArrayList<>()).add(registerNo);
    }

    void failed(String why) {
        failure = why;
    }

    void markFolderMissing() {
        folderMissing = true;
    }

    void connected(MailboxConnection connection, long uidValidity) {
        this.connection = connection;
        this.uidValidity = uidValidity;
    }

    MailboxConnection connection() {
        if (connection == null) {
            throw new IllegalStateException(this + " is not connected");
        }
        return connection;
    }

    void planned(List<List<UidAndSize>> plan, int newMessages) {
        batches.addAll(plan);
        found = newMessages;
    }

    List<UidAndSize> takeBatch() {
        return batches.removeFirst();
    }

    void disconnect() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private static String ranges(List<Integer> numbers) {
        List<Integer> sorted = numbers.stream().sorted().toList();
        List<String> parts = new ArrayList<>();
        int start = sorted.get(0);
        int previous = start;
        for (int n : sorted.subList(1, sorted.size())) {
            if (n != previous + 1) {
                parts.add(start == previous ? Integer.toString(start) : start + "-" + previous);
                start = n;
            }
            previous = n;
        }
        parts.add(start == previous ? Integer.toString(start) : start + "-" + previous);
        return String.join(",", parts);
    }

    @Override
    public String toString() {
        return "folder " + folder + " of " + mailbox;
    }
}
