package th.go.saraban.gateway.observe;

import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: every mailbox was checked successfully, on some node, within
 * {@code saraban.health.max-check-age-minutes}. A mailbox that nobody checks (a wrong password, a
 * dead server, a schedule that stopped) is the failure operators otherwise notice days later
 * (RELIABILITY #18). It reads what {@link MailboxFreshness} knows, which the {@code refresh-check-ages}
 * route brings up to date from the database every 30 seconds: a probe never waits for the database,
 * and while the database is down the ages keep growing from the last ones known.
 */
public final class MailboxCheckAgeHealthCheck extends AbstractHealthCheck {

    private final MailboxFreshness freshness;
    private final Duration maxAge;

    MailboxCheckAgeHealthCheck(MailboxFreshness freshness, Duration maxAge) {
        super("saraban", "mailbox-checks");
        this.freshness = freshness;
        this.maxAge = maxAge;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        StringJoiner stale = new StringJoiner("; ");
        for (Map.Entry<String, Duration> mailbox : freshness.ages().entrySet()) {
            builder.detail(mailbox.getKey(), mailbox.getValue().toSeconds() + " s since the last successful check");
            if (mailbox.getValue().compareTo(maxAge) > 0) {
                stale.add(mailbox.getKey() + " last checked successfully " + mailbox.getValue().toMinutes()
                        + " minutes ago");
            }
        }
        if (stale.length() == 0) {
            builder.up();
        } else {
            builder.message(stale + " (saraban.health.max-check-age-minutes = " + maxAge.toMinutes() + ")").down();
        }
    }
}
