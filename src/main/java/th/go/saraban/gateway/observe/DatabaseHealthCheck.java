package th.go.saraban.gateway.observe;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import th.go.saraban.gateway.mail.FailureText;

/**
 * Readiness: the register database answers. Down means the gateway can neither register nor serve
 * the API, but a restart would not help, so it is not a liveness check. The probe runs on a thread
 * of its own and is waited for at most {@link MailboxFreshness#QUERY_SECONDS}: an unreachable server
 * (a dropped route, a firewall that swallows packets) must not keep the health endpoint waiting for
 * the pool's 10 seconds. At most one probe is under way at a time, so a slow database does not pile
 * up threads.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;
    private final ExecutorService prober;
    private Future<Void> probe;

    DatabaseHealthCheck(DataSource dataSource, ExecutorService prober) {
        super("saraban", "database");
        this.dataSource = dataSource;
        this.prober = prober;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            currentProbe().get(MailboxFreshness.QUERY_SECONDS, TimeUnit.SECONDS);
            builder.up();
        } catch (TimeoutException e) {
            builder.message("the register database did not answer within " + MailboxFreshness.QUERY_SECONDS
                    + " seconds").down();
        } catch (ExecutionException e) {
            builder.message("the register database is unreachable: " + FailureText.of(e.getCause())).down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("interrupted while asking the register database").down();
        }
    }

    private synchronized Future<Void> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = prober.submit(this::ask);
        }
        return probe;
    }

    private Void ask() throws SQLException {
        try (Connection db = dataSource.getConnection(); Statement select = db.createStatement()) {
            select.setQueryTimeout(MailboxFreshness.QUERY_SECONDS);
            select.execute("SELECT 1");
        }
        return null;
    }
}
