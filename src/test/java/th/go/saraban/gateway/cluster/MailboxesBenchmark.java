package th.go.saraban.gateway.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import th.go.saraban.gateway.pipeline.DovecotServer;
import th.go.saraban.gateway.pipeline.GatewayUnderTest;
import th.go.saraban.gateway.pipeline.TestDatabase;

/**
 * Scale figures for issue 9 (not a test): one private Dovecot holding N mailboxes (Dovecot users),
 * two gateway processes on one PostgreSQL, every mailbox checked every minute through the Quartz
 * cluster. Over whole minutes it counts each mailbox's checks per minute (none skipped, none twice),
 * and measures what an idle check costs: CPU time of the gateway processes, database transactions,
 * and how long it takes; from these, how many mailboxes one node serves at a 1- and 5-minute
 * schedule. Run by {@code bench/mailboxes}; arguments: mailboxes (200), minutes (3).
 */
public final class MailboxesBenchmark {

    public static void main(String[] args) throws Exception {
        int mailboxes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        try (DovecotServer dovecot = DovecotServer.start()) {
            TestDatabase database = TestDatabase.fresh();
            Flyway.configure().dataSource(database.dataSource()).load().migrate();
            Map<String, String> settings = GatewayUnderTest.settingsFor(dovecot, database);
            List<String> names = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            names.add("central");
            addresses.add(settings.get("saraban.central-address"));
            for (int i = 2; i <= mailboxes; i++) {
                String name = String.format("m%04d", i);
                names.add(name);
                addresses.add(name + "@agency.go.th");
                dovecot.addUser(name + "@localhost", DovecotServer.PASSWORD);
                settings.put("saraban.mailbox." + name + ".central-address", name + "@agency.go.th");
                settings.put("saraban.mailbox." + name + ".imap.username", name + "@localhost");
                settings.put("saraban.mailbox." + name + ".imap.password", DovecotServer.PASSWORD);
            }
            settings.put("saraban.mailboxes", String.join(",", names));
            settings.put("saraban.check.enabled", "true");
            settings.put("saraban.check.cron", "0 * * * * ?");
            settings.put("saraban.check.parallel", Integer.toString(parallel));
            settings.put("saraban.imap.timeout-seconds", "20");
            Files.createDirectories(Path.of("target/bench"));
            List<Process> nodes = new ArrayList<>();
            try {
                for (int n = 1; n <= 2; n++) {
                    Map<String, String> node = new LinkedHashMap<>(settings);
                    node.put(ClusterSettings.NODE, "bench-node-" + n);
                    nodes.add(GatewayUnderTest.startProcess(node, new File("target/bench/mailboxes-node-" + n + ".log"),
                            "-Xmx512m"));
                }
                DataSource db = database.dataSource();
                System.out.printf("%d mailboxes on one Dovecot, 2 gateway nodes (pids %d, %d), cron '0 * * * * ?',"
                        + " saraban.check.parallel=%d, %d measured minutes%n", mailboxes, nodes.get(0).pid(),
                        nodes.get(1).pid(), parallel, minutes);
                long started = System.nanoTime();
                while (count(db, "SELECT count(*) FROM qrtz_scheduler_state") < 2 || count(db,
                        "SELECT count(*) FROM qrtz_cron_triggers WHERE trigger_group = 'saraban-mailbox'") < mailboxes) {
                    requireAlive(nodes);
                    Thread.sleep(1000);
                }
                System.out.printf("both nodes in the cluster after %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
                // the window holds the fires of `minutes` whole minutes: Quartz never fires early, so a check of
                // the fire at minute m starts in [m, m + 60 s) unless it is more than a minute late
                Instant firstMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(2, ChronoUnit.MINUTES);
                Instant from = firstMinute.minusSeconds(1);
                Instant to = firstMinute.plus(minutes, ChronoUnit.MINUTES).minusSeconds(1);
                sleepUntil(from, nodes);
                Sample before = Sample.take(db, nodes);
                sleepUntil(to, nodes);
                Sample after = Sample.take(db, nodes);
                report(db, names, addresses, nodes, firstMinute, minutes, before, after, parallel);
            } finally {
                for (Process node : nodes) {
                    node.destroy();
                }
                for (Process node : nodes) {
                    node.waitFor();
                }
            }
        }
        System.exit(0);
    }

    private record Sample(Instant at, List<Duration> cpu, long transactions) {
        static Sample take(DataSource db, List<Process> nodes) throws SQLException {
            List<Duration> cpu = nodes.stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).toList();
            long transactions;
            try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet row = statement.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
                        + " WHERE datname = current_database()")) {
                    row.next();
                    transactions = row.getLong(1);
                }
            }
            return new Sample(Instant.now(), cpu, transactions);
        }
    }

    private static void report(DataSource db, List<String> names, List<String> addresses, List<Process> nodes, Instant firstMinute, int minutes,
                               Sample before, Sample after, int parallel) throws SQLException {
        Timestamp from = Timestamp.from(firstMinute.minusSeconds(1));
        Timestamp to = Timestamp.from(firstMinute.plus(minutes, ChronoUnit.MINUTES).minusSeconds(1));
        long expected = (long) names.size() * minutes;
        // checks of each mailbox in each measured minute
        Map<Integer, Long> perMailboxMinute = new LinkedHashMap<>();
        try (Connection connection = db.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT n, count(*) FROM (SELECT count(c.id) AS n"
                     + " FROM generate_series(?::timestamptz, ?::timestamptz, interval '1 minute') AS minute(at)"
                     + " CROSS JOIN unnest(?::text[]) AS m(name)"
                     + " LEFT JOIN mailbox_check c ON c.mailbox = m.name AND c.started_at >= minute.at - interval '1 second'"
                     + " AND c.started_at < minute.at + interval '59 seconds' GROUP BY minute.at, m.name) AS cells"
                     + " GROUP BY n ORDER BY n")) {
            select.setTimestamp(1, Timestamp.from(firstMinute));
            select.setTimestamp(2, Timestamp.from(firstMinute.plus(minutes - 1, ChronoUnit.MINUTES)));
            select.setArray(3, connection.createArrayOf("text", addresses.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    perMailboxMinute.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        long mailboxRows = count(db, "SELECT count(DISTINCT mailbox) FROM mailbox_check");
        Map<String, Long> byNode = new LinkedHashMap<>();
        try (Connection connection = db.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT node, count(*) FROM mailbox_check"
                     + " WHERE started_at >= ? AND started_at < ? GROUP BY node ORDER BY node")) {
            select.setTimestamp(1, from);
            select.setTimestamp(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byNode.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        long checks = byNode.values().stream().mapToLong(Long::longValue).sum();
        String timing;
        double meanSeconds;
        try (Connection connection = db.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT"
                     + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)),"
                     + " percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)),"
                     + " max(extract(epoch FROM started_at - date_trunc('minute', started_at + interval '1 second'))),"
                     + " count(*) FILTER (WHERE outcome <> 'ok'),"
                     + " avg(extract(epoch FROM finished_at - started_at))"
                     + " FROM mailbox_check WHERE started_at >= ? AND started_at < ?")) {
            select.setTimestamp(1, from);
            select.setTimestamp(2, to);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                meanSeconds = row.getDouble(5);
                timing = String.format("check duration mean %.0f ms, median %.0f ms, p99 %.0f ms; latest start %.1f s"
                        + " after its minute; checks not ok: %d", meanSeconds * 1000, row.getDouble(1) * 1000,
                        row.getDouble(2) * 1000, row.getDouble(3), row.getLong(4));
            }
        }
        Duration cpu = Duration.ZERO;
        for (int i = 0; i < nodes.size(); i++) {
            cpu = cpu.plus(after.cpu().get(i).minus(before.cpu().get(i)));
        }
        double cpuPerCheckMs = checks == 0 ? Double.NaN : cpu.toNanos() / 1e6 / checks;
        double transactionsPerCheck = checks == 0 ? Double.NaN : (after.transactions() - before.transactions())
                / (double) checks;
        System.out.printf("mailboxes with checks in the check log: %d of %d%n", mailboxRows, names.size());
        System.out.printf("checks per mailbox per minute over %d minutes (%d mailbox-minutes): %s"
                + "  [1 = as scheduled, 0 = skipped, 2+ = twice]%n", minutes, expected, perMailboxMinute);
        System.out.printf("checks by node: %s%n", byNode);
        System.out.println(timing);
        System.out.printf("CPU of both gateway processes over the window: %d ms for %d checks = %.1f ms per idle check"
                + " (inbox and sent folder, Quartz and everything else the process did included)%n",
                cpu.toMillis(), checks, cpuPerCheckMs);
        System.out.printf("database transactions per idle check: %.1f (pg_stat_database, Quartz's own included)%n",
                transactionsPerCheck);
        for (Process node : nodes) {
            System.out.printf("node pid %d resident memory: %s%n", node.pid(), rss(node.pid()));
        }
        double perCoreMinute = 60_000 / cpuPerCheckMs;
        double byThreads = parallel * 60 / Math.max(meanSeconds, 0.001);
        System.out.printf("one node, one core: %.0f idle checks per minute by CPU; by its %d threads at the mean"
                + " check duration: %.0f per minute%n", perCoreMinute, parallel, byThreads);
        double oneMinute = Math.min(perCoreMinute, byThreads);
        System.out.printf("=> mailboxes one node (one core, saraban.check.parallel=%d) serves: about %.0f at a 1-minute"
                + " schedule, %.0f at a 5-minute schedule%n", parallel, oneMinute, oneMinute * 5);
        System.out.printf("   saraban.check.parallel for 1,000 mailboxes: %.0f at a 1-minute schedule, %.0f at a"
                + " 5-minute schedule (at this mean duration; CPU: %.2f and %.2f cores)%n",
                Math.ceil(1000 * meanSeconds / 60), Math.ceil(1000 * meanSeconds / 300), 1000 / perCoreMinute,
                1000 / perCoreMinute / 5);
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static long count(DataSource db, String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            if (e.getMessage().contains("does not exist")) {
                return 0;
            }
            throw e;
        }
    }

    private static void sleepUntil(Instant when, List<Process> nodes) throws InterruptedException {
        while (Instant.now().isBefore(when)) {
            requireAlive(nodes);
            Thread.sleep(Math.min(1000, Math.max(1, Duration.between(Instant.now(), when).toMillis())));
        }
    }

    private static void requireAlive(List<Process> nodes) {
        for (Process node : nodes) {
            if (!node.isAlive()) {
                throw new IllegalStateException("gateway node " + node.pid() + " exited with " + node.exitValue()
                        + ": see target/bench/mailboxes-node-*.log");
            }
        }
    }
}
