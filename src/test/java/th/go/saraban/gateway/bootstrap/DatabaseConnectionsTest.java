package th.go.saraban.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.mail.MailboxChecks;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.TestClock;

/** The register database through a pool: sessions come back clean, the size and TLS are the operator's. */
class DatabaseConnectionsTest extends GatewayTestSupport {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    @Test
    void everySessionGoesBackToThePoolWithoutItsCheckLockAfterACheckAndASend() {
        startGateway(Map.of("saraban.db.pool-size", "5", "saraban.check.parallel", "1"), clock);
        mailServer.deliver(Letters.letter("<pool-1@citizen.example>", "somchai@citizen.example", "ขอสำเนา",
                "เรียน นายอำเภอ"), OffsetDateTime.parse("2026-11-24T10:15:00+07:00"));

        gateway.checkMailbox();
        gateway.checkMailbox();
        gateway.sendOutbox();

        HikariDataSource pool = pool();
        assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(rows.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ?",
                MailboxChecks.LIVE_CHECK_LOCKS)).isZero();
        assertThat(rows.count("SELECT count(*) FROM mailbox_check WHERE outcome = 'ok'")).isEqualTo(2);
        assertThat(rows.count("SELECT count(*) FROM outgoing_message WHERE status = 'sent'")).isEqualTo(1);
    }

    @Test
    void closesThePoolWhenTheGatewayStops() {
        startGateway(Map.of(), clock);
        HikariDataSource pool = pool();

        gateway.close();
        gateway = null;

        assertThat(pool.isClosed()).isTrue();
    }

    @Test
    void sslmodeRequireRefusesAServerWithoutTls() {
        // the test PostgreSQL offers no TLS: with require, not one session may open in clear text
        Throwable refused = catchThrowable(() -> startGateway(Map.of("saraban.db.sslmode", "require"), clock));

        assertThat(refused).isNotNull();
        assertThat(messages(refused)).contains("The server does not support SSL");
    }

    @Test
    void refusesAnSslmodePostgresqlDoesNotKnow() {
        Throwable refused = catchThrowable(() -> startGateway(Map.of("saraban.db.sslmode", "on"), clock));

        assertThat(messages(refused)).contains("Invalid setting saraban.db.sslmode: 'on' is not one of disable,"
                + " allow, prefer, require, verify-ca, verify-full");
    }

    @Test
    void refusesARootCertificateThatIsNotThere() {
        Throwable refused = catchThrowable(() -> startGateway(Map.of("saraban.db.sslmode", "verify-full",
                "saraban.db.ssl-root-cert", "config/no-such-ca.pem"), clock));

        assertThat(messages(refused)).contains("Invalid setting saraban.db.ssl-root-cert: 'config/no-such-ca.pem'"
                + " is not a readable file");
    }

    @Test
    void refusesAPoolTooSmallForACheck() {
        Throwable refused = catchThrowable(() -> startGateway(Map.of("saraban.db.pool-size", "2", "saraban.check.parallel", "1"), clock));

        assertThat(messages(refused)).contains("Invalid setting saraban.db.pool-size: 2 is too small: at least 4");
    }

    private HikariDataSource pool() {
        return (HikariDataSource) gateway.context().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    private static String messages(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
