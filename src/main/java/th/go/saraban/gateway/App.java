package th.go.saraban.gateway;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import th.go.saraban.gateway.api.ApiKeyCommand;
import th.go.saraban.gateway.bootstrap.CommandDatabase;
import th.go.saraban.gateway.bootstrap.GatewayMain;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;
import th.go.saraban.gateway.console.UserCommand;

/**
 * Starts the gateway: routes from {@code routes/}, settings from {@code config/}. With a command as
 * the first argument ({@code api-key ...}, {@code user ...}) it runs that command against the same
 * register database instead, and exits.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length > 0 && !args[0].startsWith("-")) {
                System.exit(command(args[0], Arrays.asList(args).subList(1, args.length)));
            }
            System.exit(GatewayMain.create().run(args));
        } catch (RuntimeException e) {
            // a wrong setting is the operator's to fix: say which, without a stack trace
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidSettingException invalid) {
                    System.err.println(invalid.getMessage());
                    System.exit(2);
                }
            }
            // exit so that shutdown hooks stop an embedded database or mail server already started
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** One command line: the name of the command, then its own arguments. */
    private static int command(String name, List<String> args) throws Exception {
        switch (name) {
            case "api-key":
                try (CommandDatabase database = CommandDatabase.open(Map.of())) {
                    return new ApiKeyCommand(database.dataSource(), Clock.system(database.zone()), database.zone(),
                            System.out, System.err).run(args);
                }
            case "user":
                return new UserCommand(System.getenv(), System.console(), System.out, System.err)
                        .run(args, () -> CommandDatabase.open(Map.of()));
            default:
                System.err.println("unknown command '" + name + "'; commands: api-key, user (or none, to run the gateway)");
                return 2;
        }
    }
}
