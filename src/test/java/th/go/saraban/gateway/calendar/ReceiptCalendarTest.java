package th.go.saraban.gateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptCalendarTest {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final HolidayCalendar HOLIDAYS = HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED));

    private final ReceiptCalendar receiptCalendar =
            new ReceiptCalendar(BusinessHours.parse("MON-FRI 08:30-16:30"), HOLIDAYS, BANGKOK);

    @TempDir
    Path dir;

    @Test
    void keepsReceiptTimeInsideHours() {
        Instant receivedAt = bangkok("2026-03-04T10:15:42");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(receivedAt);
    }

    @Test
    void openingMinuteIsInsideHours() {
        Instant receivedAt = bangkok("2026-03-04T08:30");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(receivedAt);
    }

    @Test
    void lastMillisecondBeforeClosingIsInsideHours() {
        Instant receivedAt = bangkok("2026-03-04T16:29:59.999");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(receivedAt);
    }

    @Test
    void closingMinuteMovesToNextMorning() {
        Instant receivedAt = bangkok("2026-03-04T16:30");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-03-05T08:30"));
    }

    @Test
    void beforeOpeningMovesToOpeningSameDay() {
        Instant receivedAt = bangkok("2026-03-04T07:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-03-04T08:30"));
    }

    @Test
    void fridayEveningMovesToMonday() {
        Instant receivedAt = bangkok("2026-03-06T18:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-03-09T08:30"));
    }

    @Test
    void saturdayMovesToMonday() {
        Instant receivedAt = bangkok("2026-03-07T10:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-03-09T08:30"));
    }

    @Test
    void sundayMovesToMonday() {
        Instant receivedAt = bangkok("2026-03-08T23:59");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-03-09T08:30"));
    }

    @Test
    void fridayBeforeSongkranMovesPastTheWeekendAndSongkran() {
        Instant receivedAt = bangkok("2026-04-10T17:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-04-16T08:30"));
    }

    @Test
    void sundayBeforeSongkranMovesToTheDayAfterSongkran() {
        Instant receivedAt = bangkok("2026-04-12T20:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-04-16T08:30"));
    }

    @Test
    void chakriDayMondayMovesToTuesday() {
        Instant receivedAt = bangkok("2026-04-06T10:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-04-07T08:30"));
    }

    @Test
    void weekendBeforeSubstituteDayMovesPastIt() {
        Instant receivedAt = bangkok("2026-05-30T09:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-06-02T08:30"));
    }

    @Test
    void substituteDayIsNotABusinessDay() {
        assertThat(receiptCalendar.isBusinessDay(LocalDate.of(2026, 6, 1))).isFalse();
    }

    @Test
    void specialDayIsNotABusinessDay() {
        Instant receivedAt = bangkok("2026-01-02T10:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(receiptCalendar.isBusinessDay(LocalDate.of(2026, 1, 2))).isFalse();
        assertThat(deemed).isEqualTo(bangkok("2026-01-05T08:30"));
    }

    @Test
    void labourDayIsABusinessDay() {
        Instant receivedAt = bangkok("2026-05-01T10:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(receiptCalendar.isBusinessDay(LocalDate.of(2026, 5, 1))).isTrue();
        assertThat(deemed).isEqualTo(receivedAt);
    }

    @Test
    void royalPloughingDayIsNotABusinessDay() {
        assertThat(receiptCalendar.isBusinessDay(LocalDate.of(2026, 5, 13))).isFalse();
    }

    @Test
    void yearEndMovesPastNewYearHolidaysAndWeekend() {
        Instant receivedAt = bangkok("2025-12-30T17:00");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-01-05T08:30"));
    }

    @Test
    void bangkokTimeDecidesNotUtc() {
        Instant receivedAt = Instant.parse("2026-03-04T01:00:00Z");

        Instant deemed = receiptCalendar.deemedReceivedAt(receivedAt);

        assertThat(receiptCalendar.isBusinessInstant(receivedAt)).isFalse();
        assertThat(deemed).isEqualTo(Instant.parse("2026-03-04T01:30:00Z"));
    }

    @Test
    void lunchBreakMovesToAfternoonWindow() {
        ReceiptCalendar withLunch = new ReceiptCalendar(
                BusinessHours.parse("MON-THU 08:30-12:00,13:00-16:30; FRI 08:30-15:30"), HOLIDAYS, BANGKOK);
        Instant receivedAt = bangkok("2026-03-04T12:00");

        Instant deemed = withLunch.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-03-04T13:00"));
    }

    @Test
    void lastMinuteBeforeLunchIsInsideHours() {
        ReceiptCalendar withLunch = new ReceiptCalendar(
                BusinessHours.parse("MON-THU 08:30-12:00,13:00-16:30; FRI 08:30-15:30"), HOLIDAYS, BANGKOK);

        assertThat(withLunch.isBusinessInstant(bangkok("2026-03-04T11:59"))).isTrue();
        assertThat(withLunch.isBusinessInstant(bangkok("2026-03-04T12:30"))).isFalse();
    }

    @Test
    void shorterFridayClosesEarlier() {
        ReceiptCalendar withLunch = new ReceiptCalendar(
                BusinessHours.parse("MON-THU 08:30-12:00,13:00-16:30; FRI 08:30-15:30"), HOLIDAYS, BANGKOK);
        Instant receivedAt = bangkok("2026-03-06T15:45");

        Instant deemed = withLunch.deemedReceivedAt(receivedAt);

        assertThat(deemed).isEqualTo(bangkok("2026-03-09T08:30"));
    }

    @Test
    void receiptInsideTheDataRestsOnHolidayData() {
        DeemedReceipt receipt = receiptCalendar.deemedReceipt(bangkok("2026-12-30T17:00"));

        assertThat(receipt.at()).isEqualTo(bangkok("2027-01-04T08:30"));
        assertThat(receipt.withoutHolidayData()).isFalse();
    }

    @Test
    void receiptOnADateBeyondTheDataIsFlagged() {
        DeemedReceipt receipt = receiptCalendar.deemedReceipt(bangkok("2028-03-01T10:00"));

        assertThat(receipt.at()).isEqualTo(bangkok("2028-03-01T10:00"));
        assertThat(receipt.withoutHolidayData()).isTrue();
    }

    @Test
    void receiptWalkingIntoAYearBeyondTheDataIsFlagged() throws IOException {
        Path file = Files.writeString(dir.resolve("only-2026.csv"), "date,weekday,name_th,kind,status,note,source\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n");
        ReceiptCalendar only2026 = new ReceiptCalendar(BusinessHours.parse("MON-FRI 08:30-16:30"),
                HolidayCalendar.load(List.of(file)), BANGKOK);

        DeemedReceipt insideHours = only2026.deemedReceipt(bangkok("2026-12-30T10:00"));
        DeemedReceipt lastEvening = only2026.deemedReceipt(bangkok("2026-12-30T17:00"));

        assertThat(insideHours.withoutHolidayData()).isFalse();
        assertThat(lastEvening.at()).isEqualTo(bangkok("2027-01-01T08:30"));
        assertThat(lastEvening.withoutHolidayData()).isTrue();
    }

    @Test
    void nextOpeningAtAnOpeningIsThatOpening() {
        Instant opening = bangkok("2026-03-04T08:30");

        Instant next = receiptCalendar.nextOpening(opening);

        assertThat(next).isEqualTo(opening);
    }

    @Test
    void nextOpeningInsideHoursIsTheNextWindow() {
        Instant next = receiptCalendar.nextOpening(bangkok("2026-03-04T08:31"));

        assertThat(next).isEqualTo(bangkok("2026-03-05T08:30"));
    }

    @Test
    void givesUpWhenHolidaysCoverEveryBusinessDay() throws IOException {
        StringBuilder csv = new StringBuilder("date,weekday,name_th,kind,note,source\n");
        for (LocalDate saturday = LocalDate.of(2026, 1, 3); saturday.getYear() < 2030; saturday = saturday.plusWeeks(1)) {
            csv.append(saturday).append(",Sat,วันหยุด,special,,test\n");
        }
        Path file = Files.writeString(dir.resolve("every-saturday.csv"), csv);
        ReceiptCalendar saturdaysOnly = new ReceiptCalendar(
                BusinessHours.parse("SAT 09:00-12:00"), HolidayCalendar.load(List.of(file)), BANGKOK);

        assertThatThrownBy(() -> saturdaysOnly.nextOpening(bangkok("2026-01-01T00:00")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no business window opens within");
    }

    @Test
    void saturdayIsNotABusinessDayWithoutWindows() {
        assertThat(receiptCalendar.isBusinessDay(LocalDate.of(2026, 3, 7))).isFalse();
    }

    @Test
    void saturdayIsABusinessDayWhenHoursSaySo() {
        ReceiptCalendar openSaturday = new ReceiptCalendar(
                BusinessHours.parse("MON-SAT 08:30-16:30"), HOLIDAYS, BANGKOK);

        Instant deemed = openSaturday.deemedReceivedAt(bangkok("2026-03-06T18:00"));

        assertThat(deemed).isEqualTo(bangkok("2026-03-07T08:30"));
    }

    private static Instant bangkok(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BANGKOK).toInstant();
    }
}
