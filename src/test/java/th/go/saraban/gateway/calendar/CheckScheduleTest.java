package th.go.saraban.gateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

class CheckScheduleTest {

    private static final LocalDate NEW_YEAR_2026 = LocalDate.of(2026, 1, 1);
    private static final LocalTime NOON = LocalTime.NOON;
    private static final String RULE = "; every business day needs a check in the morning and one in the afternoon,"
            + " and two in all";

    private final ReceiptCalendar receiptCalendar = calendar("MON-FRI 08:30-16:30");

    @Test
    void everyTwoMinutesIsEnough() {
        Optional<String> violation = CheckSchedule.violation("0 0/2 * * * ?", receiptCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).isEmpty();
    }

    @Test
    void morningAndAfternoonOnWeekdaysIsEnough() {
        Optional<String> violation = CheckSchedule.violation("0 0 9,14 ? * MON-FRI", receiptCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).isEmpty();
    }

    @Test
    void refusesTwoChecksAMinuteApartInTheMorning() {
        Optional<String> violation = CheckSchedule.violation("0 30,31 8 ? * MON-FRI", receiptCalendar, NOON,
                LocalDate.of(2027, 1, 1), 366);

        assertThat(violation).contains("on Monday 4 January 2027 no check falls in the afternoon (12:00-16:30)" + RULE);
    }

    @Test
    void oncePerWeekdayViolatesOnFirstBusinessDay() {
        Optional<String> violation = CheckSchedule.violation("0 0 9 ? * MON-FRI", receiptCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).contains("on Monday 5 January 2026 no check falls in the afternoon (12:00-16:30)" + RULE);
    }

    @Test
    void afternoonsOnlyViolatesForTheMorning() {
        Optional<String> violation = CheckSchedule.violation("0 0 13,15 ? * MON-FRI", receiptCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).contains("on Monday 5 January 2026 no check falls in the morning (08:30-12:00)" + RULE);
    }

    @Test
    void skippingFridaysViolatesOnFirstBusinessFriday() {
        Optional<String> violation = CheckSchedule.violation("0 0 9,14 ? * MON-THU", receiptCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).contains("on Friday 9 January 2026 no check falls in the morning (08:30-12:00)" + RULE);
    }

    @Test
    void nightOnlyCronViolates() {
        Optional<String> violation = CheckSchedule.violation("0 0 20,23 * * ?", receiptCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).hasValueSatisfying(v -> assertThat(v)
                .startsWith("on Monday 5 January 2026 no check falls in the morning"));
    }

    @Test
    void fireAtOpeningCountsAndFireAtClosingDoesNot() {
        Optional<String> violation = CheckSchedule.violation("0 30 8,16 ? * MON-FRI", receiptCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).hasValueSatisfying(v -> assertThat(v)
                .startsWith("on Monday 5 January 2026 no check falls in the afternoon"));
    }

    @Test
    void checkAtTheSplitCountsForTheAfternoon() {
        Optional<String> atNoon = CheckSchedule.violation("0 0 9,12 ? * MON-FRI", receiptCalendar, NOON, NEW_YEAR_2026, 366);
        Optional<String> beforeOnePm = CheckSchedule.violation("0 0 9,12 ? * MON-FRI", receiptCalendar,
                LocalTime.of(13, 0), NEW_YEAR_2026, 366);

        assertThat(atNoon).isEmpty();
        assertThat(beforeOnePm).contains("on Monday 5 January 2026 no check falls in the afternoon (13:00-16:30)" + RULE);
    }

    @Test
    void halfDayNeedsBothChecksInItsMorning() {
        ReceiptCalendar shortFriday = calendar("MON-THU 08:30-16:30; FRI 08:30-12:00");

        Optional<String> once = CheckSchedule.violation("0 0 9,14 ? * MON-FRI", shortFriday, NOON, NEW_YEAR_2026, 366);
        Optional<String> twice = CheckSchedule.violation("0 0 9,11,14 ? * MON-FRI", shortFriday, NOON, NEW_YEAR_2026, 366);

        assertThat(once).contains("on Friday 9 January 2026 only one check falls inside business hours (08:30-12:00)" + RULE);
        assertThat(twice).isEmpty();
    }

    @Test
    void afternoonOnlyHoursNeedNoMorningCheck() {
        ReceiptCalendar afternoons = calendar("MON-FRI 13:00-16:30");

        Optional<String> violation = CheckSchedule.violation("0 0 14,15 ? * MON-FRI", afternoons, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).isEmpty();
    }

    @Test
    void cronIsReadInTheCalendarZone() {
        ReceiptCalendar utcCalendar = new ReceiptCalendar(
                BusinessHours.parse("MON-FRI 01:30-09:30"),
                HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED)),
                ZoneId.of("UTC"));

        Optional<String> violation = CheckSchedule.violation("0 0 9,14 ? * MON-FRI", utcCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).contains("on Monday 5 January 2026 only one check falls inside business hours (01:30-09:30)" + RULE);
    }

    @Test
    void holidaysNeedNoChecks() {
        Optional<String> violation = CheckSchedule.violation("0 0 9,14 ? * MON-FRI", receiptCalendar, NOON,
                LocalDate.of(2025, 12, 31), 3);

        assertThat(violation).isEmpty();
    }

    @Test
    void lunchBreakIsNoCheckOpportunity() {
        ReceiptCalendar withLunch = calendar("MON-FRI 08:30-12:00,13:00-16:30");

        Optional<String> duringLunch = CheckSchedule.violation("0 0 9,12 ? * MON-FRI", withLunch, NOON, NEW_YEAR_2026, 366);
        Optional<String> eachWindow = CheckSchedule.violation("0 0 9,13 ? * MON-FRI", withLunch, NOON, NEW_YEAR_2026, 366);

        assertThat(duringLunch).contains("on Monday 5 January 2026 no check falls in the afternoon (13:00-16:30)" + RULE);
        assertThat(eachWindow).isEmpty();
    }

    @Test
    void acceptsCronFiringEverySecond() {
        Optional<String> violation = CheckSchedule.violation("* * * * * ?", receiptCalendar, NOON, NEW_YEAR_2026, 366);

        assertThat(violation).isEmpty();
    }

    @Test
    void unparseableCronCarriesQuartzMessage() {
        Throwable quartz = catchThrowable(() -> new CronExpression("0 0 25 * * ?"));

        assertThatThrownBy(() -> CheckSchedule.violation("0 0 25 * * ?", receiptCalendar, NOON, NEW_YEAR_2026, 366))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(quartz.getMessage());
    }

    private static ReceiptCalendar calendar(String hours) {
        return new ReceiptCalendar(BusinessHours.parse(hours),
                HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED)), ZoneId.of("Asia/Bangkok"));
    }
}
