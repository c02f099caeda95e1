package th.go.saraban.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.calendar.BusinessHours;
import th.go.saraban.gateway.calendar.HolidayCalendar;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.pipeline.TestDatabase;

/**
 * October 2026 for one mailbox, with the shipped holiday file and MON-FRI 08:30-16:30: a holiday
 * (Tuesday 13 October, วันนวมินทรมหาราช), weekends, a day with one successful check, a day with two
 * checks a minute apart, the edges of business hours, and days still to come.
 */
class ComplianceReportTest {

    private static final String MAILBOX = "saraban@agency.go.th";
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private TestDatabase database;
    private RegisterRows rows;

    @BeforeEach
    void register() {
        database = TestDatabase.fresh();
        rows = new RegisterRows(database.dataSource(), MAILBOX);
        rows.check("2026-10-01T09:00:00+07:00", "ok");
        rows.check("2026-10-01T14:00:00+07:00", "ok");
        // the one-check day, with a failed afternoon check
        rows.check("2026-10-02T10:00:00+07:00", "ok");
        rows.check("2026-10-02T14:00:00+07:00", "failed");
        // two checks a minute apart, both in the morning
        rows.check("2026-10-05T09:00:00+07:00", "ok");
        rows.check("2026-10-05T09:01:00+07:00", "ok");
        // exactly at opening and one second before closing: inside
        rows.check("2026-10-06T08:30:00+07:00", "ok");
        rows.check("2026-10-06T16:29:59+07:00", "ok");
        // one second before opening and exactly at closing: outside
        rows.check("2026-10-07T08:29:59+07:00", "ok");
        rows.check("2026-10-07T16:30:00+07:00", "ok");
        // Saturday: checks run, but there are no business hours
        rows.check("2026-10-10T00:01:00+07:00", "ok");
        rows.check("2026-10-10T10:02:00+07:00", "ok");
        // the holiday
        rows.check("2026-10-13T09:00:00+07:00", "ok");
        rows.check("2026-10-13T14:00:00+07:00", "ok");
        // today, before the afternoon
        rows.check("2026-10-28T09:00:00+07:00", "ok");

        long acknowledged = rows.letter("2026-10-02T09:15:00+07:00", "2026-10-02T09:16:00+07:00");
        rows.acknowledgement(acknowledged, "2026-10-02T09:20:00+07:00");
        rows.letter("2026-10-02T11:00:00+07:00", "2026-10-02T11:02:00+07:00");
        // entered the system late on Friday, registered by the first check on Saturday
        rows.letter("2026-10-09T23:59:00+07:00", "2026-10-10T00:01:00+07:00");
        rows.letter("2026-10-10T10:00:00+07:00", "2026-10-10T10:02:00+07:00");
    }

    @Test
    void judgesEveryDayOfTheMonthByTheAgencysCalendar() throws Exception {
        ComplianceReport report = reportAt("2026-10-28T10:00:00+07:00");

        List<ComplianceDay> days = report.forMailbox(MAILBOX, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));

