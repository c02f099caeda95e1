package th.go.saraban.gateway.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.TestClock;

/** A gateway with its console, on the test servers, at a fixed time, and users to sign in with. */
abstract class ConsoleTestSupport extends GatewayTestSupport {

    static final String OFFICER = "somsri";
    static final String ADMIN = "it-admin";
    static final String PASSWORD = "รหัสผ่าน-ทดสอบ-42";

    /** Tuesday 24 November 2026, 10:15 in Bangkok: a business day, inside hours. */
    protected final TestClock clock = new TestClock(Instant.parse("2026-11-24T03:15:00Z"), ZoneId.of("Asia/Bangkok"));

    protected void startConsole(Map<String, String> overrides) throws Exception {
        startGateway(overrides, clock);
        ConsoleUsers users = new ConsoleUsers(database.dataSource(), Clock.systemUTC(), new Passwords());
        users.create(OFFICER, "officer", PASSWORD);
        users.create(ADMIN, "admin", PASSWORD);
    }

    protected ConsoleClient client() {
        return new ConsoleClient(gateway.httpPort());
    }
}
