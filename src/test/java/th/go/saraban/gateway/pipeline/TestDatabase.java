package th.go.saraban.gateway.pipeline;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL for the whole test run, with a fresh database per test, so tests see exactly
 * the rows they caused and start in milliseconds instead of seconds. The migrations run once, into
 * a template database; each fresh database is a copy of it (0.05–0.3 s measured, against the 0.4–2 s
 * Flyway takes on an empty one), so the gateway's own Flyway at start-up finds every migration
 * applied. That the gateway migrates an empty database itself is still tested, by
 * {@code EmbeddedDefaultsTest} on a new data directory.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String TEMPLATE = "register_template";
    private static EmbeddedPostgres postgres;

    private final String url;
    private final DataSource dataSource;

    private TestDatabase(String url) {
        this.url = url;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser("postgres");
        this.dataSource = ds;
    }

    public static synchronized TestDatabase fresh() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                migrateTemplate();
            }
            String name = "register_test_" + COUNTER.incrementAndGet();
            try (Connection db = postgres.getPostgresDatabase().getConnection();
                 Statement create = db.createStatement()) {
                create.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
            }
            return new TestDatabase(urlOf(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The template every test database copies: the gateway's migrations from {@code db/migration}.
     * No connection may stay open on it, or PostgreSQL refuses to copy it; afterwards it takes none.
     */
    private static void migrateTemplate() throws SQLException {
        try (Connection db = postgres.getPostgresDatabase().getConnection();
             Statement create = db.createStatement()) {
            create.execute("CREATE DATABASE " + TEMPLATE);
        }
        Flyway.configure().dataSource(new TestDatabase(urlOf(TEMPLATE)).dataSource())
                .locations("classpath:db/migration").load().migrate();
        try (Connection db = postgres.getPostgresDatabase().getConnection();
             Statement seal = db.createStatement()) {
            seal.execute("ALTER DATABASE " + TEMPLATE + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        }
    }

    private static String urlOf(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database + "?reWriteBatchedInserts=true";
    }

    public String url() {
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
