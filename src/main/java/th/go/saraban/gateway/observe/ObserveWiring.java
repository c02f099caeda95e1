package th.go.saraban.gateway.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;
import th.go.saraban.gateway.mail.CentralMailbox;
import th.go.saraban.gateway.mail.MailboxChecks;
import th.go.saraban.gateway.outbound.Outbox;
import th.go.saraban.gateway.register.IncomingRegister;

/**
 * Health and metrics beside camel-main's own: the readiness checks {@code database} and
 * {@code mailbox-checks} (group saraban), and the {@code saraban_*} meters in the registry Camel scrapes.
 * Runs after the domain beans are bound, and hands them the meters.
 */
public final class ObserveWiring {

    static final String MAX_CHECK_AGE = "saraban.health.max-check-age-minutes";

    /** Camel's micrometer-prometheus binds its registry under this name, or uses one found there. */
    private static final String METER_REGISTRY = "metricsRegistry";

    private ObserveWiring() {
    }

    public static void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        Duration maxCheckAge = Duration.ofMinutes(maxCheckAgeMinutes(context));
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        // the mailboxes this gateway checks, asked each time: a gateway may check several
        Supplier<Collection<String>> mailboxes = () -> registry.findByType(CentralMailbox.class).stream()
                .map(CentralMailbox::name).sorted().toList();
        MailboxFreshness freshness = new MailboxFreshness(dataSource, clock, mailboxes);
        registry.bind("mailboxFreshness", freshness);

        GatewayMetrics metrics = new GatewayMetrics(meterRegistry(registry), freshness);
        registry.bind("gatewayMetrics", metrics);
        mailboxes.get().forEach(metrics::expect);
        registry.findByType(MailboxChecks.class).forEach(checks -> checks.reportTo(metrics));
        registry.findByType(IncomingRegister.class).forEach(register -> register.reportTo(metrics));
        registry.findByType(Outbox.class).forEach(outbox -> outbox.reportTo(metrics));

        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource,
                context.getExecutorServiceManager().newSingleThreadExecutor(ObserveWiring.class,
                        "saraban-database-probe")));
        registry.bind("mailboxCheckAgeHealthCheck", new MailboxCheckAgeHealthCheck(freshness, maxCheckAge));
    }

    /** The registry Camel scrapes: one already bound, or ours, which Camel then takes as its own. */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry bound = registry.lookupByNameAndType(METER_REGISTRY, MeterRegistry.class);
        if (bound != null) {
            return bound;
        }
        PrometheusMeterRegistry ours = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(METER_REGISTRY, ours);
        return ours;
    }

    private static long maxCheckAgeMinutes(CamelContext context) {
        String value = context.getPropertiesComponent().resolveProperty(MAX_CHECK_AGE).map(String::trim)
                .filter(v -> !v.isEmpty()).orElse("30");
        try {
            long minutes = Long.parseLong(value);
            if (minutes > 0) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSettingException(MAX_CHECK_AGE, "'" + value + "' is not a positive whole number of minutes");
    }
}
