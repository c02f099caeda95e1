package th.go.saraban.gateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import th.go.saraban.gateway.pipeline.CapturedLog;

class HolidayDataCheckTest {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @TempDir
    Path dir;

    @Test
    void readsTodayInTheAgencyZone() throws IOException {
        Path only2026 = Files.writeString(dir.resolve("only-2026.csv"), "date,weekday,name_th,kind,status,note,source\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n");
        // 1 November 18:00 UTC is already 2 November in Bangkok, the first day whose 60 days reach 2027
        Clock utcClock = Clock.fixed(Instant.parse("2026-11-01T18:00:00Z"), ZoneOffset.UTC);
        HolidayDataCheck holidayDataCheck = new HolidayDataCheck(HolidayCalendar.load(List.of(only2026)), utcClock, BANGKOK);

        try (CapturedLog log = CapturedLog.capture()) {
            HolidayCoverage coverage = holidayDataCheck.warnIfRunningOut();

            assertThat(coverage.today()).isEqualTo("2026-11-02");
            assertThat(log.lines()).filteredOn(line -> line.contains("HolidayDataCheck"))
                    .containsExactly("WARN th.go.saraban.gateway.calendar.HolidayDataCheck - " + coverage.warnings().get(0));
            assertThat(coverage.warnings().get(0)).startsWith("Holiday data has no rows for 2027 and 2027 starts in 60 days");
        }
    }

    @Test
    void logsNothingWhenAllIsWell() {
        Clock june = Clock.fixed(Instant.parse("2026-06-01T03:00:00Z"), BANGKOK);
        HolidayDataCheck holidayDataCheck = new HolidayDataCheck(
                HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED)), june, BANGKOK);

        try (CapturedLog log = CapturedLog.capture()) {
            HolidayCoverage coverage = holidayDataCheck.warnIfRunningOut();

            assertThat(coverage.isQuiet()).isTrue();
            assertThat(log.lines()).noneMatch(line -> line.contains("HolidayDataCheck"));
        }
    }
}
