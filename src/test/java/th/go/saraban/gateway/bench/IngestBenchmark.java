package th.go.saraban.gateway.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import th.go.saraban.gateway.pipeline.DovecotServer;

/**
 * Ingestion throughput of the gateway against a raw baseline, in one run on one machine (issue 11).
 * For each size mix: a private Dovecot seeded with the letters (written straight into its Maildir),
 * one embedded PostgreSQL with {@code synchronous_commit=on} and {@code fsync=on}, and then, for
 * each round, {@link RawIngest} and {@link GatewayIngest} each in a JVM of its own into a fresh
 * database, taking turns on who goes first (the machine is shared: what counts is the ratio of two
 * runs made side by side). Run through {@code bench/ingest}; see README, "Throughput benchmark".
 *
 * <p>Arguments: {@code --sizes 20k,1m,mix} {@code --scale 0.1} (fewer letters, for a quick run)
 * {@code --count N} (for every mix) {@code --rounds 2} {@code --empty-checks 11}
 * {@code --gateway-jvm "-Xmx256m"} {@code --raw-jvm "-Xmx2g"} {@code --profile} (a JFR recording of
 * each gateway run in {@code target/bench/}).
 */
public final class IngestBenchmark {

    private record Run(Map<String, String> figures, String load) {

        double rate() {
            return Double.parseDouble(figures.get("letters")) / Double.parseDouble(figures.get("seconds"));
        }

        double megabytesPerSecond() {
            return Double.parseDouble(figures.get("bytes")) / 1048576.0 / Double.parseDouble(figures.get("seconds"));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        List<String> sizes = List.of(options.getOrDefault("sizes", "20k,1m,mix").split(","));
        double scale = Double.parseDouble(options.getOrDefault("scale", "1"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        int emptyChecks = Integer.parseInt(options.getOrDefault("empty-checks", "11"));
        List<String> gatewayJvm = List.of(options.getOrDefault("gateway-jvm", "-Xmx256m -XX:+UseG1GC").split(" "));
        List<String> rawJvm = List.of(options.getOrDefault("raw-jvm", "-Xmx2g -XX:+UseG1GC").split(" "));
        boolean profile = options.containsKey("profile");
        Path out = Files.createDirectories(Path.of("target", "bench"));

        System.out.println("machine: " + machine());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("timezone", "Asia/Bangkok")
                .start()) {
            for (String size : sizes) {
                BenchLetters.Mix mix = BenchLetters.Mix.named(size);
                int count = options.containsKey("count") ? Integer.parseInt(options.get("count"))
                        : Math.max(1, (int) Math.round(mix.defaultCount * scale));
                try (DovecotServer dovecot = DovecotServer.start()) {
                    long seedStart = System.nanoTime();
                    long seeded = seed(dovecot, mix, count);
                    System.out.printf(Locale.ROOT, "%n== %s: %d letters, %.1f MB, seeded in %.1f s%n", size, count,
                            seeded / 1048576.0, (System.nanoTime() - seedStart) / 1e9);
                    List<Run> raw = new ArrayList<>();
                    List<Run> gateway = new ArrayList<>();
                    for (int round = 1; round <= rounds; round++) {
                        boolean rawFirst = round % 2 == 1;
                        for (int side = 0; side < 2; side++) {
                            boolean isRaw = (side == 0) == rawFirst;
                            String name = "bench_" + size.replaceAll("\\W", "") + "_" + round + (isRaw ? "_raw" : "_gw");
                            String url = database(postgres, name);
                            List<String> jvm = new ArrayList<>(isRaw ? rawJvm : gatewayJvm);
                            if (!isRaw && profile) {
                                jvm.add("-XX:StartFlightRecording=filename=" + out.resolve(name + ".jfr")
                                        + ",settings=profile");
                            }
                            List<String> command = new ArrayList<>();
                            command.add(isRaw ? RawIngest.class.getName() : GatewayIngest.class.getName());
                            command.addAll(List.of(url, Integer.toString(dovecot.imapPort()), DovecotServer.LOGIN,
                                    DovecotServer.PASSWORD));
                            if (!isRaw) {
                                command.add(Integer.toString(round == rounds ? emptyChecks : 0));
                            }
                            String load = load();
                            Map<String, String> figures = runChild(jvm, command, out.resolve(name + ".log").toFile());
                            Run run = new Run(figures, load);
                            (isRaw ? raw : gateway).add(run);
                            System.out.printf(Locale.ROOT, "round %d %-7s %7.0f letters/s %6.1f MB/s  %s letters in"
                                            + " %s s, heap peak %s MB, RSS peak %s MB, CPU %s s, load before %s%s%n",
                                    round, isRaw ? "raw" : "gateway", run.rate(), run.megabytesPerSecond(),
                                    figures.get("letters"), figures.get("seconds"), figures.get("heapPeakMB"),
                                    figures.get("rssPeakMB"), figures.get("cpuSeconds"), load,
                                    figures.containsKey("emptyCheckMedianMs")
                                            ? ", empty check median " + figures.get("emptyCheckMedianMs") + " ms "
                                            + figures.get("emptyChecksMs") : "");
                            if (Long.parseLong(figures.get("letters")) != count) {
                                throw new IllegalStateException(name + " registered " + figures.get("letters")
                                        + " of " + count + " letters; see " + out.resolve(name + ".log"));
                            }
                            if (!isRaw && profile) {
                                System.out.println("profile of " + name + " (" + out.resolve(name + ".jfr") + "):");
                                JfrTop.main(new String[] {out.resolve(name + ".jfr").toString(), "12"});
                            }
                            drop(postgres, name);
                        }
                    }
                    summary(size, count, raw, gateway);
                }
            }
        }
    }

    private static void summary(String size, int count, List<Run> raw, List<Run> gateway) {
        StringBuilder ratios = new StringBuilder();
        for (int i = 0; i < raw.size(); i++) {
            ratios.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                    gateway.get(i).rate() / raw.get(i).rate()));
        }
        double rawBest = raw.stream().mapToDouble(Run::rate).max().orElseThrow();
        double gatewayBest = gateway.stream().mapToDouble(Run::rate).max().orElseThrow();
        System.out.printf(Locale.ROOT, "SUMMARY %s x%d: raw best %.0f letters/s (%.1f MB/s), gateway best %.0f"
                        + " letters/s (%.1f MB/s), gateway/raw per round [%s], best/best %.2f; heap peak raw %s MB,"
                        + " gateway %s MB; RSS peak raw %s MB, gateway %s MB; empty check median %s ms%n",
                size, count, rawBest, raw.stream().mapToDouble(Run::megabytesPerSecond).max().orElseThrow(),
                gatewayBest, gateway.stream().mapToDouble(Run::megabytesPerSecond).max().orElseThrow(), ratios,
                gatewayBest / rawBest, max(raw, "heapPeakMB"), max(gateway, "heapPeakMB"), max(raw, "rssPeakMB"),
                max(gateway, "rssPeakMB"), gateway.get(gateway.size() - 1).figures().get("emptyCheckMedianMs"));
    }

