package th.go.saraban.gateway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import th.go.saraban.gateway.mail.MailboxCheck;
import th.go.saraban.gateway.pipeline.GatewayUnderTest;

/**
 * The gateway side of the benchmark: the real gateway (routes from {@code routes/}, settings from
 * {@code config/} with its defaults for batches and limits) pointed at the benchmark's Dovecot and
 * PostgreSQL, exactly as the tests point it. One {@code direct:check-mailbox}, the route the schedule
 * runs, is timed until it returns with every letter registered; then the register is checked (every
 * letter once, numbers 1..n without a gap) and empty checks of the full mailbox are timed.
 *
 * <p>{@code java ... GatewayIngest <jdbc-url> <imap-port> <login> <password> <empty-checks>};
 * prints a {@code RESULT} line.
 */
public final class GatewayIngest {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("saraban.central-address", "saraban@localhost");
        settings.put("saraban.imap.host", "127.0.0.1");
        settings.put("saraban.imap.protocol", "imap");
        settings.put("saraban.imap.port", args[1]);
        settings.put("saraban.imap.username", args[2]);
        settings.put("saraban.imap.password", args[3]);
        settings.put("saraban.imap.starttls-required", "false");
        settings.put("saraban.db.url", url);
        settings.put("saraban.db.username", "postgres");
        // nothing is sent: acknowledgements are decided and queued, the outbox timer is off
        settings.put("saraban.smtp.host", "127.0.0.1");
        settings.put("saraban.smtp.protocol", "smtp");
        settings.put("saraban.smtp.starttls-required", "false");
        settings.put("saraban.check.enabled", "false");
        settings.put("saraban.outbox.enabled", "false");
        settings.put("camel.server.port", "0");
        settings.put("camel.management.port", "0");
        int emptyChecks = Integer.parseInt(args[4]);

        try (GatewayUnderTest gateway = GatewayUnderTest.start(settings, Clock.system(ZoneId.of("Asia/Bangkok")))) {
            Probe probe = new Probe();
            MailboxCheck check = gateway.checkMailbox();
            double seconds = probe.seconds();
            long letters;
            long bytes;
            long highest;
            String outcome;
            try (Connection db = DriverManager.getConnection(url, "postgres", "");
                 Statement select = db.createStatement();
                 ResultSet row = select.executeQuery("SELECT count(*), count(DISTINCT imap_uid),"
                         + " coalesce(sum(raw_size), 0), coalesce(max(register_no), 0),"
                         + " (SELECT outcome FROM mailbox_check WHERE id = " + check.id() + ")"
                         + " FROM incoming_register")) {
                row.next();
                letters = row.getLong(1);
                if (row.getLong(2) != letters) {
                    throw new IllegalStateException("a letter was registered twice: " + letters + " entries, "
                            + row.getLong(2) + " UIDs");
                }
                bytes = row.getLong(3);
                highest = row.getLong(4);
                outcome = row.getString(5);
            }
            if (highest != letters) {
                throw new IllegalStateException("numbers are not 1.." + letters + " (highest " + highest + ")");
            }
            String result = probe.result("gateway", letters, bytes, seconds, "check=" + outcome);
            probe.close();
            List<Double> empty = new ArrayList<>();
            for (int i = 0; i < emptyChecks; i++) {
                long start = System.nanoTime();
                MailboxCheck nothing = gateway.checkMailbox();
                empty.add((System.nanoTime() - start) / 1e6);
                if (nothing.found() != 0) {
                    throw new IllegalStateException("an empty check found " + nothing.found() + " letters");
                }
            }
            List<Double> sorted = empty.stream().sorted().toList();
            double median = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
            System.out.println(result + String.format(Locale.ROOT, " emptyCheckMedianMs=%.1f emptyChecksMs=%s",
                    median, empty.stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList()
                            .toString().replace(" ", "")));
        }
        // Camel's non-daemon threads must not keep the measured process alive
        System.exit(0);
    }
}
