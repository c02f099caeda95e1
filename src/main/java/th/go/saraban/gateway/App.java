package th.go.saraban.gateway;

import th.go.saraban.gateway.bootstrap.GatewayMain;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;

/** Starts the gateway: routes from {@code routes/}, settings from {@code config/}. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
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
