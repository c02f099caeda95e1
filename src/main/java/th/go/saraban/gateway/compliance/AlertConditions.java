package th.go.saraban.gateway.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import th.go.saraban.gateway.calendar.HolidayCalendar;
import th.go.saraban.gateway.thai.OfficialDates;
import th.go.saraban.gateway.thai.ThaiDigits;

/**
 * The conditions that need a person now, worked out from the database and the calendars each time
 * they are asked for: the alert route mails them, the health check shows them, and the console can
 * list them, so all three say the same thing.
 *
 * <ul>
 *   <li>{@link Alert.Cause#CHECKS_BELOW_RULE}: from {@code saraban.alert.cut-off} to the end of a business
 *   day, the day's successful checks in business hours do not yet keep the rule (a morning one, an
 *   afternoon one, two in all). At a 15:00 cut-off the afternoon check is expected by then: the cron is
 *   refused at start-up unless it checks in the afternoon, and the default checks every two minutes, so
 *   none by 15:00 means checks are not running. The alert leaves time to check by hand before closing.</li>
 *   <li>{@link Alert.Cause#FAILED_CHECKS}: the last {@code saraban.alert.failed-checks} finished checks of
 *   a mailbox all failed.</li>
 *   <li>{@link Alert.Cause#OUTBOX_ATTENTION}: the outbox holds {@code uncertain} or {@code failed} messages
 *   of a mailbox; only a person can tell whether to send them again.</li>
 *   <li>{@link Alert.Cause#HOLIDAY_DATA}: a day within the next 60 days is in a year the holiday files do
 *   not cover.</li>
 * </ul>
 */
public final class AlertConditions {

    private final DataSource dataSource;
    private final Clock clock;
    private final ComplianceReport report;
    private final AlertSettings settings;
    private final ZoneId zone;

    /** @param zone the agency's zone ({@code saraban.timezone}), for conditions of no mailbox's own rule */
    public AlertConditions(DataSource dataSource, Clock clock, ComplianceReport report, AlertSettings settings,
                           ZoneId zone) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.report = Objects.requireNonNull(report, "report");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public AlertSettings settings() {
        return settings;
    }

