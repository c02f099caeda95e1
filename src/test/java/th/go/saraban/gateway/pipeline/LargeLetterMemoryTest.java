package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY: a letter at the 50 MB size limit is registered whole by a gateway with
 * {@code -Xmx256m}, in a process of its own, and the heap it needs above the idle gateway is
 * measured from that process's GC log: the idle figure is the heap left after a full collection
 * before the letter arrives, the peak is the most the heap held at any collection while the letter
 * was fetched, read and registered (garbage not yet collected included), and the retained peak is
 * the most left after any of those collections.
 */
class LargeLetterMemoryTest {

    private static final int ATTACHMENT_BYTES = 37_000_000;
    private static final Pattern GC_LINE = Pattern.compile(
            "GC\\((\\d+)\\) (.*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    @Test
    void registersFiftyMegabyteLetterWholeWithin256MegabytesOfHeap() throws Exception {
        byte[] attachment = new byte[ATTACHMENT_BYTES];
        new Random(50).nextBytes(attachment);
        byte[] letter = letterWith(attachment);
        Path gcLog = Path.of("target/large-letter-gc.log");
        Files.deleteIfExists(gcLog);
        try (TestMailServer mailServer = new TestMailServer()) {
            TestDatabase database = TestDatabase.fresh();
            Rows rows = new Rows(database.dataSource());
            Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
            settings.put("saraban.check.enabled", "true");
            settings.put("saraban.check.cron", "* * * * * ?");
            Process gateway = startGatewayProcess(settings, gcLog);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> !gateway.isAlive()
                        || rows.count("SELECT count(*) FROM mailbox_check WHERE outcome = 'ok'") > 0);
                fullCollection(gateway);
                List<Collection> beforeLetter = collections(gcLog);
                long idle = beforeLetter.get(beforeLetter.size() - 1).after();

                mailServer.deliver(letter, OffsetDateTime.parse("2026-11-24T09:00:00+07:00"));
                await().atMost(Duration.ofMinutes(4)).until(() -> !gateway.isAlive()
                        || rows.count("SELECT count(*) FROM incoming_register") > 0);
                fullCollection(gateway);

                List<Collection> all = collections(gcLog);
                List<Collection> withLetter = all.subList(beforeLetter.size(), all.size());
                long peak = withLetter.stream().mapToLong(Collection::before).max().orElse(idle);
                long retained = withLetter.subList(0, withLetter.size() - 1).stream().mapToLong(Collection::after)
                        .max().orElse(idle);
                System.out.printf("50 MB letter (%d bytes) at -Xmx" + System.getProperty("saraban.test.large-letter-heap",
                                "256m") + ": idle %d MB, peak %d MB (+%d MB),"
                                + " most retained after a collection %d MB (+%d MB), %d collections%n",
                        letter.length, idle >> 20, peak >> 20, (peak - idle) >> 20, retained >> 20,
                        (retained - idle) >> 20, withLetter.size());

                Map<String, Object> entry = rows.single("SELECT id, raw_size, raw_sha256, status, length(raw_mime)"
                        + " AS stored FROM incoming_register");
                assertThat(entry.get("status")).isEqualTo("registered");
                assertThat(entry.get("raw_size")).isEqualTo((long) letter.length);
                assertThat(((Number) entry.get("stored")).longValue()).isEqualTo(letter.length);
                assertThat(entry.get("raw_sha256")).isEqualTo(Letters.sha256(letter));
                assertThat(rows.single("SELECT size, sha256, length(content) AS stored FROM incoming_attachment"
                        + " WHERE entry_id = ?", entry.get("id")))
                        .containsEntry("size", (long) ATTACHMENT_BYTES)
                        .containsEntry("sha256", Letters.sha256(attachment))
                        .containsEntry("stored", ATTACHMENT_BYTES);
                assertThat(gateway.isAlive()).as("the gateway is still up").isTrue();
                assertThat(retained - idle).as("heap retained above the idle gateway").isLessThan(128L << 20);
            } finally {
                gateway.destroyForcibly().waitFor();
            }
        }
    }

    private static byte[] letterWith(byte[] attachment) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(attachment.length * 14 / 10);
        raw.writeBytes(Letters.crlf("From: Somchai <somchai@citizen.example>\n"
                + "To: " + TestMailServer.CENTRAL + "\n"
                + "Subject: scanned records\n"
                + "Message-ID: <large.1@citizen.example>\n"
                + "Date: Tue, 24 Nov 2026 08:58:00 +0700\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
                + "--b1\nContent-Type: text/plain; charset=UTF-8\n\nเอกสารสแกนตามแนบ\n"
                + "--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"records.pdf\"\n\n"));
        raw.writeBytes(Base64.getMimeEncoder().encode(attachment));
        raw.writeBytes("\r\n--b1--\r\n".getBytes(StandardCharsets.US_ASCII));
        return raw.toByteArray();
    }

    private static Process startGatewayProcess(Map<String, String> settings, Path gcLog) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + System.getProperty("saraban.test.large-letter-heap", "256m"));
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("th.go.saraban.gateway.App");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/large-letter-gateway.log")))
                .start();
    }

    /** Runs a full collection in the gateway, as an operator's {@code jcmd <pid> GC.run} would. */
    private static void fullCollection(Process gateway) throws Exception {
        Path gcLog = Path.of("target/large-letter-gc.log");
        long fullBefore = collections(gcLog).stream().filter(Collection::full).count();
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(gateway.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(jcmd.waitFor()).isZero();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> collections(gcLog).stream().filter(Collection::full).count() > fullBefore);
    }

    /** One collection of the GC log: heap before and after, in bytes. */
    private record Collection(long before, long after, boolean full) {
    }

    private static List<Collection> collections(Path gcLog) throws IOException {
        List<Collection> collections = new ArrayList<>();
        if (!Files.exists(gcLog)) {
            return collections;
        }
        for (String line : Files.readAllLines(gcLog)) {
            Matcher gc = GC_LINE.matcher(line);
            // Remark and Cleanup pauses free nothing; only collections say what was left
            if (gc.find() && (line.contains("Pause Young") || line.contains("Pause Full"))) {
                collections.add(new Collection(bytes(gc.group(3), gc.group(4)), bytes(gc.group(5), gc.group(6)),
                        line.contains("Pause Full")));
            }
        }
        return collections;
    }

    private static long bytes(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
