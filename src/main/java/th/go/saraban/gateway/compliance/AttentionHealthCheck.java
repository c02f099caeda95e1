package th.go.saraban.gateway.compliance;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The alert conditions in {@code /observe/health}: DOWN with one detail per condition while anything
 * needs a person, UP otherwise, whether or not alert recipients are configured. None of them is a
 * reason to restart the gateway or to stop sending it traffic (a missed check or a stuck message is
 * work for a person, and the gateway keeps checking and serving the register meanwhile), so the check
 * is neither liveness nor readiness: {@code /observe/health/live} and {@code /observe/health/ready}
 * ignore it, and only the overall {@code /observe/health} turns DOWN. The database and the age of
 * the last check are readiness checks of their own. The message lists every condition, so that the
 * default exposure level of {@code /observe/health}, which shows a DOWN check's message, shows them.
 */
public final class AttentionHealthCheck extends AbstractHealthCheck {

    public static final String ID = "saraban-attention";

    private final AlertConditions conditions;

    public AttentionHealthCheck(AlertConditions conditions) {
        super("saraban", ID);
        this.conditions = conditions;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<Alert> alerts;
        try {
            alerts = conditions.current();
        } catch (Exception e) {
            // the readiness check on the database says why; this one only says it cannot tell
            builder.unknown().message("the alert conditions could not be read: " + e.getClass().getSimpleName());
            return;
        }
        if (alerts.isEmpty()) {
            builder.up();
            return;
        }
        // the message is shown at Camel's default exposure level, the details only at 'full'
        builder.down().message(alerts.size() + " condition(s) need a person: " + String.join("; ",
                alerts.stream().map(alert -> alert.cause().value() + " " + alert.summary()).toList()));
        for (Alert alert : alerts) {
            builder.detail(alert.cause().value() + ":" + alert.subjectKey(), alert.summary());
        }
    }
}
