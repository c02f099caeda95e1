package th.go.saraban.gateway;

import th.go.saraban.gateway.bootstrap.GatewayMain;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;

/** Starts the gateway: routes from {@code routes/}, settings from {@code config/}. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        int exitCode = GatewayMain.create().run(args);
        System.exit(exitCode);
    }
}
