package th.go.saraban.gateway.console;

import java.io.Console;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import th.go.saraban.gateway.bootstrap.CommandDatabase;

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

    /** Opens the gateway's database as the gateway would ({@link CommandDatabase}); tests open theirs. */
    @FunctionalInterface
    public interface DatabaseOpener {
        CommandDatabase open() throws Exception;
    }

    /** @param args the arguments after {@code user}; returns the process exit code */
    public int run(List<String> args, DatabaseOpener opener) {
        if (args.size() != 4 || !args.get(0).equals("create") || !args.get(2).equals("--role")) {
            err.println(USAGE);
            return 2;
        }
        String name = args.get(1);
        String role = args.get(3);
        String problem = Optional.ofNullable(ConsoleUsers.nameProblem(name)).orElse(ConsoleUsers.roleProblem(role));
        if (problem != null) {
            err.println("user not created: " + problem);
            return 2;
        }
        String password = password();
        if (password == null) {
            return 2;
        }
        try (CommandDatabase database = opener.open()) {
            new ConsoleUsers(database.dataSource(), Clock.systemUTC(), new Passwords()).create(name, role, password);
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
}
