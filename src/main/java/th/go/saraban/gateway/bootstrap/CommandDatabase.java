package th.go.saraban.gateway.bootstrap;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.flywaydb.core.Flyway;

/**
 * The register database for a command run beside the gateway ({@code api-key}, {@code user}): the
 * same settings as the gateway ({@code config/application.properties}, each key overridable by its
 * environment variable), the same connection limits, and the schema migrated as the gateway would.
 *
 * <p>With no {@code saraban.db.url} (the embedded default), a gateway that is running already owns
 * the embedded PostgreSQL in {@code saraban.embedded.data-dir}: PostgreSQL lets one server use a
 * data folder at a time. So the command first connects to {@code saraban.embedded.db-port}; only when
 * nothing answers there does it start the embedded database itself, and stops it when done.
 */
public final class CommandDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final ZoneId zone;
    private final EmbeddedDatabase startedHere;
    private final String description;

    private CommandDatabase(DataSource dataSource, ZoneId zone, EmbeddedDatabase startedHere, String description) {
        this.dataSource = dataSource;
        this.zone = zone;
        this.startedHere = startedHere;
        this.description = description;
    }

    /** @param overrides settings on top of the file and the environment (tests point at their database) */
    public static CommandDatabase open(Map<String, String> overrides) throws Exception {
        GatewaySettings settings = settings(overrides);
        CommandDatabase database;
        if (!settings.embeddedDatabase()) {
            DataSource dataSource;
            try {
                dataSource = DatabaseConnections.to(settings.dbUrl, settings.dbUsername, settings.dbPassword);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("saraban.db.url", "is not a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)");
            }
            database = new CommandDatabase(dataSource, settings.zone, null, settings.describe());
        } else {
            database = embedded(settings);
        }
        Flyway.configure().dataSource(database.dataSource).locations("classpath:db/migration").load().migrate();
        return database;
    }

    private static CommandDatabase embedded(GatewaySettings settings) throws Exception {
        DataSource running = DatabaseConnections.to("jdbc:postgresql://localhost:" + settings.embeddedDbPort + "/"
                + EmbeddedDatabase.DATABASE, "postgres", null);
        try (Connection probe = running.getConnection()) {
            return new CommandDatabase(running, settings.zone, null, "the running gateway's embedded PostgreSQL on port "
                    + settings.embeddedDbPort);
        } catch (SQLException nothingRunning) {
            EmbeddedDatabase database = new EmbeddedDatabase(settings.embeddedDataDir, settings.embeddedDbPort,
                    settings.zone);
            DataSource dataSource = database.startAndConnect();
            return new CommandDatabase(dataSource, settings.zone, database, "embedded PostgreSQL in "
                    + settings.embeddedDataDir.toAbsolutePath());
        }
    }

    private static GatewaySettings settings(Map<String, String> overrides) {
        CamelContext context = new DefaultCamelContext();
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation(GatewayMain.SETTINGS);
        properties.setEncoding("UTF-8");
        Properties override = new Properties();
        override.putAll(overrides);
        properties.setOverrideProperties(override);
        // built, never started: it only resolves properties, and has nothing to stop
        context.build();
        return new GatewaySettings(properties::resolveProperty);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Which database this is, without credentials. */
    public String description() {
        return description;
    }

    @Override
    public void close() throws Exception {
        if (startedHere != null) {
            startedHere.stop();
        }
    }
}
