package th.go.saraban.gateway.console;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import th.go.saraban.gateway.bootstrap.EmbeddedDatabase;
import th.go.saraban.gateway.bootstrap.GatewayMain;

/**
 * {@code java -jar target/saraban-gateway.jar user create NAME --role officer|admin}: creates a
 * console user in the gateway's database (the same settings and environment as the gateway). The
 * password is asked twice on the terminal, or read once from {@code SARABAN_USER_PASSWORD} for
 * scripts; it is never taken from the command line, where other users of the machine see it.
 */
public final class UserCommand {

    static final String PASSWORD_VARIABLE = "SARABAN_USER_PASSWORD";
    private static final String USAGE = "usage: user create NAME --role officer|admin"
            + " (password asked twice, or given in " + PASSWORD_VARIABLE + ")";

    private final Map<String, String> environment;
    private final Console console;
    private final PrintStream out;
    private final PrintStream err;

    public UserCommand(Map<String, String> environment, Console console, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.console = console;
        this.out = out;
        this.err = err;
    }

    /** @param args the arguments after {@code user}; returns the process exit code */
    public int run(String[] args) {
        if (args.length != 4 || !args[0].equals("create") || !args[2].equals("--role")) {
            err.println(USAGE);
            return 2;
        }
        String name = args[1];
        String role = args[3];
        String problem = Optional.ofNullable(ConsoleUsers.nameProblem(name)).orElse(ConsoleUsers.roleProblem(role));
        if (problem != null) {
            err.println("user not created: " + problem);
            return 2;
        }
        String password = password();
        if (password == null) {
            return 2;
        }
        try {
            withDatabase(dataSource -> {
                new ConsoleUsers(dataSource, Clock.systemUTC(), new Passwords()).create(name, role, password);
                return null;
            });
        } catch (IllegalArgumentException refused) {
            err.println("user not created: " + refused.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("user not created: the database could not be reached or updated: " + e.getMessage());
            return 1;
        }
        out.println("user " + name + " created with role " + role + "; sign in at /console/");
        return 0;
    }

    private String password() {
        String given = environment.get(PASSWORD_VARIABLE);
        if (given != null && !given.isEmpty()) {
            return checked(given);
        }
        if (console == null) {
            err.println("no terminal to ask for the password: set " + PASSWORD_VARIABLE);
            return null;
        }
        char[] first = console.readPassword("Password for the new user: ");
        char[] second = console.readPassword("The same password again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("user not created: the two passwords differ");
                return null;
            }
            return checked(new String(first));
        } finally {
            if (first != null) {
                Arrays.fill(first, ' ');
            }
            if (second != null) {
                Arrays.fill(second, ' ');
            }
        }
    }

    private String checked(String password) {
        String weakness = Passwords.weakness(password);
        if (weakness != null) {
            err.println("user not created: " + weakness);
            return null;
        }
        return password;
    }

    private interface Work {
        Object apply(DataSource dataSource) throws SQLException;
    }

    /**
     * The gateway's database, found through its settings file and environment as the gateway reads
     * them. With the embedded default, a running gateway's database is used through its port; when
     * none runs, the embedded database is started on its data folder for the time of the command.
     */
    private void withDatabase(Work work) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation(GatewayMain.SETTINGS);
            properties.setEncoding("UTF-8");
            properties.setIgnoreMissingLocation(true);
            Function<String, String> setting = key -> properties.resolveProperty(key).map(String::strip).orElse("");
            String url = setting.apply("saraban.db.url");
            if (!url.isEmpty()) {
                PGSimpleDataSource dataSource = new PGSimpleDataSource();
                dataSource.setURL(url);
                dataSource.setUser(setting.apply("saraban.db.username"));
                dataSource.setPassword(setting.apply("saraban.db.password"));
                dataSource.setConnectTimeout(10);
                migrateAndRun(dataSource, work);
                return;
            }
            int port = Integer.parseInt(setting.apply("saraban.embedded.db-port").isEmpty() ? "15432"
                    : setting.apply("saraban.embedded.db-port"));
            PGSimpleDataSource running = new PGSimpleDataSource();
            running.setURL("jdbc:postgresql://localhost:" + port + "/saraban");
            running.setUser("postgres");
            running.setConnectTimeout(3);
            try (var probe = running.getConnection()) {
                probe.isValid(3);
            } catch (SQLException notRunning) {
                String dir = setting.apply("saraban.embedded.data-dir");
                String zone = setting.apply("saraban.timezone");
                EmbeddedDatabase embedded = new EmbeddedDatabase(Path.of(dir.isEmpty() ? "data/postgres" : dir), port,
                        ZoneId.of(zone.isEmpty() ? "Asia/Bangkok" : zone));
                try {
                    migrateAndRun(embedded.startAndConnect(), work);
                } finally {
                    embedded.stop();
                }
                return;
            }
            migrateAndRun(running, work);
        }
    }

    private static void migrateAndRun(DataSource dataSource, Work work) throws SQLException {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        work.apply(dataSource);
    }
}
