package th.go.saraban.gateway.push;

import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.go.saraban.gateway.api.EntryDocuments;
import th.go.saraban.gateway.observe.GatewayMetrics;
import th.go.saraban.gateway.register.IncomingRegister;

/**
 * Push to the agency's existing saraban system, on when {@code saraban.push.url} and
 * {@code saraban.push.secret} are set. Binds the beans {@code routes/push-entries.camel.yaml} and
 * {@code routes/api-push.camel.yaml} call (always, so the routes can be built; the push route starts
 * only when push is on: {@code autoStartup: "{{push:enabled}}"}), hooks the queueing into the
 * registering transaction, and shows each entry's push state in its API document.
 */
public final class PushWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PushWiring.class);

    /** The field of the entry document ({@code GET /api/v1/entries/{id}}) that shows the push state. */
    static final String DOCUMENT_PART = "push";

    private PushWiring() {
    }

    public static void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        PushSettings settings = PushSettings.read(key -> context.getPropertiesComponent().resolveProperty(key));
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        ZoneId zone = ZoneId.of(context.getPropertiesComponent().resolveProperty("saraban.timezone")
                .orElse("Asia/Bangkok"));
        GatewayMetrics metrics = registry.lookupByNameAndType("gatewayMetrics", GatewayMetrics.class);
        EntryDocuments documents = registry.lookupByNameAndType("entryDocuments", EntryDocuments.class);

        PushDeliveries deliveries = new PushDeliveries(dataSource, clock, settings,
                metrics == null ? GatewayMetrics.OFF : metrics);
        PushLog log = new PushLog(dataSource, zone);
        registry.bind("pushDeliveries", deliveries);
        registry.bind("pushPayloads", new PushPayloads(dataSource, documents, settings));
        registry.bind("pushSignature", new PushSignature(settings.secret()));
        registry.bind("pushLog", log);
        context.getPropertiesComponent().addPropertiesFunction(new PushFunction(settings));
        if (!settings.enabled()) {
            return;
        }
        registry.findByType(IncomingRegister.class).forEach(register -> register.alsoOnRegistration(deliveries::queue));
        if (metrics != null) {
            metrics.expectPush();
        }
        documents.part(DOCUMENT_PART, log::state);
        // the receiver is one server we call; these bound every attempt (camel-http's own defaults are 3 minutes)
        for (String scheme : new String[] {"http", "https"}) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            long millis = settings.timeout().toMillis();
            http.setConnectTimeout(millis);
            http.setConnectionRequestTimeout(millis);
            http.setSoTimeout(millis);
            http.setResponseTimeout(millis);
            http.setFollowRedirects(false);
            http.setCookieManagementDisabled(true);
        }
        LOG.info("Registered entries are pushed: {}", settings);
    }

    /** {@code {{push:enabled}}} and {@code {{push:url}}} for the push route, without the secret. */
    private static final class PushFunction implements PropertiesFunction {

        private final PushSettings settings;

        PushFunction(PushSettings settings) {
            this.settings = settings;
        }

        @Override
        public String getName() {
            return "push";
        }

        @Override
        public String apply(String remainder) {
            return switch (remainder) {
                case "enabled" -> Boolean.toString(settings.enabled());
                // a placeholder while push is off: the route is built but never started
                case "url" -> settings.enabled() ? settings.url() : "http://push.invalid/";
                default -> throw new IllegalArgumentException("unknown push property " + remainder
                        + " (enabled, url)");
            };
        }
    }
}
