package th.go.saraban.gateway.pipeline;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL for the whole test run, with a fresh database per test, so tests see exactly
 * the rows they caused and start in milliseconds instead of seconds.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
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
            }
            String name = "register_test_" + COUNTER.incrementAndGet();
            try (Connection db = postgres.getPostgresDatabase().getConnection();
                 Statement create = db.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
            return new TestDatabase("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name
                    + "?reWriteBatchedInserts=true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