    /** Every condition that holds now, mailbox by mailbox, in the order of the causes. */
    public List<Alert> current() throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        for (String mailbox : report.mailboxes()) {
            checksBelowRule(mailbox).ifPresent(alerts::add);
            failedChecks(mailbox).ifPresent(alerts::add);
        }
        alerts.addAll(outboxAttention());
        for (String mailbox : report.mailboxes()) {
            holidayData(mailbox).ifPresent(alerts::add);
        }
        return alerts;
    }

    Optional<Alert> checksBelowRule(String mailbox) throws SQLException {
        DailyCheckRule rule = report.rule(mailbox).orElseThrow();
        ZonedDateTime now = clock.instant().atZone(rule.zone());
        LocalDate today = now.toLocalDate();
        if (rule.kind(today) != DayKind.BUSINESS_DAY || now.toLocalTime().isBefore(settings.cutOff())) {
            return Optional.empty();
        }
        ComplianceDay day = report.forMailbox(mailbox, today, today).get(0);
        if (Boolean.TRUE.equals(day.ruleMet())) {
            return Optional.empty();
        }
        String cutOff = settings.cutOff().toString();
        String thaiDate = OfficialDates.date(today.atStartOfDay(rule.zone()));
        String subject = "แจ้งเตือน: ตรวจกล่อง " + mailbox + " ไม่ครบตามเกณฑ์ วันที่ " + thaiDate
                + " / Alert: " + mailbox + " not checked as required on " + today;
        String summary = mailbox + " on " + today + ": " + day.checksInHours() + " successful checks in business hours"
                + " by " + cutOff + " (morning " + day.morningChecks() + ", afternoon " + day.afternoonChecks()
                + "); the rule asks for one in the morning and one in the afternoon, two in all";
        String text = "เรียน ผู้ดูแลระบบและเจ้าหน้าที่งานสารบรรณกลาง\n\n"
                + "ถึงเวลา " + thai(cutOff) + " น. ของวันทำการที่ " + thaiDate + " กล่องไปรษณีย์อิเล็กทรอนิกส์กลาง "
                + mailbox + " ได้รับการตรวจสำเร็จในเวลาราชการ " + ThaiDigits.of(day.checksInHours()) + " ครั้ง"
                + " (ช่วงเช้า " + ThaiDigits.of(day.morningChecks()) + " ครั้ง ช่วงบ่าย "
                + ThaiDigits.of(day.afternoonChecks()) + " ครั้ง) ซึ่งยังไม่ครบตามเกณฑ์ที่ต้องตรวจอย่างน้อยวันละ ๒ ครั้ง"
                + " ในเวลาราชการ ช่วงเช้าและช่วงบ่าย (วิธีการทางอิเล็กทรอนิกส์ระดับเริ่มต้น ตามมติคณะรัฐมนตรีเมื่อวันที่"
                + " ๙ พฤษภาคม ๒๕๖๖ และระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ ๔) พ.ศ. ๒๕๖๔)"
                + " การตรวจที่ไม่สำเร็จวันนี้ " + ThaiDigits.of(day.failedChecks()) + " ครั้ง\n"
                + "โปรดตรวจสอบว่าระบบตรวจกล่องทำงานอยู่ และตรวจกล่องก่อนสิ้นเวลาราชการ\n\n"
                + "By " + cutOff + " on business day " + today + ", the central mailbox " + mailbox + " had "
                + day.checksInHours() + " successful checks inside business hours (morning " + day.morningChecks()
                + ", afternoon " + day.afternoonChecks() + "; failed checks today: " + day.failedChecks() + ")."
                + " The rule asks for at least two a day, one in the morning and one in the afternoon."
                + " Please make sure the checks are running and that the mailbox is checked before closing time.\n";
        return Optional.of(new Alert(Alert.Cause.CHECKS_BELOW_RULE, mailbox, today, summary, subject, text));
    }

    Optional<Alert> failedChecks(String mailbox) throws SQLException {
        int limit = settings.failedChecks();
        List<String> errors = new ArrayList<>();
        Instant since = null;
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT outcome, started_at, error_text FROM mailbox_check"
                     + " WHERE mailbox = ? AND outcome IN ('ok', 'failed') ORDER BY started_at DESC, id DESC LIMIT ?")) {
            select.setString(1, mailbox);
            select.setInt(2, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    if (!row.getString("outcome").equals("failed")) {
                        return Optional.empty();
                    }
                    errors.add(String.valueOf(row.getString("error_text")));
                    since = row.getTimestamp("started_at").toInstant();
                }
            }
        }
        if (errors.size() < limit) {
            return Optional.empty();
        }
        ZoneId mailboxZone = report.rule(mailbox).map(DailyCheckRule::zone).orElse(zone);
        LocalDate today = LocalDate.now(clock.withZone(mailboxZone));
        ZonedDateTime first = since.atZone(mailboxZone);
        String lastError = errors.get(0);
        String subject = "แจ้งเตือน: ตรวจกล่อง " + mailbox + " ไม่สำเร็จติดต่อกัน " + ThaiDigits.of(limit) + " ครั้ง"
                + " / Alert: " + limit + " checks of " + mailbox + " failed in a row";
        String summary = "the last " + limit + " checks of " + mailbox + " failed (since " + first.toOffsetDateTime()
                + "); last error: " + lastError;
        String text = "เรียน ผู้ดูแลระบบ\n\n"
                + "การตรวจกล่องไปรษณีย์อิเล็กทรอนิกส์กลาง " + mailbox + " ไม่สำเร็จ " + ThaiDigits.of(limit)
                + " ครั้งติดต่อกัน ตั้งแต่ " + OfficialDates.date(first) + " เวลา " + OfficialDates.time(first)
                + " หนังสือที่เข้ามาระหว่างนี้ยังไม่ได้ลงทะเบียนรับ โปรดตรวจสอบเครื่องแม่ข่ายอีเมล รหัสผ่าน และการเชื่อมต่อ\n"
                + "ข้อผิดพลาดล่าสุด: " + lastError + "\n\n"
                + "The last " + limit + " checks of the central mailbox " + mailbox + " failed, the first of them at "
                + OfficialDates.englishDateTime(first) + ". Letters that arrived since are not registered yet."
                + " Please check the mail server, the password and the connection.\n"
                + "Last error: " + lastError + "\n";
        return Optional.of(new Alert(Alert.Cause.FAILED_CHECKS, mailbox, today, summary, subject, text));
    }

    List<Alert> outboxAttention() throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT mailbox,"
                     + " count(*) FILTER (WHERE status = 'uncertain') AS uncertain,"
                     + " count(*) FILTER (WHERE status = 'failed') AS failed,"
                     + " string_agg(id::text, ', ' ORDER BY id) AS ids"
                     + " FROM outgoing_message WHERE status IN ('uncertain', 'failed') GROUP BY mailbox ORDER BY mailbox")) {
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String mailbox = row.getString("mailbox");
                    int uncertain = row.getInt("uncertain");
                    int failed = row.getInt("failed");
                    String ids = row.getString("ids");
                    ZoneId mailboxZone = report.rule(mailbox).map(DailyCheckRule::zone).orElse(zone);
                    LocalDate today = LocalDate.now(clock.withZone(mailboxZone));
                    String subject = "แจ้งเตือน: มีข้อความขาออกที่ต้องตรวจสอบ (" + mailbox + ")"
                            + " / Alert: outgoing messages need a decision (" + mailbox + ")";
                    String summary = "the outbox of " + mailbox + " holds " + uncertain + " uncertain and " + failed
                            + " failed messages (outgoing_message.id " + ids + ")";
                    String text = "เรียน ผู้ดูแลระบบและเจ้าหน้าที่งานสารบรรณกลาง\n\n"
                            + "กล่องขาออกของ " + mailbox + " มีข้อความที่ไม่แน่ใจว่าส่งถึงหรือไม่ (uncertain) "
                            + ThaiDigits.of(uncertain) + " รายการ และที่ส่งไม่สำเร็จ (failed) " + ThaiDigits.of(failed)
                            + " รายการ โปรดตรวจสอบว่าผู้รับได้รับแล้วหรือต้องส่งใหม่\n"
                            + "outgoing_message.id: " + ids + "\n\n"
                            + "The outbox of " + mailbox + " holds " + uncertain + " message(s) whose delivery is"
                            + " uncertain and " + failed + " that failed. Please find out whether each arrived, then"
                            + " record it or send it again (Outbox.resend).\n"
                            + "outgoing_message.id: " + ids + "\n";
                    alerts.add(new Alert(Alert.Cause.OUTBOX_ATTENTION, mailbox, today, summary, subject, text));
                }
            }
        }
        return alerts;
    }

    Optional<Alert> holidayData(String mailbox) {
        DailyCheckRule rule = report.rule(mailbox).orElseThrow();
        HolidayCalendar holidays = rule.holidays();
        LocalDate today = LocalDate.now(clock.withZone(rule.zone()));
        for (int d = 0; d <= HolidayCalendar.WARNING_DAYS; d++) {
            LocalDate date = today.plusDays(d);
            if (!holidays.covers(date)) {
                String subject = d == 0
                        ? "แจ้งเตือน: ข้อมูลวันหยุดราชการหมดแล้ว (" + mailbox + ") / Alert: holiday data has run out ("
                                + mailbox + ")"
                        : "แจ้งเตือน: ข้อมูลวันหยุดราชการจะหมดใน " + ThaiDigits.of(d) + " วัน (" + mailbox + ")"
                                + " / Alert: holiday data runs out in " + d + " days (" + mailbox + ")";
                String summary = "the holiday files have no rows for " + date.getYear() + ", which starts in " + d
                        + " days: from " + date + " every weekday counts as a business day";
                String text = "เรียน ผู้ดูแลระบบ\n\n"
                        + "แฟ้มวันหยุดราชการ (saraban.holidays) ยังไม่มีวันหยุดของปี พ.ศ. "
                        + ThaiDigits.of(date.getYear() + 543L) + " ซึ่งจะเริ่มในอีก " + ThaiDigits.of(d) + " วัน"
                        + " ตั้งแต่วันที่ " + OfficialDates.date(date.atStartOfDay(rule.zone()))
                        + " ทุกวันจันทร์ถึงศุกร์จะนับเป็นวันทำการ โปรดเพิ่มวันหยุดตามมติคณะรัฐมนตรีของปีนั้น\n\n"
                        + "The holiday files (saraban.holidays) have no rows for " + date.getYear() + ", which starts in "
                        + d + " days. From " + date + " every weekday counts as a business day for " + mailbox
                        + ". Please add that year's government holidays from the cabinet resolution.\n";
                return Optional.of(new Alert(Alert.Cause.HOLIDAY_DATA, mailbox, today, summary, subject, text));
            }
        }
        return Optional.empty();
    }

    private static String thai(String text) {
        return ThaiDigits.toThai(text.replace(':', '.'));
    }
}
