package th.go.saraban.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RegulationWarningsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void recognisesFreeMailUnderAnyCountrySuffix() {
        assertThat(RegulationWarnings.isFreeMail("gmx.de")).isTrue();
        assertThat(RegulationWarnings.isFreeMail("GMX.net")).isTrue();
        assertThat(RegulationWarnings.isFreeMail("yandex.ru")).isTrue();
    }

    @Test
    void recognisesThaiFreeMail() {
        assertThat(RegulationWarnings.isFreeMail("hotmail.co.th")).isTrue();
        assertThat(RegulationWarnings.isFreeMail("yahoo.co.th")).isTrue();
    }

    @Test
    void doesNotTakeAgencyDomainsForFreeMail() {
        assertThat(RegulationWarnings.isFreeMail("agency.go.th")).isFalse();
        assertThat(RegulationWarnings.isFreeMail("gmxagency.go.th")).isFalse();
        assertThat(RegulationWarnings.isFreeMail("mail.com.agency.go.th")).isFalse();
    }

    @Test
    void givesBothWarningsForPersonalWebmailAddress() {
        assertThat(RegulationWarnings.centralAddress("somchai@hotmail.co.th")).hasSize(2);
    }

    @Test
    void acceptsSarabanInCapitals() {
        assertThat(RegulationWarnings.centralAddress("SARABAN@Agency.go.th")).isEmpty();
    }

    @Test
    void saysWhenAnotherZoneHasTheSameOffsetToday() {
        assertThat(RegulationWarnings.timeZone(ZoneId.of("Asia/Ho_Chi_Minh"), NOW)).hasValueSatisfying(
                warning -> assertThat(warning).contains("the same offset as Thai time today"));
    }

    @Test
    void staysQuietForThaiTime() {
        assertThat(RegulationWarnings.timeZone(ZoneId.of("Asia/Bangkok"), NOW)).isEmpty();
    }
}
