package th.go.saraban.gateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import th.go.saraban.gateway.calendar.HolidayCalendar.Holiday;

class HolidayCalendarTest {

    static final Path SHIPPED = Path.of("config/holidays/th-government-holidays.csv");
    private static final String HEADER = "date,weekday,name_th,kind,note,source\n";
    private static final String STATUS_HEADER = "date,weekday,name_th,kind,status,note,source\n";

    @TempDir
    Path dir;

    @Test
    void shippedFileCovers2025To2027() {
        HolidayCalendar holidays = HolidayCalendar.load(List.of(SHIPPED));

        assertThat(holidays.coveredYears()).containsExactly(2025, 2026, 2027);
        assertThat(holidays.lastCoveredDate()).contains(LocalDate.of(2027, 12, 31));
    }

    @Test
    void shippedFileKnowsSubstituteDayWithItsSource() {
        HolidayCalendar holidays = HolidayCalendar.load(List.of(SHIPPED));

        Holiday substitute = holidays.holiday(LocalDate.of(2026, 6, 1)).orElseThrow();

        assertThat(substitute.kind()).isEqualTo("substitute");
        assertThat(substitute.nameTh()).isEqualTo("ชดเชยวันวิสาขบูชา");
        assertThat(substitute.source()).isEqualTo("cabinet resolution, as collected by vacanza/holidays (Thailand)");
    }

    @Test
    void shippedFileMarks2027Provisional() {
        HolidayCalendar holidays = HolidayCalendar.load(List.of(SHIPPED));

        Holiday newYear2027 = holidays.holiday(LocalDate.of(2027, 1, 1)).orElseThrow();

        assertThat(newYear2027.source()).endsWith("provisional");
        assertThat(newYear2027.note()).startsWith("provisional");
        assertThat(newYear2027.provisional()).isTrue();
        assertThat(holidays.holiday(LocalDate.of(2026, 12, 31)).orElseThrow().provisional()).isFalse();
        assertThat(holidays.provisionalYears()).containsExactly(2027);
    }

    @Test
    void readsFileWithoutStatusColumnAsConfirmed() throws IOException {
        Path file = write("old-format.csv", HEADER + "2027-01-01,Fri,วันขึ้นปีใหม่,holiday,,cabinet resolution\n");

        HolidayCalendar holidays = HolidayCalendar.load(List.of(file));

        assertThat(holidays.holiday(LocalDate.of(2027, 1, 1)).orElseThrow().provisional()).isFalse();
        assertThat(holidays.provisionalYears()).isEmpty();
    }

    @Test
    void readsStatusColumnInAnyPosition() throws IOException {
        Path file = write("status-last.csv", "date,weekday,name_th,kind,note,source,status\n"
                + "2027-01-01,Fri,วันขึ้นปีใหม่,holiday,,cabinet resolution,provisional\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,,cabinet resolution,confirmed\n");

        HolidayCalendar holidays = HolidayCalendar.load(List.of(file));

        assertThat(holidays.holiday(LocalDate.of(2027, 1, 1)).orElseThrow().provisional()).isTrue();
        assertThat(holidays.holiday(LocalDate.of(2026, 12, 31)).orElseThrow().provisional()).isFalse();
    }

