package th.go.saraban.gateway.thai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class ReceiptStampTest {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @Test
    void stampsReceiptNumberDateAndTimeInThai() {
        ZonedDateTime receivedAt = bangkok("2026-12-24T09:30");

        String stamp = ReceiptStamp.text(123, receivedAt);

        assertThat(stamp).isEqualTo("เลขรับ ๑๒๓ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๐๙.๓๐ น.");
    }

    @Test
    void stampsMidnightAsZeroZeroHundred() {
        ZonedDateTime midnight = bangkok("2026-12-24T00:00");

        String stamp = ReceiptStamp.text(1, midnight);

        assertThat(stamp).isEqualTo("เลขรับ ๑ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๐๐.๐๐ น.");
    }

    @Test
    void stampsAfternoonOnTheTwentyFourHourClock() {
        ZonedDateTime fivePastFour = bangkok("2026-12-24T16:05");

        String stamp = ReceiptStamp.text(224, fivePastFour);

        assertThat(stamp).isEqualTo("เลขรับ ๒๒๔ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๑๖.๐๕ น.");
    }

    @Test
    void stampsLastMinuteOfTheYearInTheOldThaiYear() {
        ZonedDateTime newYearsEve = bangkok("2026-12-31T23:59");

        String stamp = ReceiptStamp.text(4812, newYearsEve);

        assertThat(stamp).isEqualTo("เลขรับ ๔๘๑๒ วันที่ ๓๑ ธันวาคม ๒๕๖๙ เวลา ๒๓.๕๙ น.");
    }

    @Test
    void stampsFirstOfJanuaryInTheNewThaiYear() {
        ZonedDateTime newYearsDay = bangkok("2027-01-01T00:00");

        String stamp = ReceiptStamp.text(1, newYearsDay);

        assertThat(stamp).isEqualTo("เลขรับ ๑ วันที่ ๑ มกราคม ๒๕๗๐ เวลา ๐๐.๐๐ น.");
    }

    @Test
    void refusesReceiptNumberBelowOne() {
        ZonedDateTime receivedAt = bangkok("2026-12-24T09:30");

        assertThatThrownBy(() -> ReceiptStamp.text(0, receivedAt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start at 1");
    }

    private static ZonedDateTime bangkok(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), BANGKOK);
    }
}
