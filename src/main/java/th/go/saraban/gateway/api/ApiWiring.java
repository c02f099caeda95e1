package th.go.saraban.gateway.api;

import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Binds the beans {@code routes/api.camel.yaml} calls. Runs after the gateway bound {@code dataSource}
 * and {@code clock}; the zone is {@code saraban.timezone}, already checked by then.
 */
public final class ApiWiring {

    private ApiWiring() {
    }

    public static void bind(CamelContext context) {
        Registry registry = context.getRegistry();
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        ZoneId zone = ZoneId.of(context.getPropertiesComponent().resolveProperty("saraban.timezone")
                .orElse("Asia/Bangkok"));
        EntryDocuments documents = new EntryDocuments(dataSource, zone);
        ApiKeys keys = new ApiKeys(dataSource, clock);
        registry.bind("apiKeys", keys);
        registry.bind("apiAccess", new ApiAccess(keys));
        registry.bind("apiErrors", new ApiErrors());
        registry.bind("apiHeaderFilter", new ApiHeaderFilter());
        registry.bind("entryDocuments", documents);
        registry.bind("entryListing", new EntryListing(dataSource, documents, zone));
        registry.bind("entryContent", new EntryContent(dataSource));
        // the OpenAPI document, with the relative server /api/v1 (Camel's rest-api endpoint finds it by type)
        registry.bind("apiDocument", new ApiDocument());
    }
}
