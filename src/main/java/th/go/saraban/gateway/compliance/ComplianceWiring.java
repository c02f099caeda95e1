package th.go.saraban.gateway.compliance;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.outbound.Outbox;

/**
 * Binds the compliance report, the alert conditions, the alert sender and their health check, from
 * beans the gateway's configuration has already bound (dataSource, clock, receiptCalendar, outbox) and
 * the {@code saraban.alert.*} settings, which are checked here so a wrong one stops start-up.
 */
public final class ComplianceWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ComplianceWiring.class);

    private ComplianceWiring() {
    }

    public static void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        ReceiptCalendar calendar = registry.lookupByNameAndType("receiptCalendar", ReceiptCalendar.class);
        Outbox outbox = registry.lookupByNameAndType("outbox", Outbox.class);
        // already validated by GatewaySettings, which refuses a wrong value before this runs
        LocalTime afternoonFrom = LocalTime.parse(property(context, "saraban.check.afternoon-from").orElse("12:00").strip());
        ZoneId zone = calendar.zone();

        ComplianceReport report = new ComplianceReport(dataSource, clock,
                Map.of(outbox.centralAddress(), new DailyCheckRule(calendar, afternoonFrom)));
        AlertSettings settings = AlertSettings.read(key -> property(context, key));
        AlertConditions conditions = new AlertConditions(dataSource, clock, report, settings, zone);
        registry.bind("complianceReport", report);
        registry.bind("alertConditions", conditions);
        registry.bind("alerts", new Alerts(dataSource, clock, outbox, conditions));
        registry.bind("attentionHealthCheck", new AttentionHealthCheck(conditions));
        if (settings.enabled()) {
            LOG.info("Alerts go to {} (cut-off {}, after {} failed checks in a row)", settings.recipients(),
                    settings.cutOff(), settings.failedChecks());
        } else {
            LOG.info("Alerts are off: saraban.alert.recipients is empty. /observe/health still shows what needs a person");
        }
    }

    private static Optional<String> property(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).filter(value -> !value.isBlank());
    }
}
