package th.go.saraban.gateway;

import org.apache.camel.main.Main;

/** Starts the gateway: routes from {@code routes/}, settings from {@code config/}. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        new Main(App.class).run(args);
    }
}
