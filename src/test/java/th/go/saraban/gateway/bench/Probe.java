package th.go.saraban.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What one side of the benchmark (raw loop or gateway) reports from inside its own JVM: the heap in
 * use sampled every 5 ms while the work runs (garbage not yet collected included: what the process
 * needs room for), the process's peak resident memory, and the CPU time it used. Printed as one
 * {@code RESULT} line that {@link IngestBenchmark} reads.
 */
final class Probe implements AutoCloseable {

    private final Thread sampler;
    private final long startNanos = System.nanoTime();
    private final long startCpu = cpuNanos();
    private volatile boolean running = true;
    private volatile long heapPeak;

    Probe() {
        sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** One line: kind, letters, bytes, seconds, heap and RSS peaks in MB, CPU seconds, extra fields. */
    String result(String kind, long letters, long bytes, double seconds, String extra) {
        return String.format(Locale.ROOT, "RESULT kind=%s letters=%d bytes=%d seconds=%.3f heapPeakMB=%.1f"
                        + " rssPeakMB=%.1f cpuSeconds=%.2f %s", kind, letters, bytes, seconds, heapPeak / 1048576.0,
                rssPeakKb() / 1024.0, (cpuNanos() - startCpu) / 1e9, extra);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** VmHWM: the most resident memory this process ever had, start-up included. */
    private static long rssPeakKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux: no figure
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
