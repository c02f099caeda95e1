package th.go.saraban.gateway.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A real PostgreSQL for a user who configured none. Unlike zonky's test defaults, its data folder
 * survives restarts and commits are synchronous: the register must not lose its last entries to a
 * crash.
 */
public final class EmbeddedDatabase extends ServiceSupport {

    static final String DATABASE = "saraban";

    private final Path dataDirectory;
    private final int port;
    private final ZoneId zone;
    private EmbeddedPostgres postgres;

    /** @param zone the session time zone, so that psql shows register times as the agency reads them */
    public EmbeddedDatabase(Path dataDirectory, int port, ZoneId zone) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.zone = zone;
    }

    /** @param poolSize the most sessions the gateway opens (saraban.db.pool-size) */
    public HikariDataSource startAndConnect(int poolSize) throws IOException, SQLException {
        startServer();
        return DatabaseConnections.localPool(jdbcUrl(), "postgres", poolSize);
    }

    /** Starts the server and creates the database if missing; {@link #jdbcUrl()} then reaches it. */
    public void startServer() throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("timezone", zone.getId())
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
        } catch (IOException | IllegalStateException e) {
            throw new IOException("embedded PostgreSQL did not start in " + dataDirectory.toAbsolutePath()
                    + " (is another gateway using this folder or port " + port
                    + "? set saraban.embedded.data-dir, saraban.embedded.db-port or saraban.db.url): "
                    + e.getMessage(), e);
        }
        createDatabaseIfMissing();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE + "?reWriteBatchedInserts=true";
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection db = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = db.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next()) {
                    try (Statement create = db.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
    }

    @Override
    protected void doStart() {
        // started eagerly by startServer(): the schema must exist before routes start
    }

    @Override
    protected void doStop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
