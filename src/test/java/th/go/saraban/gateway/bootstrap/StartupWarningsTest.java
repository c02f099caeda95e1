package th.go.saraban.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.CapturedLog;
import th.go.saraban.gateway.pipeline.GatewayUnderTest;
import th.go.saraban.gateway.pipeline.TestDatabase;
import th.go.saraban.gateway.pipeline.TestMailServer;

/** Settings that work but that the rules do not expect: the gateway starts and says so, naming the key. */
class StartupWarningsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    private static TestMailServer mailServer;
    private static TestDatabase database;

    @BeforeAll
    static void servers() {
        mailServer = new TestMailServer();
        database = TestDatabase.fresh();
    }

    @AfterAll
    static void stopServers() {
        mailServer.close();
    }

    @Test
    void warnsWhenCentralAddressDoesNotBeginWithSaraban() {
        List<String> warnings = warningsWhenStartedWith("saraban.central-address", "info@agency.go.th");

        assertThat(warnings).singleElement().asString()
                .contains("saraban.central-address=info@agency.go.th does not begin with saraban@")
                .contains("Correspondence Regulation (No. 4) B.E. 2564");
    }

    @Test
    void warnsWhenCentralAddressIsOnFreeWebmail() {
        List<String> warnings = warningsWhenStartedWith("saraban.central-address", "saraban@gmail.com");

        assertThat(warnings).singleElement().asString()
                .contains("saraban.central-address=saraban@gmail.com is on the free mail domain gmail.com");
    }

    @Test
    void staysQuietForAgencyCentralAddress() {
        List<String> warnings = warningsWhenStartedWith("saraban.central-address", "saraban@agency.go.th");

        assertThat(warnings).isEmpty();
    }

    @Test
    void staysQuietForEmbeddedDemoAddress() {
        List<String> warnings = warningsWhenStartedWith("saraban.central-address", "saraban@localhost");

        assertThat(warnings).isEmpty();
    }

    @Test
    void warnsWhenTimeZoneIsNotThaiTime() {
        List<String> warnings = warningsWhenStartedWith("saraban.timezone", "Asia/Tokyo");

        assertThat(warnings).singleElement().asString()
                .contains("saraban.timezone=Asia/Tokyo is not Asia/Bangkok")
                .contains("every deemed-received time moves (+02:00 from Thai time today)");
    }

    @Test
    void warnsWhenRealDeploymentHasNoAgencyName() {
        List<String> warnings = warningsWhenStartedWith("saraban.agency.name", "");

        assertThat(warnings).singleElement().asString()
                .startsWith("saraban.agency.name is blank: acknowledgements and the receipt stamp name the agency"
                        + " by its central address (saraban@agency.go.th)");
    }

    /** The WARN lines about these keys from one start with the test settings, a named agency and {@code key=value}. */
    private static List<String> warningsWhenStartedWith(String key, String value) {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put("saraban.agency.name", "ที่ทำการปกครองจังหวัดสกลนคร");
        settings.put(key, value);
        try (CapturedLog log = CapturedLog.capture()) {
            GatewayUnderTest.start(settings, NOW).close();
            return log.lines().stream().filter(line -> line.startsWith("WARN ")).filter(line -> line.contains(
                    "saraban.central-address") || line.contains("saraban.timezone") || line.contains(
                    "saraban.agency")).map(line -> line.substring(line.indexOf(" - ") + 3)).toList();
        }
    }
}
