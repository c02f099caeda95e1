package th.go.saraban.gateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import th.go.saraban.gateway.calendar.BusinessHours.Window;

class BusinessHoursTest {

    @Test
    void defaultSpecOpensMondayToFriday() {
        BusinessHours hours = BusinessHours.parse("MON-FRI 08:30-16:30");

        assertThat(hours.windowsOn(DayOfWeek.MONDAY)).containsExactly(window("08:30", "16:30"));
        assertThat(hours.windowsOn(DayOfWeek.FRIDAY)).containsExactly(window("08:30", "16:30"));
        assertThat(hours.windowsOn(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(hours.windowsOn(DayOfWeek.SUNDAY)).isEmpty();
    }

    @Test
    void lunchBreakGivesTwoWindowsAndFridayItsOwn() {
        BusinessHours hours = BusinessHours.parse("MON-THU 08:30-12:00,13:00-16:30; FRI 08:30-15:30");

        assertThat(hours.windowsOn(DayOfWeek.THURSDAY))
                .containsExactly(window("08:30", "12:00"), window("13:00", "16:30"));
        assertThat(hours.windowsOn(DayOfWeek.FRIDAY)).containsExactly(window("08:30", "15:30"));
    }

    @Test
    void windowsAreSortedWhateverTheOrderWritten() {
        BusinessHours hours = BusinessHours.parse("MON 13:00-16:30,08:30-12:00");

        assertThat(hours.windowsOn(DayOfWeek.MONDAY))
                .containsExactly(window("08:30", "12:00"), window("13:00", "16:30"));
    }

    @Test
    void listedDaysAndLowerCaseAreAccepted() {
        BusinessHours hours = BusinessHours.parse("mon,Wed 09:00-15:00");

        assertThat(hours.windowsOn(DayOfWeek.MONDAY)).containsExactly(window("09:00", "15:00"));
        assertThat(hours.windowsOn(DayOfWeek.TUESDAY)).isEmpty();
        assertThat(hours.windowsOn(DayOfWeek.WEDNESDAY)).containsExactly(window("09:00", "15:00"));
    }

    @Test
    void toStringGivesCanonicalSpec() {
        BusinessHours hours = BusinessHours.parse(" FRI 08:30-15:30 ;MON-THU 13:00-16:30, 08:30-12:00;SAT 09:00-12:00;");

        assertThat(hours).hasToString("MON-THU 08:30-12:00,13:00-16:30; FRI 08:30-15:30; SAT 09:00-12:00");
    }

    @Test
    void toStringGroupsSeparateDaysWithTheSameWindows() {
        BusinessHours hours = BusinessHours.parse("MON 08:30-16:30; WED 08:30-16:30; FRI 08:30-16:30; TUE 09:00-12:00");

        assertThat(hours).hasToString("MON,WED,FRI 08:30-16:30; TUE 09:00-12:00");
    }

    @Test
    void canonicalSpecParsesBackToTheSameHours() {
        BusinessHours hours = BusinessHours.parse("MON-THU 08:30-12:00,13:00-16:30; FRI 08:30-15:30");

        BusinessHours again = BusinessHours.parse(hours.toString());

        assertThat(again).isEqualTo(hours);
    }

    @Test
    void rejectsEmptySpec() {
        assertThatThrownBy(() -> BusinessHours.parse("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("business hours are empty");
    }

    @Test
    void rejectsWindowThatClosesBeforeItOpens() {
        assertThatThrownBy(() -> BusinessHours.parse("MON-FRI 16:30-08:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16:30-08:30 must open before it closes");
    }

    @Test
    void rejectsWindowThatClosesWhenItOpens() {
        assertThatThrownBy(() -> BusinessHours.parse("MON 08:30-08:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must open before it closes");
    }

    @Test
    void rejectsOverlappingWindows() {
        assertThatThrownBy(() -> BusinessHours.parse("MON-FRI 08:30-12:30,12:00-16:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windows 08:30-12:30 and 12:00-16:30 overlap");
    }

    @Test
    void rejectsDayGivenTwice() {
        assertThatThrownBy(() -> BusinessHours.parse("MON-FRI 08:30-16:30; FRI 08:30-15:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FRI is given twice");
    }

    @Test
    void rejectsUnknownDay() {
        assertThatThrownBy(() -> BusinessHours.parse("MON-FRY 08:30-16:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown day 'FRY'");
    }

    @Test
    void rejectsBackwardDayRange() {
        assertThatThrownBy(() -> BusinessHours.parse("FRI-MON 08:30-16:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FRI-MON runs backwards");
    }

    @Test
    void rejectsBadTime() {
        assertThatThrownBy(() -> BusinessHours.parse("MON-FRI 08:30-24:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'24:30' is not a time");
    }

    @Test
    void rejectsDaysWithoutTimes() {
        assertThatThrownBy(() -> BusinessHours.parse("MON-FRI"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'MON-FRI' is not days followed by times");
    }

    private static Window window(String open, String close) {
        return new Window(LocalTime.parse(open), LocalTime.parse(close));
    }
}
