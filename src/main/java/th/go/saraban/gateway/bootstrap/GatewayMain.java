package th.go.saraban.gateway.bootstrap;

import org.apache.camel.main.Main;
import th.go.saraban.gateway.App;

/**
 * The gateway as Camel Main runs it: settings from {@code config/application.properties} (each
 * overridable by its environment variable), routes from {@code routes/}. Tests start exactly this.
 */
public final class GatewayMain {

    public static final String SETTINGS = "file:config/application.properties";

    private GatewayMain() {
    }

    public static Main create() {
        Main main = new Main(App.class);
        main.setDefaultPropertyPlaceholderLocation(SETTINGS);
        // one explicit configuration; package scanning would find and run it a second time
        main.configure().withBasePackageScanEnabled(false);
        main.configure().addConfiguration(new GatewayConfiguration());
        return main;
    }
}
