package th.go.saraban.gateway.bootstrap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.support.service.ServiceSupport;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The connections to the register database: a HikariCP pool over the PostgreSQL driver, so a check,
 * the outbox and the HTTP API reuse sessions instead of opening one per call. The driver-level limits
 * stay on every pooled session: a half-open connection after a network partition would otherwise hold
 * the mailbox row lock for hours and stop every check on every node (the database side of
 * RELIABILITY #9).
 */
final class DatabaseConnections {

    static final String POOL_SIZE = "saraban.db.pool-size";
    static final String SSL_MODE = "saraban.db.sslmode";
    static final String SSL_ROOT_CERT = "saraban.db.ssl-root-cert";
    static final List<String> KEYS = List.of(POOL_SIZE, SSL_MODE, SSL_ROOT_CERT);

    /** PostgreSQL's own sslmode values (libpq and pgjdbc agree on them). */
    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    /**
     * A check holds one session for its whole run (its liveness lock) and needs a second to register;
     * the outbox and the sent-folder scan run beside it. Fewer than this and they wait on each other.
     */
    /** How many checks run at once on this node (ClusterSettings validates it). */
    private static final String PARALLEL_CHECKS = "saraban.check.parallel";

    /** Connect timeout of the driver, in seconds; waiting longer for a free pooled session is pointless. */
    private static final int CONNECT_SECONDS = 10;

    private DatabaseConnections() {
    }

    /** How the gateway connects: the pool size and, for an external server, TLS. */
    record Settings(int poolSize, String sslMode, String sslRootCert) {

        static Settings read(Function<String, Optional<String>> source) {
            Function<String, Optional<String>> value = key -> source.apply(key).map(String::trim)
                    .filter(v -> !v.isEmpty());
            // every check running at once holds one session for its whole run (its advisory lock) and
            // needs a second to register; the outbox, the sent-folder scan, push and the API need theirs
            int parallelChecks = parallelChecks(value);
            int smallest = 2 * parallelChecks + 2;
            String size = value.apply(POOL_SIZE).orElse(Integer.toString(2 * parallelChecks + 6));
            int poolSize;
            try {
                poolSize = Integer.parseInt(size);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(POOL_SIZE, "'" + size + "' is not a whole number");
            }
            if (poolSize < smallest) {
                throw new InvalidSettingException(POOL_SIZE, poolSize + " is too small: at least " + smallest
                        + " (2 x saraban.check.parallel + 2: a check holds one connection for its whole run and"
                        + " needs another to register, while the outbox and the sent-folder scan need theirs)");
            }
            String sslMode = value.apply(SSL_MODE).orElse("prefer");
            if (!SSL_MODES.contains(sslMode)) {
                throw new InvalidSettingException(SSL_MODE, "'" + sslMode + "' is not one of "
                        + String.join(", ", SSL_MODES));
            }
            String rootCert = value.apply(SSL_ROOT_CERT).orElse("");
            if (!rootCert.isEmpty() && !Files.isReadable(Path.of(rootCert))) {
                throw new InvalidSettingException(SSL_ROOT_CERT, "'" + rootCert + "' is not a readable file"
                        + " (the PEM certificate of the CA that signed the PostgreSQL server's certificate)");
            }
            return new Settings(poolSize, sslMode, rootCert);
        }

        private static int parallelChecks(Function<String, Optional<String>> value) {
            try {
                return Math.max(1, Integer.parseInt(value.apply(PARALLEL_CHECKS).orElse("10")));
            } catch (NumberFormatException e) {
                return 10; // ClusterSettings refuses it with its own message
            }
        }

        boolean verifiesServer() {
            return sslMode.startsWith("verify-");
        }
    }

    /** A pool of sessions to an external PostgreSQL, with TLS as {@code settings} say. */
    static HikariDataSource pool(String url, String user, String password, Settings settings) {
        return pool(direct(url, user, password, settings), settings.poolSize());
    }

    /** A pool of sessions to the embedded PostgreSQL on localhost, which has no certificate to offer. */
    static HikariDataSource localPool(String url, String user, int poolSize) {
        return pool(local(url, user), poolSize);
    }

    /**
     * One new session per call, with the same limits and TLS: for a command that runs once beside the
     * gateway ({@code api-key}), where a pool would only add threads.
     */
    static PGSimpleDataSource direct(String url, String user, String password, Settings settings) {
        PGSimpleDataSource driver = driver(url, user, password);
        driver.setSslMode(settings.sslMode());
        if (!settings.sslRootCert().isEmpty()) {
            driver.setSslRootCert(settings.sslRootCert());
        }
        return driver;
    }

    /** The same, to the embedded PostgreSQL on localhost. */
    static PGSimpleDataSource local(String url, String user) {
        PGSimpleDataSource driver = driver(url, user, null);
        driver.setSslMode("disable");
        return driver;
    }

    private static PGSimpleDataSource driver(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setReWriteBatchedInserts(true);
        dataSource.setConnectTimeout(CONNECT_SECONDS);
        // a batch of 32 MB is written in seconds; five minutes of silence is a dead connection
        dataSource.setSocketTimeout(300);
        dataSource.setOptions("-c lock_timeout=120s -c idle_in_transaction_session_timeout=10min");
        return dataSource;
    }

    private static HikariDataSource pool(PGSimpleDataSource driver, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("saraban-register");
        config.setDataSource(driver);
        config.setMaximumPoolSize(size);
        // sessions are opened on demand and closed when idle: a quiet gateway holds few
        config.setMinimumIdle(Math.min(2, size));
        // a caller waits for a free session no longer than for a new one: a check that cannot get one
        // fails, and the next check retries
        config.setConnectionTimeout(CONNECT_SECONDS * 1000L);
        config.setValidationTimeout(5000);
        return new HikariDataSource(config);
    }

    /** Closes the pool when the gateway stops, after the routes that use it. */
    static final class Pool extends ServiceSupport {

        private final HikariDataSource dataSource;

        Pool(HikariDataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        protected void doStop() {
            dataSource.close();
        }
    }

    static boolean onThisMachine(String url) {
        return List.of("//localhost", "//127.0.0.1", "//[::1]").stream().anyMatch(url::contains);
    }
}
