package th.go.saraban.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway as an operator starts it, in a process of its own: a setting given through its
 * environment variable overrides config/application.properties, and a wrong one stops start-up with
 * one line naming the key, not a stack trace.
 */
class CommandLineStartTest {

    @Test
    void environmentVariableOverridesSettingAndWrongValueStopsStartWithOneLine() throws Exception {
        ProcessBuilder gateway = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "th.go.saraban.gateway.App"));
        gateway.environment().put("SARABAN_TIMEZONE", "Mars/Olympus_Mons");
        gateway.redirectErrorStream(true);

        Process process = gateway.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(ended).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(printed).contains("Invalid setting saraban.timezone: 'Mars/Olympus_Mons' is not a time zone")
                .doesNotContain("\tat ");
    }
}
