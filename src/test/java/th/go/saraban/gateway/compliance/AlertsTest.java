package th.go.saraban.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.calendar.BusinessHours;
import th.go.saraban.gateway.calendar.HolidayCalendar;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.outbound.Outbox;
import th.go.saraban.gateway.pipeline.Rows;
import th.go.saraban.gateway.pipeline.TestDatabase;

/** The once-a-day promise held by the database, not by the quick look before it. */
class AlertsTest {

    private static final String MAILBOX = "saraban@agency.go.th";
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @Test
    void aSecondQueueingOfTheSameCauseMailboxAndDayLeavesNoOutboxRow() throws Exception {
        TestDatabase database = TestDatabase.fresh();
        new RegisterRows(database.dataSource(), MAILBOX);
        Clock clock = Clock.fixed(OffsetDateTime.parse("2026-10-02T15:05:00+07:00").toInstant(), BANGKOK);
        Alerts alerts = alerts(database, clock);
        Alert alert = new Alert(Alert.Cause.CHECKS_BELOW_RULE, MAILBOX, LocalDate.of(2026, 10, 2), "summary",
                "แจ้งเตือน / Alert", "ข้อความ\nText\n");
        Alert nextDay = new Alert(Alert.Cause.CHECKS_BELOW_RULE, MAILBOX, LocalDate.of(2026, 10, 5), "summary",
                "แจ้งเตือน / Alert", "ข้อความ\nText\n");

        boolean first = alerts.queueUnlessRecorded(alert);
        boolean second = alerts.queueUnlessRecorded(alert);
        boolean third = alerts.queueOnce(alert);
        boolean anotherDay = alerts.queueOnce(nextDay);

        assertThat(List.of(first, second, third, anotherDay)).containsExactly(true, false, false, true);
        Rows rows = new Rows(database.dataSource());
        assertThat(rows.count("SELECT count(*) FROM outgoing_message WHERE kind = 'alert' AND status = 'queued'"
                + " AND to_addresses = 'it@agency.go.th'")).isEqualTo(2);
        assertThat(rows.count("SELECT count(*) FROM alert_sent a JOIN outgoing_message o ON o.id = a.outgoing_id"))
                .isEqualTo(2);
    }

    private static Alerts alerts(TestDatabase database, Clock clock) {
        ReceiptCalendar calendar = new ReceiptCalendar(BusinessHours.parse("MON-FRI 08:30-16:30"),
                HolidayCalendar.load(List.of(Path.of("config/holidays/th-government-holidays.csv"))), BANGKOK);
        ComplianceReport report = new ComplianceReport(database.dataSource(), clock,
                Map.of(MAILBOX, new DailyCheckRule(calendar, LocalTime.of(12, 0))));
        AlertConditions conditions = new AlertConditions(database.dataSource(), clock, report,
                new AlertSettings(List.of("it@agency.go.th"), LocalTime.of(15, 0), 3), BANGKOK);
        Outbox outbox = new Outbox(database.dataSource(), clock, BANGKOK, MAILBOX,
                new Outbox.OutboxPolicy(8, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(5)));
        return new Alerts(database.dataSource(), clock, outbox, conditions);
    }
}
