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
