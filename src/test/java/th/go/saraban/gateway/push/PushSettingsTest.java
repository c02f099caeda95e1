package th.go.saraban.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;

/** The push settings an operator writes: refused when they cannot work, never printed with the secret. */
class PushSettingsTest {

    private static PushSettings read(Map<String, String> values) {
        return PushSettings.read(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void offWithoutAUrl() {
        assertThat(read(Map.of()).enabled()).isFalse();
    }

    @Test
    void refusesAUrlWithoutASecret() {
        Throwable refused = catchThrowable(() -> read(Map.of("saraban.push.url", "https://saraban.agency.go.th/in")));

        assertThat(refused).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid setting saraban.push.secret: is required when saraban.push.url is set");
    }

    @Test
    void refusesAUrlThatCarriesAPassword() {
        Throwable refused = catchThrowable(() -> read(Map.of("saraban.push.url",
                "https://gw:pw@saraban.agency.go.th/in", "saraban.push.secret", "0123456789abcdef0123")));

        assertThat(refused).hasMessageStartingWith("Invalid setting saraban.push.url: must not carry a user name");
    }

    @Test
    void delaysDoubleFromTheFirstRetryUpToTheLongest() {
        PushSettings settings = read(Map.of("saraban.push.first-retry-seconds", "60",
                "saraban.push.longest-retry-minutes", "5"));

        assertThat(settings.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(settings.delayAfter(4)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.delayAfter(40)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void describedWithoutTheSecret() {
        PushSettings settings = read(Map.of("saraban.push.url", "https://saraban.agency.go.th/in",
                "saraban.push.secret", "s3cret-value-9f8e7d6c"));

        assertThat(settings.toString()).contains("https://saraban.agency.go.th/in").doesNotContain("s3cret-value");
        assertThat(new PushSignature("s3cret-value-9f8e7d6c").toString()).doesNotContain("s3cret-value");
    }

    @Test
    void signsTheExactBytesAsHexHmacSha256() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        String signature = new PushSignature("Jefe").sign("what do ya want for nothing?".getBytes());

        assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
