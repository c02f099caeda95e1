package th.go.saraban.gateway.thai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OfficialDatesTest {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @Test
    void dateWritesFullMonthBuddhistYearAndThaiDigits() {
        ZonedDateTime christmasEve = bangkok("2026-12-24T09:30");

        String date = OfficialDates.date(christmasEve);

        assertThat(date).isEqualTo("๒๔ ธันวาคม ๒๕๖๙");
    }

    @Test
    void dateWritesDayWithoutLeadingZero() {
        ZonedDateTime fifthOfMarch = bangkok("2026-03-05T10:00");

        String date = OfficialDates.date(fifthOfMarch);

        assertThat(date).isEqualTo("๕ มีนาคม ๒๕๖๙");
    }

    @Test
    void shortDateUsesStandardAbbreviation() {
        ZonedDateTime christmasEve = bangkok("2026-12-24T09:30");

        String date = OfficialDates.shortDate(christmasEve);

        assertThat(date).isEqualTo("๒๔ ธ.ค. ๒๕๖๙");
    }

    @Test
    void dateUsesTheZoneOfTheTimeGiven() {
        ZonedDateTime lateEveningUtc = ZonedDateTime.of(LocalDateTime.parse("2026-12-31T20:00"), ZoneId.of("UTC"));

        String date = OfficialDates.date(lateEveningUtc.withZoneSameInstant(BANGKOK));

        assertThat(date).isEqualTo("๑ มกราคม ๒๕๗๐");
    }

    @Test
    void timeWritesTwoDigitHourAndMinuteWithDotAndSuffix() {
        ZonedDateTime halfPastNine = bangkok("2026-12-24T09:30");

        String time = OfficialDates.time(halfPastNine);

        assertThat(time).isEqualTo("๐๙.๓๐ น.");
    }

    @Test
    void englishDateTimeNamesTheZone() {
        ZonedDateTime halfPastNine = bangkok("2026-12-24T09:30");

        String text = OfficialDates.englishDateTime(halfPastNine);

        assertThat(text).isEqualTo("24 December 2026, 09:30 (Asia/Bangkok)");
    }

    @ParameterizedTest
    @EnumSource(Month.class)
    void fullMonthNameRoundTripsThroughParseDate(Month month) {
        ZonedDateTime day = bangkok("2026-01-28T12:00").withMonth(month.getValue());

        LocalDate parsed = OfficialDates.parseDate(OfficialDates.date(day));

        assertThat(parsed).isEqualTo(day.toLocalDate());
    }

    @ParameterizedTest
    @EnumSource(Month.class)
    void shortMonthNameRoundTripsThroughParseDate(Month month) {
        ZonedDateTime day = bangkok("2026-01-28T12:00").withMonth(month.getValue());

        LocalDate parsed = OfficialDates.parseDate(OfficialDates.shortDate(day));

        assertThat(parsed).isEqualTo(day.toLocalDate());
    }

    @Test
    void parsesTheSeedLettersDate() {
        String dateLine = "๒๗ ธันวาคม ๒๕๖๗";

        LocalDate parsed = OfficialDates.parseDate(dateLine);

        assertThat(parsed).isEqualTo(LocalDate.of(2024, 12, 27));
    }

    @Test
    void parsesDateAfterLongWanThi() {
        String reference = "ลงวันที่ ๑๑ มกราคม ๒๕๖๖";

        LocalDate parsed = OfficialDates.parseDate(reference);

        assertThat(parsed).isEqualTo(LocalDate.of(2023, 1, 11));
    }

    @Test
    void parsesTheSeedLettersStampDateAfterWanThi() {
        String stampDate = "วันที่ ๒๔ ธ.ค. ๒๕๖๗";

        LocalDate parsed = OfficialDates.parseDate(stampDate);

        assertThat(parsed).isEqualTo(LocalDate.of(2024, 12, 24));
    }

    @Test
    void parsesArabicDigits() {
        String resolutionDate = "9 พ.ค. 2566";

        LocalDate parsed = OfficialDates.parseDate(resolutionDate);

        assertThat(parsed).isEqualTo(LocalDate.of(2023, 5, 9));
    }

    @Test
    void parsesDateWithPorSorBeforeYear() {
        String formal = "๒๔ ธันวาคม พ.ศ. ๒๕๖๗";

        LocalDate parsed = OfficialDates.parseDate(formal);

        assertThat(parsed).isEqualTo(LocalDate.of(2024, 12, 24));
    }

    @Test
    void toleratesMissingAndExtraWhitespaceIncludingNonBreaking() {
        String ocr = "  วันที่๒๔\u00A0 ธ. ค.\t\u200B๒๕๖๗ ";

        LocalDate parsed = OfficialDates.parseDate(ocr);

        assertThat(parsed).isEqualTo(LocalDate.of(2024, 12, 24));
    }

    @Test
    void rejectsUnknownMonthNamingIt() {
        String misspelt = "๒๔ ธันวา ๒๕๖๗";

        assertThatThrownBy(() -> OfficialDates.parseDate(misspelt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ธันวา");
    }

    @Test
    void rejectsChristianEraYear() {
        String gregorian = "24 ธันวาคม 2024";

        assertThatThrownBy(() -> OfficialDates.parseDate(gregorian))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Buddhist-Era");
    }

    @Test
    void rejectsDayThatDoesNotExist() {
        String thirtiethOfFebruary = "๓๐ กุมภาพันธ์ ๒๕๖๙";

        assertThatThrownBy(() -> OfficialDates.parseDate(thirtiethOfFebruary))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No such day");
    }

    @Test
    void rejectsTextThatIsNotADate() {
        String subject = "ขอสำเนาทะเบียนบ้าน";

        assertThatThrownBy(() -> OfficialDates.parseDate(subject))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a Thai official date");
    }

    @Test
    void rejectsNullWithIllegalArgument() {
        assertThatThrownBy(() -> OfficialDates.parseDate(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ZonedDateTime bangkok(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), BANGKOK);
    }
}
