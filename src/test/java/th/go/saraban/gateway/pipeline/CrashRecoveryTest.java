package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY #4: the gateway is killed with SIGKILL at random moments while it works through a
 * backlog, in a process of its own, and started again. Afterwards every message is registered
 * exactly once and the numbers run 1..n without a gap.
 */
class CrashRecoveryTest {

    private static final int LETTERS = 300;

    @Test
    void killedRepeatedlyWhileRegisteringLeavesEveryMessageExactlyOnce() throws Exception {
        try (TestMailServer mailServer = new TestMailServer()) {
            TestDatabase database = TestDatabase.fresh();
            Rows rows = new Rows(database.dataSource());
            IntStream.range(0, LETTERS).forEach(i -> mailServer.deliver(Letters.letter("crash " + i),
                    OffsetDateTime.parse("2026-11-24T09:00:00+07:00").plusSeconds(i)));
            Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
            settings.put("saraban.check.enabled", "true");
            settings.put("saraban.check.cron", "* * * * * ?");
            settings.put("saraban.check.batch-size", "3");
            // one node restarted again and again: a fixed node name recovers its unfinished check at once
            settings.put("saraban.cluster.node", "crash-test-node");
            Random random = new Random(20261125L);

            int kills = 0;
            while (kills < 4 && registered(rows) < LETTERS) {
                Process gateway = startGatewayProcess(settings);
                long before = registered(rows);
                await().atMost(Duration.ofSeconds(60)).until(() -> registered(rows) > before || !gateway.isAlive());
                Thread.sleep(random.nextInt(150));
                gateway.destroyForcibly().waitFor();
                kills++;
                System.out.printf("killed gateway %d with %d of %d letters registered%n", kills, registered(rows),
                        LETTERS);
            }
            Process last = startGatewayProcess(settings);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> registered(rows) == LETTERS);
            } finally {
                last.destroyForcibly().waitFor();
            }

            assertThat(kills).isGreaterThanOrEqualTo(3);
            assertThat(rows.count("SELECT count(DISTINCT imap_uid) FROM incoming_register")).isEqualTo(LETTERS);
            assertThat(rows.query("SELECT register_no FROM incoming_register ORDER BY imap_uid"))
                    .extracting(r -> r.get("register_no"))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, LETTERS).boxed().toList());
            assertThat(rows.single("SELECT last_no FROM register_counter").get("last_no")).isEqualTo(LETTERS);
        }
    }

    /**
     * A letter that kills the process each time it is read: its batch is lost with the process, the
     * next process reads each letter of that batch alone, and after three deaths on it the letter is
     * registered as 'unreadable' from its bytes while every other letter is registered around it.
     */
    @Test
    void letterThatKillsTheProcessIsSettledAfterThreeDeathsWhileTheRestIsRegistered() throws Exception {
        try (TestMailServer mailServer = new TestMailServer()) {
            TestDatabase database = TestDatabase.fresh();
            Rows rows = new Rows(database.dataSource());
            OffsetDateTime morning = OffsetDateTime.parse("2026-11-24T09:00:00+07:00");
            IntStream.range(0, 4).forEach(i -> mailServer.deliver(Letters.letter("ก่อน " + i), morning.plusMinutes(i)));
            byte[] poison = FaultyReader.letter("kill", "ล่มทุกครั้ง");
            mailServer.deliver(poison, morning.plusMinutes(4));
            IntStream.range(0, 4).forEach(i -> mailServer.deliver(Letters.letter("หลัง " + i),
                    morning.plusMinutes(5 + i)));
            Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
            settings.put("saraban.check.enabled", "true");
            settings.put("saraban.check.cron", "* * * * * ?");
            settings.put("saraban.check.batch-size", "3");
            // one node restarted again and again: a fixed node name recovers its unfinished check at once
            settings.put("saraban.cluster.node", "crash-test-node");

            int deaths = 0;
            while (registered(rows) < 9 && deaths < 6) {
                Process gateway = GatewayUnderTest.startProcess(LetterThatKillsTheGateway.class.getName(), settings,
                        new File("target/crash-recovery-gateway.log"), GatewayUnderTest.SHORT_LIVED);
                try {
                    long before = registered(rows);
                    await().atMost(Duration.ofSeconds(60)).until(() -> !gateway.isAlive() || registered(rows) == 9);
                    if (!gateway.isAlive()) {
                        assertThat(gateway.exitValue()).isEqualTo(LetterThatKillsTheGateway.EXIT_CODE);
                        deaths++;
                    }
                    System.out.printf("gateway process %d: %d -> %d registered%n", deaths, before, registered(rows));
                } finally {
                    gateway.destroyForcibly().waitFor();
                }
            }

            assertThat(deaths).isEqualTo(3);
            assertThat(rows.query("SELECT register_no, status, subject FROM incoming_register ORDER BY imap_uid"))
                    .extracting(r -> r.get("register_no") + " " + r.get("status") + " " + r.get("subject"))
                    .containsExactly("1 registered ก่อน 0", "2 registered ก่อน 1", "3 registered ก่อน 2",
                            "4 registered ก่อน 3", "5 unreadable null", "6 registered หลัง 0",
                            "7 registered หลัง 1", "8 registered หลัง 2", "9 registered หลัง 3");
            Map<String, Object> unreadable = rows.single("SELECT raw_mime, problems FROM incoming_register"
                    + " WHERE status = 'unreadable'");
            assertThat((byte[]) unreadable.get("raw_mime")).isEqualTo(poison);
            assertThat(((String) unreadable.get("problems")).lines().filter(l -> l.contains("ended without an outcome")))
                    .hasSize(3);
            assertThat(rows.count("SELECT count(*) FROM letter_attempt")).isZero();
        }
    }

    private static long registered(Rows rows) {
        return rows.count("SELECT count(*) FROM incoming_register");
    }

    private static Process startGatewayProcess(Map<String, String> settings) throws IOException {
        return GatewayUnderTest.startProcess(settings, new File("target/crash-recovery-gateway.log"),
                GatewayUnderTest.SHORT_LIVED);
    }
}
