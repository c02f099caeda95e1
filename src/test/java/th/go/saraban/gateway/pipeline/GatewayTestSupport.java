package th.go.saraban.gateway.pipeline;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every pipeline test stands on: the agency's mail server (GreenMail), an empty register
 * database, and the gateway under test once the test starts it with its own settings.
 */
public abstract class GatewayTestSupport {

    protected TestMailServer mailServer;
    protected TestDatabase database;
    protected Rows rows;
    protected GatewayUnderTest gateway;

    @BeforeEach
    void startServers() {
        mailServer = new TestMailServer();
        database = TestDatabase.fresh();
        rows = new Rows(database.dataSource());
    }

    @AfterEach
    void stopServers() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        mailServer.close();
    }

    /** Starts the gateway on the test servers, with {@code overrides} on top of the test settings. */
    protected void startGateway(Map<String, String> overrides, Clock clock) {
        startGateway(overrides, clock, Map.of());
    }

    /** The same, with {@code beans} bound in place of the gateway's own (a faulty letterReader). */
    protected void startGateway(Map<String, String> overrides, Clock clock, Map<String, Object> beans) {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.putAll(overrides);
        gateway = GatewayUnderTest.start(settings, clock, beans);
    }
}
