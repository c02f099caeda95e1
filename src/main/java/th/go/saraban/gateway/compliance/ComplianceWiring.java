package th.go.saraban.gateway.compliance;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.cluster.MailboxKeys;
import th.go.saraban.gateway.cluster.Mailboxes;
import th.go.saraban.gateway.outbound.Outbox;

/**
 * Binds the compliance report, the alert conditions, the alert sender and their health check, from
 * beans the gateway's configuration has already bound (dataSource, clock, outbox, mailboxes and each
 * mailbox's receiptCalendar-NAME) and the {@code saraban.alert.*} settings, which are checked here so a
 * wrong one stops start-up. Each mailbox is judged by its own hours, holidays and afternoon split.
 */
public final class ComplianceWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ComplianceWiring.class);

    private ComplianceWiring() {
    }

    public static void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        Outbox outbox = registry.lookupByNameAndType("outbox", Outbox.class);
        Mailboxes mailboxes = registry.lookupByNameAndType("mailboxes", Mailboxes.class);
        Map<String, DailyCheckRule> rules = new LinkedHashMap<>();
        List<Mailboxes.Mailbox> all = mailboxes.all();
        for (int i = 0; i < all.size(); i++) {
            Mailboxes.Mailbox mailbox = all.get(i);
            ReceiptCalendar calendar = registry.lookupByNameAndType("receiptCalendar-" + mailbox.name(),
                    ReceiptCalendar.class);
            // as the mailbox's own settings read it, already validated by GatewaySettings before this runs
            String afternoonFrom = MailboxKeys.of(key -> property(context, key), mailbox.name(), i == 0)
                    .lookup("saraban.check.afternoon-from").orElse("12:00");
            rules.put(mailbox.centralAddress(), new DailyCheckRule(calendar, LocalTime.parse(afternoonFrom.strip())));
        }
        ZoneId zone = rules.get(outbox.centralAddress()).zone();

        ComplianceReport report = new ComplianceReport(dataSource, clock, rules);
        AlertSettings settings = AlertSettings.read(key -> property(context, key));
        String cron = property(context, "saraban.alert.cron").orElse("");
        if (!CronExpression.isValidExpression(cron)) {
            throw new InvalidSettingException("saraban.alert.cron", "'" + cron + "' is not a Quartz cron expression"
                    + " (sec min hour day-of-month month day-of-week), e.g. 0 0/5 * * * ?");
        }
        AlertConditions conditions = new AlertConditions(dataSource, clock, report, settings, zone);
        registry.bind("complianceReport", report);
        registry.bind("complianceApi", new ComplianceApi(report, clock));
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
