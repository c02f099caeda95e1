package th.go.saraban.gateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

class CheckScheduleTest {

    private static final LocalDate NEW_YEAR_2026 = LocalDate.of(2026, 1, 1);

    private final ReceiptCalendar receiptCalendar = new ReceiptCalendar(
            BusinessHours.parse("MON-FRI 08:30-16:30"),
            HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED)),
            ZoneId.of("Asia/Bangkok"));

    @Test
    void everyTwoMinutesIsEnough() {
        Optional<String> violation = CheckSchedule.violation("0 0/2 * * * ?", receiptCalendar, NEW_YEAR_2026, 366);

        assertThat(violation).isEmpty();
    }

    @Test
    void morningAndAfternoonOnWeekdaysIsEnough() {
        Optional<String> violation = CheckSchedule.violation("0 0 9,14 ? * MON-FRI", receiptCalendar, NEW_YEAR_2026, 366);

        assertThat(violation).isEmpty();
    }

    @Test
    void oncePerWeekdayViolatesOnFirstBusinessDay() {
        Optional<String> violation = CheckSchedule.violation("0 0 9 ? * MON-FRI", receiptCalendar, NEW_YEAR_2026, 366);

        assertThat(violation).contains("fires 1 time(s) inside business hours on Monday 2026-01-05;"
                + " the Act requires checking at least twice per business day");
    }

    @Test
    void skippingFridaysViolatesOnFirstBusinessFriday() {
        Optional<String> violation = CheckSchedule.violation("0 0 9,14 ? * MON-THU", receiptCalendar, NEW_YEAR_2026, 366);

        assertThat(violation).contains("fires 0 time(s) inside business hours on Friday 2026-01-09;"
                + " the Act requires checking at least twice per business day");
    }

    @Test
    void nightOnlyCronViolates() {
        Optional<String> violation = CheckSchedule.violation("0 0 20,23 * * ?", receiptCalendar, NEW_YEAR_2026, 366);

        assertThat(violation).hasValueSatisfying(v -> assertThat(v).startsWith("fires 0 time(s) inside business hours on Monday 2026-01-05"));
    }

    @Test
    void fireAtOpeningCountsAndFireAtClosingDoesNot() {
        Optional<String> violation = CheckSchedule.violation("0 30 8,16 ? * MON-FRI", receiptCalendar, NEW_YEAR_2026, 366);

        assertThat(violation).hasValueSatisfying(v -> assertThat(v).startsWith("fires 1 time(s)"));
    }

    @Test
    void cronIsReadInTheCalendarZone() {
        ReceiptCalendar utcCalendar = new ReceiptCalendar(
                BusinessHours.parse("MON-FRI 01:30-09:30"),
                HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED)),
                ZoneId.of("UTC"));

        Optional<String> violation = CheckSchedule.violation("0 0 9,14 ? * MON-FRI", utcCalendar, NEW_YEAR_2026, 366);

        assertThat(violation).hasValueSatisfying(v -> assertThat(v).startsWith("fires 1 time(s)"));
    }

    @Test
    void holidaysNeedNoChecks() {
        Optional<String> violation = CheckSchedule.violation("0 0 9,14 ? * MON-FRI", receiptCalendar,
                LocalDate.of(2025, 12, 31), 3);

        assertThat(violation).isEmpty();
    }

    @Test
    void lunchBreakWindowsAreCountedTogether() {
        ReceiptCalendar withLunch = new ReceiptCalendar(
                BusinessHours.parse("MON-FRI 08:30-12:00,13:00-16:30"),
                HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED)),
                ZoneId.of("Asia/Bangkok"));

        Optional<String> duringLunch = CheckSchedule.violation("0 0 9,12 ? * MON-FRI", withLunch, NEW_YEAR_2026, 366);
        Optional<String> eachWindow = CheckSchedule.violation("0 0 9,13 ? * MON-FRI", withLunch, NEW_YEAR_2026, 366);

        assertThat(duringLunch).hasValueSatisfying(v -> assertThat(v).startsWith("fires 1 time(s)"));
        assertThat(eachWindow).isEmpty();
    }

    @Test
    void acceptsCronFiringEverySecond() {
        Optional<String> violation = CheckSchedule.violation("* * * * * ?", receiptCalendar, NEW_YEAR_2026, 366);

        assertThat(violation).isEmpty();
    }

    @Test
    void unparseableCronCarriesQuartzMessage() {
        Throwable quartz = catchThrowable(() -> new CronExpression("0 0 25 * * ?"));

        assertThatThrownBy(() -> CheckSchedule.violation("0 0 25 * * ?", receiptCalendar, NEW_YEAR_2026, 366))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(quartz.getMessage());
    }
}
