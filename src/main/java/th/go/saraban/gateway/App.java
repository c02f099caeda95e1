package th.go.saraban.gateway;

import th.go.saraban.gateway.bootstrap.GatewayMain;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;
import th.go.saraban.gateway.console.UserCommand;

/** Starts the gateway: routes from {@code routes/}, settings from {@code config/}. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        // commands for operators, run instead of the gateway
        if (args.length > 0 && args[0].equals("user")) {
            System.exit(new UserCommand(System.getenv(), System.console(), System.out, System.err)
                    .run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        try {
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
}
