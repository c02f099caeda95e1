package th.go.saraban.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;
import th.go.saraban.gateway.calendar.BusinessHours;
import th.go.saraban.gateway.calendar.HolidayCalendar;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.pipeline.TestDatabase;

/** Each alert condition against rows written as the check log and the outbox would leave them. */
class AlertConditionsTest {

    private static final String MAILBOX = "saraban@agency.go.th";
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @TempDir
    Path folder;

    private TestDatabase database;
    private RegisterRows rows;

    @BeforeEach
    void register() {
        database = TestDatabase.fresh();
        rows = new RegisterRows(database.dataSource(), MAILBOX);
    }

    @Test
    void aBusinessDayPastTheCutOffWithoutAnAfternoonCheckIsAlertedAndNotBefore() throws Exception {
        rows.check("2026-10-05T09:00:00+07:00", "ok");
        rows.check("2026-10-05T09:01:00+07:00", "ok");

        List<Alert> beforeCutOff = conditionsAt("2026-10-05T14:59:00+07:00", 3).current();
        List<Alert> atCutOff = conditionsAt("2026-10-05T15:00:00+07:00", 3).current();

        assertThat(beforeCutOff).isEmpty();
        assertThat(atCutOff).extracting(Alert::cause, Alert::subjectKey, a -> a.day().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Alert.Cause.CHECKS_BELOW_RULE, MAILBOX, "2026-10-05"));
        assertThat(atCutOff.get(0).summary()).contains("2 successful checks in business hours by 15:00 (morning 2, afternoon 0)");
    }

    @Test
    void aKeptDayAHolidayAndAWeekendAreNotAlertedAtTheCutOff() throws Exception {
        rows.check("2026-10-06T09:00:00+07:00", "ok");
        rows.check("2026-10-06T13:00:00+07:00", "ok");

        assertThat(conditionsAt("2026-10-06T15:30:00+07:00", 3).current()).isEmpty();
        assertThat(conditionsAt("2026-10-13T15:30:00+07:00", 3).current()).isEmpty();
        assertThat(conditionsAt("2026-10-10T15:30:00+07:00", 3).current()).isEmpty();
    }

    @Test
    void checksThatFailNTimesInARowAreAlertedAndASuccessInBetweenStopsIt() throws Exception {
        rows.check("2026-10-10T10:00:00+07:00", "failed");
        rows.check("2026-10-10T10:02:00+07:00", "ok");
        rows.check("2026-10-10T10:04:00+07:00", "failed");
        rows.check("2026-10-10T10:06:00+07:00", "failed");
        assertThat(conditionsAt("2026-10-10T10:07:00+07:00", 3).current()).isEmpty();

        rows.check("2026-10-10T10:08:00+07:00", "failed");
        List<Alert> alerts = conditionsAt("2026-10-10T10:09:00+07:00", 3).current();

        assertThat(alerts).extracting(Alert::cause).containsExactly(Alert.Cause.FAILED_CHECKS);
        assertThat(alerts.get(0).summary()).startsWith("the last 3 checks of " + MAILBOX + " failed (since 2026-10-10T10:04+07:00)")
                .endsWith("last error: IMAP login refused: AUTHENTICATIONFAILED");
        assertThat(alerts.get(0).subject()).isEqualTo("แจ้งเตือน: ตรวจกล่อง " + MAILBOX + " ไม่สำเร็จติดต่อกัน ๓ ครั้ง"
                + " / Alert: 3 checks of " + MAILBOX + " failed in a row");
    }

    @Test
    void uncertainAndFailedMessagesInTheOutboxAreAlerted() throws Exception {
        rows.outgoing("uncertain");
        rows.outgoing("failed");
        rows.outgoing("sent");

        List<Alert> alerts = conditionsAt("2026-10-10T10:00:00+07:00", 3).current();

        assertThat(alerts).extracting(Alert::cause).containsExactly(Alert.Cause.OUTBOX_ATTENTION);
        assertThat(alerts.get(0).summary()).startsWith("the outbox of " + MAILBOX + " holds 1 uncertain and 1 failed messages");
    }

    @Test
    void holidayDataThatRunsOutWithinSixtyDaysIsAlerted() throws Exception {
        Path only2026 = folder.resolve("holidays.csv");
        Files.writeString(only2026, "date,weekday,name_th,kind,status,note,source\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,test\n", StandardCharsets.UTF_8);

        List<Alert> inNovember = conditionsAt("2026-11-01T10:00:00+07:00", 3, only2026).current();
        List<Alert> inDecember = conditionsAt("2026-12-02T10:00:00+07:00", 3, only2026).current();

        assertThat(inNovember).isEmpty();
        assertThat(inDecember).extracting(Alert::cause).containsExactly(Alert.Cause.HOLIDAY_DATA);
        assertThat(inDecember.get(0).subject()).isEqualTo("แจ้งเตือน: ข้อมูลวันหยุดราชการจะหมดใน ๓๐ วัน (" + MAILBOX + ")"
                + " / Alert: holiday data runs out in 30 days (" + MAILBOX + ")");
    }

    @Test
    void refusesRecipientsThatAreNotBareAddresses() {
        assertThat(AlertSettings.read(key -> Optional.ofNullable(Map.of(AlertSettings.RECIPIENTS,
                " it@agency.go.th ,officer@agency.go.th,IT@agency.go.th").get(key))).recipients())
                .containsExactly("it@agency.go.th", "officer@agency.go.th");
        assertThat(AlertSettings.read(key -> Optional.empty()).enabled()).isFalse();
        assertThatThrownBy(() -> AlertSettings.read(key -> Optional.ofNullable(Map.of(AlertSettings.RECIPIENTS,
                "IT staff <it@agency.go.th>").get(key)))).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid setting saraban.alert.recipients: 'IT staff <it@agency.go.th>'");
        assertThatThrownBy(() -> AlertSettings.read(key -> Optional.ofNullable(Map.of(AlertSettings.RECIPIENTS,
                "it@agency.go.th\r\nBcc: x@evil.example").get(key)))).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> AlertSettings.read(key -> Optional.ofNullable(Map.of(AlertSettings.CUT_OFF,
                "3pm").get(key)))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("saraban.alert.cut-off");
        assertThatThrownBy(() -> AlertSettings.read(key -> Optional.ofNullable(Map.of(AlertSettings.FAILED_CHECKS,
                "0").get(key)))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("saraban.alert.failed-checks");
    }

    private AlertConditions conditionsAt(String now, int failedChecks) {
        return conditionsAt(now, failedChecks, Path.of("config/holidays/th-government-holidays.csv"));
    }

    private AlertConditions conditionsAt(String now, int failedChecks, Path holidays) {
        Clock clock = Clock.fixed(OffsetDateTime.parse(now).toInstant(), BANGKOK);
        ReceiptCalendar calendar = new ReceiptCalendar(BusinessHours.parse("MON-FRI 08:30-16:30"),
                HolidayCalendar.load(List.of(holidays)), BANGKOK);
        ComplianceReport report = new ComplianceReport(database.dataSource(), clock,
                Map.of(MAILBOX, new DailyCheckRule(calendar, LocalTime.of(12, 0))));
        return new AlertConditions(database.dataSource(), clock, report,
                new AlertSettings(List.of("it@agency.go.th"), LocalTime.of(15, 0), failedChecks), BANGKOK);
    }
}
