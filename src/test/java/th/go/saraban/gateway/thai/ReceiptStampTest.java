package th.go.saraban.gateway.thai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class ReceiptStampTest {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final Agency SAKON_NAKHON = new Agency("ที่ทำการปกครองจังหวัดสกลนคร", "สน ๐๐๑๘.๑", "");

    @Test
    void stampsAgencyReceiptNumberDateAndTimeInThai() {
        ZonedDateTime deemed = bangkok("2026-12-24T09:30");

        String stamp = new ReceiptStamp(SAKON_NAKHON, new RegisterTag(2569, 123), deemed).text();

        assertThat(stamp).isEqualTo(
                "ที่ทำการปกครองจังหวัดสกลนคร (สน ๐๐๑๘.๑) เลขรับ ๑๒๓ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๐๙.๓๐ น.");
    }

    @Test
    void stampsAgencyWithoutCodeByNameAlone() {
        Agency demo = new Agency("saraban@localhost", "", "");

        String stamp = new ReceiptStamp(demo, new RegisterTag(2569, 1), bangkok("2026-12-24T09:30")).text();

        assertThat(stamp).isEqualTo("saraban@localhost เลขรับ ๑ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๐๙.๓๐ น.");
    }

    @Test
    void stampsMidnightAsZeroZeroHundred() {
        String stamp = new ReceiptStamp(SAKON_NAKHON, new RegisterTag(2569, 1), bangkok("2026-12-24T00:00")).text();

        assertThat(stamp).endsWith("เลขรับ ๑ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๐๐.๐๐ น.");
    }

    @Test
    void stampsAfternoonOnTheTwentyFourHourClock() {
        String stamp = new ReceiptStamp(SAKON_NAKHON, new RegisterTag(2569, 224), bangkok("2026-12-24T16:05")).text();

        assertThat(stamp).endsWith("เลขรับ ๒๒๔ วันที่ ๒๔ ธันวาคม ๒๕๖๙ เวลา ๑๖.๐๕ น.");
    }

    @Test
    void stampsDeemedTimeInTheAgencyZoneWhateverTheInstantsOffset() {
        Instant deemed = Instant.parse("2026-01-05T01:30:00Z");

        String stamp = ReceiptStamp.of(SAKON_NAKHON, new RegisterTag(2569, 1), deemed, BANGKOK).text();

        assertThat(stamp).endsWith("เลขรับ ๑ วันที่ ๕ มกราคม ๒๕๖๙ เวลา ๐๘.๓๐ น.");
    }

    @Test
    void refusesArrivalTimeOfTheOldYearOnANumberOfTheNewYear() {
        ZonedDateTime arrival = bangkok("2025-12-30T17:00");
        RegisterTag firstOf2569 = new RegisterTag(2569, 1);

        assertThatThrownBy(() -> new ReceiptStamp(SAKON_NAKHON, firstOf2569, arrival))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("falls in 2568")
                .hasMessageContaining("belongs to 2569");
    }

    private static ZonedDateTime bangkok(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), BANGKOK);
    }
}
