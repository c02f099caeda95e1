package th.go.saraban.gateway.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.compliance.ComplianceDay;
import th.go.saraban.gateway.compliance.ComplianceReport;
import th.go.saraban.gateway.compliance.DayKind;

/**
 * "Today" (วันนี้): per mailbox, when it was last checked successfully and how long ago, the checks
 * inside business hours today, the letters registered today, and what waits for a person, each
 * count linking to its list.
 */
public final class TodayPage {

    private final DataSource dataSource;
    private final Clock clock;
    private final ReceiptCalendar calendar;
    private final ThaiTime time;
    private final Layout layout;
    private final String centralAddress;
    private final ComplianceReport report;

    public TodayPage(DataSource dataSource, Clock clock, ReceiptCalendar calendar, ThaiTime time, Layout layout,
            String centralAddress, ComplianceReport report) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.calendar = calendar;
        this.time = time;
        this.layout = layout;
        this.centralAddress = centralAddress;
        this.report = report;
    }

    public ConsoleReply render(ConsoleRequest request) throws SQLException {
        if (!request.path().endsWith("/")) {
            return ConsoleReply.redirect(ConsolePaths.ROOT);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, time.zone());
        Instant dayStart = today.atStartOfDay(time.zone()).toInstant();
        Instant dayEnd = today.plusDays(1).atStartOfDay(time.zone()).toInstant();
        List<Html> cards = new ArrayList<>();
        for (String mailbox : Mailboxes.all(dataSource, centralAddress, report.mailboxes())) {
            cards.add(card(mailbox, now, dayStart, dayEnd));
        }
        Html dayNote = Html.of("<p>{} – {}</p>", time.date(today), dayKind(today));
        Html outbox = outboxCard();
        return ConsoleReply.page(layout.page("วันนี้", ConsolePaths.ROOT, request.officer(),
                Html.of("{}<div class=\"cards\">{}{}</div>", dayNote, Html.join(cards), outbox)));
    }

    private String dayKind(LocalDate day) {
        var holiday = calendar.holidays().holiday(day);
        if (holiday.isPresent()) {
            return "วันหยุดราชการ: " + holiday.get().nameTh();
        }
        return calendar.isBusinessDay(day) ? "วันทำการ" : "วันหยุด";
    }

    private Html card(String mailbox, Instant now, Instant dayStart, Instant dayEnd) throws SQLException {
        Instant lastOk = null;
        int okInHours = 0;
        int failedToday = 0;
        int registeredToday = 0;
        List<Html> waiting = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement last = db.prepareStatement("SELECT max(finished_at) FROM mailbox_check"
                    + " WHERE mailbox = ? AND outcome = 'ok'")) {
                last.setString(1, mailbox);
                try (ResultSet row = last.executeQuery()) {
                    row.next();
                    Timestamp at = row.getTimestamp(1);
                    lastOk = at == null ? null : at.toInstant();
                }
            }
            try (PreparedStatement checks = db.prepareStatement("SELECT started_at, outcome FROM mailbox_check"
                    + " WHERE mailbox = ? AND started_at >= ? AND started_at < ? AND outcome <> 'running'")) {
                checks.setString(1, mailbox);
                checks.setTimestamp(2, Timestamp.from(dayStart));
                checks.setTimestamp(3, Timestamp.from(dayEnd));
                try (ResultSet rows = checks.executeQuery()) {
                    while (rows.next()) {
                        boolean ok = rows.getString(2).equals("ok");
                        if (ok && calendar.isBusinessInstant(rows.getTimestamp(1).toInstant())) {
                            okInHours++;
                        } else if (!ok) {
                            failedToday++;
                        }
                    }
                }
            }
            try (PreparedStatement registered = db.prepareStatement("SELECT count(*) FROM incoming_register"
                    + " WHERE mailbox = ? AND registered_at >= ? AND registered_at < ?")) {
                registered.setString(1, mailbox);
                registered.setTimestamp(2, Timestamp.from(dayStart));
                registered.setTimestamp(3, Timestamp.from(dayEnd));
                try (ResultSet row = registered.executeQuery()) {
                    row.next();
                    registeredToday = row.getInt(1);
                }
            }
            try (PreparedStatement needs = db.prepareStatement("SELECT status, count(*) FROM incoming_register e"
                    + " WHERE mailbox = ? AND status = ANY (?) AND NOT EXISTS"
                    + " (SELECT 1 FROM entry_review r WHERE r.entry_id = e.id) GROUP BY status ORDER BY status")) {
                needs.setString(1, mailbox);
                needs.setArray(2, db.createArrayOf("text", NeedsPersonPage.STATUSES.toArray()));
                try (ResultSet rows = needs.executeQuery()) {
                    while (rows.next()) {
                        String status = rows.getString(1);
                        waiting.add(Html.of("<li><a href=\"{}?mailbox={}&amp;status={}\">{}: {}</a></li>",
                                ConsolePaths.NEEDS_A_PERSON, Html.query(mailbox), Html.query(status),
                                StatusNames.of(status), rows.getInt(2)));
                    }
                }
            }
        }
        Html last = lastOk == null ? Html.of("<span class=\"badge bad\">ยังไม่เคยตรวจสำเร็จ</span>")
                : Html.of("{} <span class=\"muted\">({})</span>", time.dateTime(lastOk),
                        ThaiTime.age(Duration.between(lastOk, now)));
        Html checks = Html.of("<span class=\"badge {}\">{} ครั้ง</span>{}{}", okInHours >= 2 ? "ok" : "bad", okInHours,
                rule(mailbox, LocalDate.ofInstant(now, time.zone())),
                failedToday > 0 ? Html.of(" <span class=\"badge bad\">ล้มเหลว {} ครั้ง</span>", failedToday) : Html.EMPTY);
        Html needs = waiting.isEmpty() ? Html.of("<span class=\"muted\">ไม่มี</span>")
                : Html.of("<ul>{}</ul>", Html.join(waiting));
        return Html.of("<section class=\"card\" data-mailbox=\"{}\"><h2>{}</h2><dl class=\"facts\">"
                + "<dt>ตรวจสำเร็จล่าสุด</dt><dd class=\"last-check\">{}</dd>"
                + "<dt>ตรวจสำเร็จในเวลาราชการวันนี้</dt><dd class=\"checks-today\">{}</dd>"
                + "<dt>ลงทะเบียนรับวันนี้</dt><dd class=\"registered-today\"><a href=\"{}?mailbox={}&amp;registered={}\">{} ฉบับ</a></dd>"
                + "<dt>รอเจ้าหน้าที่</dt><dd class=\"needs\">{}</dd></dl></section>",
                mailbox, mailbox, last, checks, ConsolePaths.REGISTER, Html.query(mailbox), "today",
                registeredToday, needs);
    }

    /** The twice-a-day rule as the compliance report judges today: morning and afternoon checks. */
    private Html rule(String mailbox, LocalDate today) throws SQLException {
        if (report.rule(mailbox).isEmpty()) {
            return Html.EMPTY;
        }
        ComplianceDay day = report.forMailbox(mailbox, today, today).get(0);
        if (day.kind() != DayKind.BUSINESS_DAY) {
            return Html.EMPTY;
        }
        String verdict = day.missed() ? "ไม่ครบตามเกณฑ์" : Boolean.TRUE.equals(day.ruleMet()) ? "ครบตามเกณฑ์" : "ยังไม่ครบ";
        return Html.of(" <span class=\"muted\">(เช้า {} บ่าย {}: {})</span>", day.morningChecks(), day.afternoonChecks(),
                verdict);
    }

    private Html outboxCard() throws SQLException {
        List<Html> items = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT status, count(*) FROM outgoing_message"
                     + " WHERE status IN ('queued', 'sending', 'uncertain', 'failed') GROUP BY status ORDER BY status");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(Html.of("<li><a href=\"{}?status={}\">{}: {}</a></li>", ConsolePaths.OUTBOX,
                        Html.query(rows.getString(1)), StatusNames.of(rows.getString(1)), rows.getInt(2)));
            }
        }
        return Html.of("<section class=\"card\"><h2>หนังสือขาออกที่ยังไม่ส่ง</h2>{}</section>",
                items.isEmpty() ? Html.of("<p class=\"muted\">ไม่มี</p>") : Html.of("<ul>{}</ul>", Html.join(items)));
    }
}
