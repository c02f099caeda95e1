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
    private static final ZoneId YANGON = ZoneId.of("Asia/Yangon");
    private static final String WARNING = "WARN th.go.saraban.gateway.calendar.HolidayDataCheck - ";

    @TempDir
    Path dir;

    @Test
    void readsTodayInTheAgencyZone() throws IOException {
        Path only2026 = Files.writeString(dir.resolve("only-2026.csv"), "date,weekday,name_th,kind,status,note,source\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n");
        // 1 November 18:00 UTC is already 2 November in Bangkok, the first day whose 60 days reach 2027
        Clock utcClock = Clock.fixed(Instant.parse("2026-11-01T18:00:00Z"), ZoneOffset.UTC);
        HolidayDataCheck holidayDataCheck = new HolidayDataCheck(List.of(
                new HolidayDataCheck.MailboxHolidays("central", HolidayCalendar.load(List.of(only2026)), BANGKOK)),
                utcClock);

        try (CapturedLog log = CapturedLog.capture()) {
            List<String> warnings = holidayDataCheck.warnIfRunningOut();

            // one mailbox: the line as it always was, without a mailbox name
            assertThat(warnings).singleElement().asString()
                    .startsWith("Holiday data has no rows for 2027 and 2027 starts in 60 days");
            assertThat(log.lines()).filteredOn(line -> line.contains("HolidayDataCheck"))
                    .containsExactly(WARNING + warnings.get(0));
        }
    }

    @Test
    void warnsOnceForMailboxesThatShareTheirHolidayDataAndSeparatelyForTheOthers() throws IOException {
        Path only2026 = Files.writeString(dir.resolve("only-2026.csv"), "date,weekday,name_th,kind,status,note,source\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n");
        Path north2026 = Files.writeString(dir.resolve("north-2026.csv"), "date,weekday,name_th,kind,status,note,source\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n");
        // 17:15 UTC: 00:15 on 3 November in Bangkok, still 23:45 on 2 November in Yangon (UTC+06:30)
        Clock utcClock = Clock.fixed(Instant.parse("2026-11-02T17:15:00Z"), ZoneOffset.UTC);
        HolidayDataCheck holidayDataCheck = new HolidayDataCheck(List.of(
                new HolidayDataCheck.MailboxHolidays("central", HolidayCalendar.load(List.of(only2026)), BANGKOK),
                new HolidayDataCheck.MailboxHolidays("north", HolidayCalendar.load(List.of(north2026)), BANGKOK),
                new HolidayDataCheck.MailboxHolidays("east", HolidayCalendar.load(List.of(only2026)), BANGKOK),
                new HolidayDataCheck.MailboxHolidays("west", HolidayCalendar.load(List.of(only2026)), YANGON)),
                utcClock);

        try (CapturedLog log = CapturedLog.capture()) {
            List<String> warnings = holidayDataCheck.warnIfRunningOut();

            assertThat(warnings).containsExactly(
                    "central, east: Holiday data has no rows for 2027 and 2027 starts in 59 days: from 2027-01-01 every"
                            + " weekday counts as a business day and new entries are marked deemed_without_holiday_data."
                            + " Add the cabinet's 2027 government holidays to " + only2026,
                    "north: Holiday data has no rows for 2027 and 2027 starts in 59 days: from 2027-01-01 every"
                            + " weekday counts as a business day and new entries are marked deemed_without_holiday_data."
                            + " Add the cabinet's 2027 government holidays to " + north2026,
                    "west: Holiday data has no rows for 2027 and 2027 starts in 60 days: from 2027-01-01 every"
                            + " weekday counts as a business day and new entries are marked deemed_without_holiday_data."
                            + " Add the cabinet's 2027 government holidays to " + only2026);
            assertThat(log.lines()).filteredOn(line -> line.contains("HolidayDataCheck"))
                    .containsExactlyElementsOf(warnings.stream().map(w -> WARNING + w).toList());
        }
    }

    @Test
    void logsNothingWhenAllIsWell() {
        Clock june = Clock.fixed(Instant.parse("2026-06-01T03:00:00Z"), BANGKOK);
        HolidayDataCheck holidayDataCheck = new HolidayDataCheck(List.of(
                new HolidayDataCheck.MailboxHolidays("central", HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED)),
                        BANGKOK),
                new HolidayDataCheck.MailboxHolidays("north", HolidayCalendar.load(List.of(HolidayCalendarTest.SHIPPED)),
                        YANGON)), june);

        try (CapturedLog log = CapturedLog.capture()) {
            List<String> warnings = holidayDataCheck.warnIfRunningOut();

            assertThat(warnings).isEmpty();
            assertThat(log.lines()).noneMatch(line -> line.contains("HolidayDataCheck"));
        }
    }
}