        assertThat(days).hasSize(31);
        assertThat(line(days, 1)).isEqualTo("2026-10-01 THU business_day null due in-hours 2 (1+1) met=true failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 2)).isEqualTo("2026-10-02 FRI business_day null due in-hours 1 (1+0) met=false failed 1 letters 2/2/1 no-action 2");
        assertThat(line(days, 3)).isEqualTo("2026-10-03 SAT weekend null due in-hours 0 (0+0) met=null failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 5)).isEqualTo("2026-10-05 MON business_day null due in-hours 2 (2+0) met=false failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 6)).isEqualTo("2026-10-06 TUE business_day null due in-hours 2 (1+1) met=true failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 7)).isEqualTo("2026-10-07 WED business_day null due in-hours 0 (0+0) met=false failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 8)).isEqualTo("2026-10-08 THU business_day null due in-hours 0 (0+0) met=false failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 9)).isEqualTo("2026-10-09 FRI business_day null due in-hours 0 (0+0) met=false failed 0 letters 1/0/0 no-action 1");
        assertThat(line(days, 10)).isEqualTo("2026-10-10 SAT weekend null due in-hours 0 (0+0) met=null failed 0 letters 1/2/0 no-action 1");
        assertThat(line(days, 13)).isEqualTo("2026-10-13 TUE holiday วันนวมินทรมหาราช due in-hours 0 (0+0) met=null failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 23)).isEqualTo("2026-10-23 FRI holiday วันปิยมหาราช due in-hours 0 (0+0) met=null failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 28)).isEqualTo("2026-10-28 WED business_day null in_progress in-hours 1 (1+0) met=null failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 29)).isEqualTo("2026-10-29 THU business_day null not_yet_due in-hours 0 (0+0) met=null failed 0 letters 0/0/0 no-action 0");
        assertThat(line(days, 31)).isEqualTo("2026-10-31 SAT weekend null not_yet_due in-hours 0 (0+0) met=null failed 0 letters 0/0/0 no-action 0");
        assertThat(days).filteredOn(ComplianceDay::missed).extracting(day -> day.date().getDayOfMonth())
                .containsExactly(2, 5, 7, 8, 9, 12, 14, 15, 16, 19, 20, 21, 22, 26, 27);
    }

    @Test
    void todayIsMetAsSoonAsItsAfternoonCheckRanAndMissedOnceItsHoursAreOver() throws Exception {
        rows.check("2026-10-28T12:00:00+07:00", "ok");

        ComplianceDay afternoon = reportAt("2026-10-28T12:05:00+07:00").forMailbox(MAILBOX,
                LocalDate.of(2026, 10, 28), LocalDate.of(2026, 10, 28)).get(0);
        ComplianceDay tomorrowAfterClosing = reportAt("2026-10-29T16:30:00+07:00").forMailbox(MAILBOX,
                LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)).get(0);

        assertThat(afternoon.status()).isEqualTo("in_progress");
        assertThat(afternoon.ruleMet()).isTrue();
        assertThat(afternoon.afternoonChecks()).isEqualTo(1);
        assertThat(tomorrowAfterClosing.status()).isEqualTo("due");
        assertThat(tomorrowAfterClosing.ruleMet()).isFalse();
    }

    @Test
    void countsTheDaysLettersThatNoOfficerHasRecordedAnActionFor() throws Exception {
        ComplianceReport report = reportAt("2026-10-28T10:00:00+07:00");
        LocalDate friday = LocalDate.of(2026, 10, 2);
        assertThat(report.forMailbox(MAILBOX, friday, friday).get(0).withoutAction()).isEqualTo(2);
        rows.execute("INSERT INTO entry_action (entry_id, status, officer, recorded_at)"
                + " SELECT min(id), 'routed', 'สมศรี', now() FROM incoming_register");

        ComplianceDay day = report.forMailbox(MAILBOX, friday, friday).get(0);

        assertThat(day.lettersReceived()).isEqualTo(2);
        assertThat(day.withoutAction()).isEqualTo(1);
    }

    @Test
    void listsADaysChecksWithTheHalfEachCountsFor() throws Exception {
        List<ComplianceReport.CheckRecord> checks = reportAt("2026-10-28T10:00:00+07:00")
                .checksOn(MAILBOX, LocalDate.of(2026, 10, 2));

        assertThat(checks).extracting(c -> c.startedAt().atZone(BANGKOK).toLocalTime() + " " + c.outcome() + " " + c.half())
                .containsExactly("10:00 ok morning", "14:00 failed afternoon");
    }

    @Test
    void refusesAnUnknownMailboxABackwardRangeAndMoreThanAYear() {
        ComplianceReport report = reportAt("2026-10-28T10:00:00+07:00");

        assertThatThrownBy(() -> report.forMailbox("other@agency.go.th", LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown mailbox 'other@agency.go.th'");
        assertThatThrownBy(() -> report.forMailbox(MAILBOX, LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> report.forMailbox(MAILBOX, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("368 days; at most 367");
    }

    private ComplianceReport reportAt(String now) {
        Clock clock = Clock.fixed(OffsetDateTime.parse(now).toInstant(), BANGKOK);
        ReceiptCalendar calendar = new ReceiptCalendar(BusinessHours.parse("MON-FRI 08:30-16:30"),
                HolidayCalendar.load(List.of(Path.of("config/holidays/th-government-holidays.csv"))), BANGKOK);
        return new ComplianceReport(database.dataSource(), clock,
                Map.of(MAILBOX, new DailyCheckRule(calendar, LocalTime.of(12, 0))));
    }

    private static String line(List<ComplianceDay> days, int dayOfMonth) {
        ComplianceDay d = days.get(dayOfMonth - 1);
        return d.date() + " " + d.date().getDayOfWeek().name().substring(0, 3) + " " + d.kind().value() + " "
                + d.holidayName() + " " + d.status() + " in-hours " + d.checksInHours() + " (" + d.morningChecks()
                + "+" + d.afternoonChecks() + ") met=" + d.ruleMet() + " failed " + d.failedChecks() + " letters "
                + d.lettersReceived() + "/" + d.lettersRegistered() + "/" + d.lettersAcknowledged()
                + " no-action " + d.withoutAction();
    }
}
