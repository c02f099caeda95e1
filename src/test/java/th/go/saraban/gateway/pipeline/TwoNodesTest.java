package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.cluster.ClusterSettings;

/**
 * Two gateway processes on one register database share one mailbox through the Quartz cluster: every
 * letter registered once with gapless numbers, every scheduled check run by one node and never two
 * at once; when the node in the middle of a check is killed with SIGKILL, the other takes its checks
 * over within the stated time and finishes its work, so the check log names both nodes. (With one
 * mailbox on a per-second cron the node that ran a check usually takes the next fire too: Quartz wakes
 * it the moment its job completes. Many mailboxes spread over the nodes: see bench/mailboxes.)
 */
class TwoNodesTest {

    private static final int LETTERS = 500;
    private static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-11-24T09:00:00+07:00");
    private static final int CHECKIN_SECONDS = 2;

    @Test
    void twoNodesShareOneMailboxAndTheSurvivorTakesOverAfterSigkill() throws Exception {
        try (TestMailServer mailServer = new TestMailServer()) {
            TestDatabase database = TestDatabase.fresh();
            Rows rows = new Rows(database.dataSource());
            Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
            settings.put("saraban.check.enabled", "true");
            settings.put("saraban.check.cron", "* * * * * ?");
            settings.put("saraban.check.batch-size", "2");
            settings.put("saraban.ack.enabled", "false");
            settings.put(ClusterSettings.CHECKIN, Integer.toString(CHECKIN_SECONDS));
            File log = new File("target/two-nodes-gateway.log");
            // two processes on one host with the same settings: a second node needs nothing else
            Process first = GatewayUnderTest.startProcess(settings, log, GatewayUnderTest.SHORT_LIVED);
            Process second = GatewayUnderTest.startProcess(settings, log, GatewayUnderTest.SHORT_LIVED);
            try {
                String firstNode = ClusterSettings.defaultNode(first.pid());
                String secondNode = ClusterSettings.defaultNode(second.pid());
                await().atMost(Duration.ofSeconds(180)).until(() ->
                        rows.count("SELECT count(*) FROM qrtz_scheduler_state") == 2);
                int delivered = 0;
                // letters arrive while both nodes check every second, a few before each check
                while (delivered < 300) {
                    long checks = rows.count("SELECT count(*) FROM mailbox_check");
                    for (int i = 0; i < 30; i++, delivered++) {
                        mailServer.deliver(Letters.letter("ทั้งสอง " + delivered), MORNING.plusSeconds(delivered));
                    }
                    await().atMost(Duration.ofSeconds(120)).until(() -> rows.count("SELECT count(*) FROM mailbox_check")
                            > checks + 1);
                }

                // the node in the middle of a check is killed
                for (int i = 0; i < 20; i++, delivered++) {
                    mailServer.deliver(Letters.letter("ทั้งสอง " + delivered), MORNING.plusSeconds(delivered));
                }
                String killed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> runningNode(rows), n -> n != null);
                Process victim = killed.equals(firstNode) ? first : second;
                victim.destroyForcibly().waitFor();
                String survivor = killed.equals(firstNode) ? secondNode : firstNode;
                Instant killedAt = Instant.now();
                while (delivered < LETTERS) {
                    mailServer.deliver(Letters.letter("ทั้งสอง " + delivered), MORNING.plusSeconds(delivered));
                    delivered++;
                }
                await().atMost(Duration.ofSeconds(90)).until(() ->
                        rows.count("SELECT count(*) FROM incoming_register") == LETTERS);

                assertThat(rows.count("SELECT count(DISTINCT imap_uid) FROM incoming_register")).isEqualTo(LETTERS);
                assertThat(rows.query("SELECT register_no FROM incoming_register ORDER BY imap_uid"))
                        .extracting(r -> r.get("register_no"))
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, LETTERS).boxed().toList());
                // never two checks of the mailbox at once, on one node or across both
                assertThat(rows.count("SELECT count(*) FROM mailbox_check a JOIN mailbox_check b ON a.id < b.id"
                        + " AND b.started_at < coalesce(a.finished_at, 'infinity')"
                        + " AND a.started_at < coalesce(b.finished_at, 'infinity')")).isZero();
                // the check log names both nodes; the killed node's last check is closed as failed by the
                // survivor, and only the survivor checks since
                assertThat(rows.query("SELECT DISTINCT node FROM mailbox_check ORDER BY node"))
                        .extracting(r -> r.get("node")).containsExactlyInAnyOrder(firstNode, secondNode);
                assertThat(rows.query("SELECT outcome FROM mailbox_check WHERE node = ? ORDER BY id DESC LIMIT 1",
                        killed)).extracting(r -> r.get("outcome")).containsExactly("failed");
                List<Map<String, Object>> after = rows.query("SELECT node, started_at FROM mailbox_check"
                        + " WHERE started_at > ? ORDER BY started_at", Timestamp.from(killedAt));
                assertThat(after).extracting(r -> r.get("node")).isNotEmpty().containsOnly(survivor);
                Duration takeover = Duration.between(killedAt, ((Timestamp) after.get(0).get("started_at")).toInstant());
                // the stated bound (2 check-ins and Quartz's 7.5 s grace) plus one fire of the cron, and 3 s for
                // the survivor's cluster-manager thread and the job's start on a machine shared with other builds
                Duration stated = new ClusterSettings(true, 10, Duration.ofSeconds(CHECKIN_SECONDS), "any").takeoverWithin()
                        .plusSeconds(1 + 3);
                System.out.printf("survivor %s took over %d ms after the SIGKILL (stated: within %d ms)%n", survivor,
                        takeover.toMillis(), stated.toMillis());
                assertThat(takeover).isLessThanOrEqualTo(stated);
            } finally {
                first.destroyForcibly().waitFor();
                second.destroyForcibly().waitFor();
            }
        }
    }

    private static String runningNode(Rows rows) {
        List<Map<String, Object>> running = rows.query("SELECT node FROM mailbox_check WHERE outcome = 'running'"
                + " ORDER BY id DESC LIMIT 1");
        return running.isEmpty() ? null : (String) running.get(0).get("node");
    }
}
