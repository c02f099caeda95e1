package th.go.saraban.gateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top items of a JFR recording of a gateway run ({@code bench/ingest --profile}): CPU samples by
 * the method on top of the stack, by the first method of the gateway's own code on the stack, and by
 * thread; and the time threads spent waiting on sockets (IMAP and PostgreSQL), by thread.
 *
 * <p>{@code java ... JfrTop <recording.jfr> [how many]}
 */
public final class JfrTop {

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Duration> socketWait = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
                String first = "(no gateway frame)";
                for (RecordedFrame frame : stack.getFrames()) {
                    if (frame.getMethod().getType().getName().startsWith("th.go.saraban")) {
                        first = name(frame);
                        break;
                    }
                }
                ours.merge(first, 1, Integer::sum);
                threads.merge(threadName(event), 1, Integer::sum);
            } else if (type.equals("jdk.SocketRead") || type.equals("jdk.SocketWrite")) {
                socketWait.merge(threadName(event) + " " + type.substring(4), event.getDuration(), Duration::plus);
            }
        }
        System.out.println(samples + " CPU samples");
        print("self (top of stack)", self, samples, top);
        print("first gateway method on the stack", ours, samples, top);
        print("thread", threads, samples, top);
        System.out.println("-- socket waits over the threshold, by thread");
        socketWait.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%8.1f s  %s%n", e.getValue().toMillis() / 1000.0, e.getKey()));
    }

    private static String threadName(RecordedEvent event) {
        var thread = event.getThread();
        String name = thread == null ? "?" : thread.getJavaName();
        // numbered workers count as one
        return name == null ? "?" : name.replaceAll("-\\d+$", "-N").replaceAll("#\\d+", "#N");
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.', type.lastIndexOf('.') - 1) + 1) + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("-- " + title);
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top).toList();
        for (Map.Entry<String, Integer> entry : sorted) {
            System.out.printf("%5.1f%%  %s%n", 100.0 * entry.getValue() / samples, entry.getKey());
        }
    }
}