    private static String max(List<Run> runs, String key) {
        return String.format(Locale.ROOT, "%.0f",
                runs.stream().mapToDouble(r -> Double.parseDouble(r.figures().get(key))).max().orElseThrow());
    }

    /**
     * Writes the letters into the Maildir as Dovecot would have delivered them ({@code S=} and
     * {@code W=} sizes in the name, the arrival time as the file's time, which Dovecot reports as
     * INTERNALDATE), then lets Dovecot index the folder and reads every file once, so that neither
     * side pays for a cold index or a cold page cache.
     */
    private static long seed(DovecotServer dovecot, BenchLetters.Mix mix, int count) throws Exception {
        Path maildir = dovecot.maildir(DovecotServer.LOGIN);
        Path cur = Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));
        Random random = new Random(11);
        // recent arrivals, one a second, so that acknowledgements are decided as for a live backlog
        long firstArrival = Instant.now().getEpochSecond() - count - 60;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            byte[] letter = BenchLetters.letter(mix, i, random);
            long arrival = firstArrival + i;
            Path file = cur.resolve(String.format(Locale.ROOT, "%d.M%06dP1.bench,S=%d,W=%d:2,", arrival, i,
                    letter.length, letter.length));
            Files.write(file, letter);
            Files.setLastModifiedTime(file, FileTime.from(arrival, TimeUnit.SECONDS));
            bytes += letter.length;
        }
        if ("root".equals(System.getProperty("user.name"))) {
            // Dovecot's mail processes run as its own user and write their index beside the mail
            UserPrincipalLookupService users = maildir.getFileSystem().getUserPrincipalLookupService();
            for (Path dir : List.of(maildir, cur, maildir.resolve("new"), maildir.resolve("tmp"))) {
                Files.setOwner(dir, users.lookupPrincipalByName("dovecot"));
                Files.getFileAttributeView(dir, PosixFileAttributeView.class)
                        .setGroup(users.lookupPrincipalByGroupName("dovecot"));
            }
        }
        try (var files = Files.list(cur)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.readAllBytes(file);
            }
        }
        Properties properties = new Properties();
        properties.setProperty("mail.imap.timeout", "300000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", dovecot.imapPort(), DovecotServer.LOGIN, DovecotServer.PASSWORD);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int messages = inbox.getMessageCount();
            if (messages != count) {
                throw new IllegalStateException("Dovecot sees " + messages + " of " + count + " letters");
            }
            inbox.doCommand(protocol -> protocol.command("UID FETCH 1:* (UID RFC822.SIZE INTERNALDATE FLAGS)", null));
            inbox.close(false);
        } finally {
            store.close();
        }
        return bytes;
    }

    private static String database(EmbeddedPostgres postgres, String name) throws Exception {
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement create = db.createStatement()) {
            create.execute("DROP DATABASE IF EXISTS " + name);
            create.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name + "?reWriteBatchedInserts=true";
    }

    private static void drop(EmbeddedPostgres postgres, String name) throws Exception {
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement drop = db.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name);
            drop.execute("CHECKPOINT");
        }
    }

    private static Map<String, String> runChild(List<String> jvmOptions, List<String> program, File log)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(program);
        List<String> arguments = program;
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command) + "; see " + log);
        }
        String result = Files.readAllLines(log.toPath()).stream().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RESULT from " + arguments.get(0) + " (exit "
                        + process.exitValue() + "); see " + log));
        Map<String, String> figures = new LinkedHashMap<>();
        for (String field : result.substring("RESULT ".length()).split(" ")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                figures.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return figures;
    }

    private static String load() throws IOException {
        String[] loadavg = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return loadavg[0] + " " + loadavg[1] + " " + loadavg[2];
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB, Java %s, load %s",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1048576.0,
                System.getProperty("java.version"), load());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String key = args[i].substring(2);
            if (key.equals("profile")) {
                options.put(key, "true");
            } else if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        return options;
    }
}