    @Test
    void rejectsUnknownStatus() throws IOException {
        Path file = write("bad-status.csv", STATUS_HEADER + "2027-01-01,Fri,วันขึ้นปีใหม่,holiday,tentative,,cabinet resolution\n");

        assertThatThrownBy(() -> HolidayCalendar.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad-status.csv line 2")
                .hasMessageContaining("status 'tentative' is neither confirmed nor provisional");
    }

    @Test
    void coversWholeYearsThatHaveRows() throws IOException {
        Path file = write("gap.csv", STATUS_HEADER
                + "2025-12-31,Wed,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n"
                + "2027-01-01,Fri,วันขึ้นปีใหม่,holiday,confirmed,,cabinet resolution\n");

        HolidayCalendar holidays = HolidayCalendar.load(List.of(file));

        assertThat(holidays.covers(LocalDate.of(2025, 1, 1))).isTrue();
        assertThat(holidays.covers(LocalDate.of(2026, 6, 1))).isFalse();
        assertThat(holidays.covers(LocalDate.of(2027, 12, 31))).isTrue();
        assertThat(holidays.covers(LocalDate.of(2028, 1, 1))).isFalse();
    }

    @Test
    void warnsInMidNovemberThatNextJanuaryIsProvisional() {
        HolidayCalendar holidays = HolidayCalendar.load(List.of(SHIPPED));

        HolidayCoverage coverage = holidays.coverage(LocalDate.of(2026, 11, 15));

        assertThat(coverage.until()).isEqualTo(LocalDate.of(2027, 1, 14));
        assertThat(coverage.warnings()).containsExactly("Holiday data for 2027 is provisional (22 rows) and 2027"
                + " starts in 47 days: special days and Royal Ploughing Day may still be announced. When the cabinet"
                + " resolution for 2027 is published, correct the rows and mark them confirmed in " + SHIPPED);
    }

    @Test
    void quietWhenTheNextSixtyDaysHaveConfirmedData() {
        HolidayCalendar holidays = HolidayCalendar.load(List.of(SHIPPED));

        HolidayCoverage coverage = holidays.coverage(LocalDate.of(2026, 6, 1));

        assertThat(coverage.isQuiet()).isTrue();
        assertThat(coverage.warnings()).isEmpty();
    }

    @Test
    void warnsWhenDataEndsWithinSixtyDays() throws IOException {
        Path file = write("only-2026.csv", STATUS_HEADER + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n");
        HolidayCalendar holidays = HolidayCalendar.load(List.of(file));

        HolidayCoverage lastQuietDay = holidays.coverage(LocalDate.of(2026, 11, 1));
        HolidayCoverage firstWarnedDay = holidays.coverage(LocalDate.of(2026, 11, 2));

        assertThat(lastQuietDay.warnings()).isEmpty();
        assertThat(firstWarnedDay.warnings()).containsExactly("Holiday data has no rows for 2027 and 2027 starts in"
                + " 60 days: from 2027-01-01 every weekday counts as a business day and new entries are marked"
                + " deemed_without_holiday_data. Add the cabinet's 2027 government holidays to " + file);
    }

    @Test
    void warnsWhenTodayIsBeyondTheData() {
        HolidayCalendar holidays = HolidayCalendar.load(List.of(SHIPPED));

        HolidayCoverage coverage = holidays.coverage(LocalDate.of(2028, 3, 1));

        assertThat(coverage.warnings()).singleElement().asString()
                .startsWith("Holiday data has no rows for 2028 and 2028 is the current year: from 2028-03-01");
    }

    @Test
    void labourDayIsNotAGovernmentHoliday() {
        HolidayCalendar holidays = HolidayCalendar.load(List.of(SHIPPED));

        assertThat(holidays.isHoliday(LocalDate.of(2026, 5, 1))).isFalse();
    }

    @Test
    void emptyCalendarCoversNothing() throws IOException {
        Path file = write("empty.csv", HEADER);

        HolidayCalendar holidays = HolidayCalendar.load(List.of(file));

        assertThat(holidays.coveredYears()).isEmpty();
        assertThat(holidays.lastCoveredDate()).isEmpty();
    }

    @Test
    void quotedFieldsKeepCommasAndQuotes() throws IOException {
        Path file = write("quoted.csv", HEADER
                + "2026-01-02,Fri,\"วันหยุดพิเศษ, (เพิ่มเติม)\",special,\"the \"\"bridge\"\" day\",\"cabinet resolution, 2025\"\n");

        Holiday holiday = HolidayCalendar.load(List.of(file)).holiday(LocalDate.of(2026, 1, 2)).orElseThrow();

        assertThat(holiday.nameTh()).isEqualTo("วันหยุดพิเศษ, (เพิ่มเติม)");
        assertThat(holiday.note()).isEqualTo("the \"bridge\" day");
        assertThat(holiday.source()).isEqualTo("cabinet resolution, 2025");
    }

    @Test
    void skipsCommentAndBlankLines() throws IOException {
        Path file = write("commented.csv", "# edited by the records office\n" + HEADER
                + "\n# 2026\n2026-01-01,Thu,วันขึ้นปีใหม่,holiday,,cabinet resolution\n");

        HolidayCalendar holidays = HolidayCalendar.load(List.of(file));

        assertThat(holidays.isHoliday(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(holidays.coveredYears()).containsExactly(2026);
    }

    @Test
    void mergesFilesAndKeepsTheFirstRowForADate() throws IOException {
        Path first = write("first.csv", HEADER + "2026-01-01,Thu,วันขึ้นปีใหม่,holiday,,cabinet resolution\n");
        Path second = write("second.csv", HEADER
                + "2026-01-01,Thu,ซ้ำ,special,,agency order\n"
                + "2028-01-03,Mon,วันหยุดของหน่วยงาน,special,,agency order\n");

        HolidayCalendar holidays = HolidayCalendar.load(List.of(first, second));

        assertThat(holidays.holiday(LocalDate.of(2026, 1, 1)).orElseThrow().nameTh()).isEqualTo("วันขึ้นปีใหม่");
        assertThat(holidays.isHoliday(LocalDate.of(2028, 1, 3))).isTrue();
        assertThat(holidays.lastCoveredDate()).contains(LocalDate.of(2028, 12, 31));
    }

    @Test
    void rejectsBadDateNamingFileAndLine() throws IOException {
        Path file = write("bad-date.csv", HEADER
                + "2026-01-01,Thu,วันขึ้นปีใหม่,holiday,,cabinet resolution\n"
                + "2569-02-30,Mon,วันมาฆบูชา,holiday,,cabinet resolution\n");

        assertThatThrownBy(() -> HolidayCalendar.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad-date.csv line 3")
                .hasMessageContaining("'2569-02-30' is not a date");
    }

    @Test
    void rejectsWeekdayThatDoesNotMatchTheDate() throws IOException {
        Path file = write("bad-weekday.csv", HEADER + "2026-04-13,Tue,วันสงกรานต์,holiday,,cabinet resolution\n");

        assertThatThrownBy(() -> HolidayCalendar.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad-weekday.csv line 2")
                .hasMessageContaining("weekday 'Tue' does not match 2026-04-13, which is a Mon");
    }

    @Test
    void rejectsUnknownKind() throws IOException {
        Path file = write("bad-kind.csv", HEADER + "2026-05-01,Fri,วันแรงงาน,private,,labour ministry\n");

        assertThatThrownBy(() -> HolidayCalendar.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad-kind.csv line 2")
                .hasMessageContaining("unknown kind 'private'");
    }

    @Test
    void rejectsRowWithoutSource() throws IOException {
        Path file = write("no-source.csv", HEADER + "2026-01-01,Thu,วันขึ้นปีใหม่,holiday,,\n");

        assertThatThrownBy(() -> HolidayCalendar.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-source.csv line 2")
                .hasMessageContaining("source is empty");
    }

    @Test
    void rejectsUnquotedCommaThatShiftsColumns() throws IOException {
        Path file = write("shifted.csv", HEADER + "2026-01-01,Thu,วันขึ้นปีใหม่,holiday,,cabinet resolution, 2025\n");

        assertThatThrownBy(() -> HolidayCalendar.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shifted.csv line 2")
                .hasMessageContaining("has 7 fields but the header has 6");
    }

    @Test
    void rejectsHeaderWithoutSourceColumn() throws IOException {
        Path file = write("old-format.csv", "date,weekday,name_th,kind,note\n");

        assertThatThrownBy(() -> HolidayCalendar.load(List.of(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("old-format.csv line 1")
                .hasMessageContaining("no 'source' column");
    }

    @Test
    void rejectsMissingFile() {
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> HolidayCalendar.load(List.of(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.csv cannot be read");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
