package th.go.saraban.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.CapturedLog;
import th.go.saraban.gateway.pipeline.GatewayUnderTest;
import th.go.saraban.gateway.pipeline.TestDatabase;
import th.go.saraban.gateway.pipeline.TestMailServer;

/** An agency's name is Thai: written in the settings file as UTF-8, it must reach the gateway intact. */
class SettingsFileEncodingTest {

    @Test
    void readsThaiAgencyNameFromTheSettingsFile() throws Exception {
        Path file = Files.createTempFile("application", ".properties");
        Files.writeString(file, Files.readString(Path.of("config/application.properties"))
                + "\nsaraban.agency.name = ที่ทำการปกครองจังหวัดสกลนคร\nsaraban.agency.code = สน ๐๐๑๘.๑\n",
                StandardCharsets.UTF_8);
        try (TestMailServer mailServer = new TestMailServer(); CapturedLog log = CapturedLog.capture()) {
            Main main = GatewayMain.create();
            main.setDefaultPropertyPlaceholderLocation("file:" + file);
            GatewayUnderTest.settingsFor(mailServer, TestDatabase.fresh()).forEach(main::addOverrideProperty);
            main.bind("clock", Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok")));

            main.start();
            main.stop();

            assertThat(log.lines()).filteredOn(line -> line.contains("Saraban gateway:")).singleElement().asString()
                    .contains(", agency ที่ทำการปกครองจังหวัดสกลนคร (สน ๐๐๑๘.๑),");
        }
    }
}
