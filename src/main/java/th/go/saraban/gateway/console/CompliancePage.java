package th.go.saraban.gateway.console;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import th.go.saraban.gateway.compliance.ComplianceDay;
import th.go.saraban.gateway.compliance.ComplianceReport;
import th.go.saraban.gateway.compliance.CsvTable;
import th.go.saraban.gateway.compliance.DayKind;
import th.go.saraban.gateway.thai.OfficialDates;
import th.go.saraban.gateway.thai.ThaiDigits;

/**
 * "Compliance" (การตรวจกล่องจดหมาย): a month per mailbox from the {@link ComplianceReport}, each
 * business day green when the twice-a-day rule was kept and red when its hours ended without it,
 * weekends and holidays (with the holiday's Thai name) grey; a day opens to its checks; the month
 * downloads as the same CSV the API answers (UTF-8 with BOM, for Excel).
 */
public final class CompliancePage {

    private static final String[] WEEKDAYS = {"จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา."};

    private final ComplianceReport report;
    private final ThaiTime time;
    private final Layout layout;

    public CompliancePage(ComplianceReport report, ThaiTime time, Layout layout) {
        this.report = report;
        this.time = time;
        this.layout = layout;
    }

    public ConsoleReply calendar(ConsoleRequest request) throws SQLException {
        String mailbox = mailbox(request);
        YearMonth month = month(request, mailbox);
        List<ComplianceDay> days = report.forMailbox(mailbox, month.atDay(1), month.atEndOfMonth());
        List<Html> cells = new ArrayList<>();
        for (String weekday : WEEKDAYS) {
            cells.add(Html.of("<div class=\"head\">{}</div>", weekday));
        }
        int blanks = month.atDay(1).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        for (int i = 0; i < blanks; i++) {
            cells.add(Html.of("<div class=\"day empty\"></div>"));
        }
        int missed = 0;
        for (ComplianceDay day : days) {
            String colour = day.kind() != DayKind.BUSINESS_DAY ? "off"
                    : day.missed() ? "red" : Boolean.TRUE.equals(day.ruleMet()) ? "green" : "open";
            missed += day.missed() ? 1 : 0;
            Html note = day.kind() == DayKind.HOLIDAY
                    ? Html.of("<span class=\"holiday\">{}</span>", day.holidayName() == null ? day.kind().thai() : day.holidayName())
                    : day.kind() == DayKind.WEEKEND ? Html.EMPTY
                    : Html.of("<span>ตรวจ {} ครั้ง (เช้า {} บ่าย {}){}</span>", day.checksInHours(), day.morningChecks(),
                            day.afternoonChecks(), day.failedChecks() > 0
                                    ? Html.of(" ล้มเหลว {}", day.failedChecks()) : Html.EMPTY);
            cells.add(Html.of("<div class=\"day {}\" data-date=\"{}\" data-rule-met=\"{}\"><a href=\"{}/day?mailbox={}&amp;date={}\">"
                    + "<span class=\"n\">{}</span><br>{}</a></div>", colour, day.date(), day.ruleMet(),
                    ConsolePaths.COMPLIANCE, Html.query(mailbox), day.date(), ThaiDigits.of(day.date().getDayOfMonth()), note));
        }
        String monthName = OfficialDates.date(month.atDay(1).atStartOfDay(time.zone())).substring(2).strip();
        Html choose = Html.of("<form method=\"get\" class=\"filters\" action=\"{}\"><div><label for=\"mailbox\">กล่องจดหมาย</label>"
                + "<select id=\"mailbox\" name=\"mailbox\">{}</select></div><div><label for=\"month\">เดือน</label>"
                + "<input id=\"month\" name=\"month\" type=\"month\" value=\"{}\"></div><div><button type=\"submit\">แสดง</button></div></form>",
                ConsolePaths.COMPLIANCE, Html.join(report.mailboxes().stream().map(m -> Html.of("<option value=\"{}\"{}>{}</option>",
                        m, m.equals(mailbox) ? Html.of(" selected") : Html.EMPTY, m)).toList()), month);
        Html navigation = Html.of("<div class=\"actions\"><a href=\"{}\">← เดือนก่อน</a><a href=\"{}\">เดือนถัดไป →</a>"
                + "<a class=\"csv\" href=\"{}.csv?mailbox={}&amp;month={}\">ส่งออก CSV</a></div>",
                link(mailbox, month.minusMonths(1)), link(mailbox, month.plusMonths(1)), ConsolePaths.COMPLIANCE,
                Html.query(mailbox), month);
        Html summary = missed == 0 ? Html.of("<p class=\"notice ok\">ทุกวันทำการที่ครบกำหนดแล้ว ตรวจกล่องจดหมายครบตามเกณฑ์"
                + " (อย่างน้อยเช้าหนึ่งครั้งและบ่ายหนึ่งครั้งในเวลาราชการ)</p>")
                : Html.of("<p class=\"notice error\">วันทำการที่ตรวจไม่ครบตามเกณฑ์: {} วัน (สีแดง)</p>", missed);
        return ConsoleReply.page(layout.page("การตรวจกล่องจดหมาย", ConsolePaths.COMPLIANCE, request.officer(),
                Html.of("{}<h2>{} – {}</h2>{}{}<div class=\"calendar\">{}</div>", choose, mailbox, monthName, summary,
                        navigation, Html.join(cells))));
    }

    public ConsoleReply day(ConsoleRequest request) throws SQLException {
        String mailbox = mailbox(request);
        LocalDate date;
        try {
            date = LocalDate.parse(request.queryValue("date").orElseThrow(() -> new ConsoleException(400, "ไม่ได้ระบุวันที่")));
        } catch (DateTimeParseException e) {
            throw new ConsoleException(400, "วันที่ไม่ถูกต้อง");
        }
        ComplianceDay day = report.forMailbox(mailbox, date, date).get(0);
        List<Html> rows = new ArrayList<>();
        for (ComplianceReport.CheckRecord check : report.checksOn(mailbox, date)) {
            rows.add(Html.of("<tr data-outcome=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {}</td><td>{}</td></tr>",
                    check.outcome(), time.time(check.startedAt()),
                    check.finishedAt() == null ? "–" : time.time(check.finishedAt()),
                    check.outcome().equals("ok") ? "สำเร็จ" : check.outcome().equals("failed") ? "ล้มเหลว" : "กำลังตรวจ",
                    check.half() == null ? "นอกเวลาราชการ" : check.half().equals("morning") ? "เช้า" : "บ่าย",
                    check.messagesFound(), check.messagesRegistered(), check.errorText()));
        }
        Html verdict = day.kind() != DayKind.BUSINESS_DAY
                ? Html.of("<p class=\"notice\">{}{}</p>", day.kind().thai(), day.holidayName() == null ? "" : ": " + day.holidayName())
                : day.missed() ? Html.of("<p class=\"notice error\">ตรวจไม่ครบตามเกณฑ์ (เช้า {} ครั้ง บ่าย {} ครั้ง)</p>",
                        day.morningChecks(), day.afternoonChecks())
                : Boolean.TRUE.equals(day.ruleMet()) ? Html.of("<p class=\"notice ok\">ตรวจครบตามเกณฑ์ (เช้า {} ครั้ง บ่าย {} ครั้ง)</p>",
                        day.morningChecks(), day.afternoonChecks())
                : Html.of("<p class=\"notice\">ยังไม่ถึงเวลาปิดราชการของวันนี้</p>");
        Html facts = Html.of("<dl class=\"facts\"><dt>หนังสือเข้า</dt><dd>{}</dd><dt>ลงทะเบียน</dt><dd>{}</dd>"
                + "<dt>ตอบรับแล้ว</dt><dd>{}</dd><dt>ยังไม่มีการปฏิบัติ</dt><dd>{}</dd></dl>", day.lettersReceived(),
                day.lettersRegistered(), day.lettersAcknowledged(), day.withoutAction());
        Html table = rows.isEmpty() ? Html.of("<p class=\"muted\">ไม่มีการตรวจในวันนี้</p>")
                : Html.of("<div class=\"table-wrap\"><table class=\"checks\"><thead><tr><th>เริ่ม</th><th>เสร็จ</th><th>ผล</th>"
                        + "<th>ช่วง</th><th>พบ / ลงทะเบียน</th><th>ข้อผิดพลาด</th></tr></thead><tbody>{}</tbody></table></div>",
                        Html.join(rows));
        Html back = Html.of("<p><a href=\"{}\">← ปฏิทินเดือนนี้</a></p>", link(mailbox, YearMonth.from(date)));
        return ConsoleReply.page(layout.page("การตรวจวันที่ " + time.date(date), ConsolePaths.COMPLIANCE, request.officer(),
                Html.of("{}<h2>{}</h2>{}{}<h2>การตรวจ</h2>{}", back, mailbox, verdict, facts, table)));
    }

    public ConsoleReply csv(ConsoleRequest request) throws SQLException {
        String mailbox = mailbox(request);
        YearMonth month = month(request, mailbox);
        List<Map<String, Object>> rows = report.forMailbox(mailbox, month.atDay(1), month.atEndOfMonth()).stream()
                .map(ComplianceDay::document).toList();
        List<String> header = List.copyOf(rows.get(0).keySet());
        return ConsoleReply.download(CsvTable.of(header, rows), "text/csv; charset=UTF-8",
                "compliance-" + mailbox.replace('@', '_') + "-" + month + ".csv");
    }

    private String mailbox(ConsoleRequest request) {
        List<String> known = report.mailboxes();
        String mailbox = request.queryValue("mailbox").orElse(known.get(0));
        if (!known.contains(mailbox)) {
            throw new ConsoleException(404, "ไม่รู้จักกล่องจดหมาย " + mailbox);
        }
        return mailbox;
    }

    private YearMonth month(ConsoleRequest request, String mailbox) {
        try {
            return request.queryValue("month").map(YearMonth::parse).orElse(YearMonth.from(report.today(mailbox)));
        } catch (DateTimeParseException e) {
            throw new ConsoleException(400, "เดือนไม่ถูกต้อง (เช่น 2026-11)");
        }
    }

    private static String link(String mailbox, YearMonth month) {
        return ConsolePaths.COMPLIANCE + "?mailbox=" + Html.query(mailbox) + "&month=" + month;
    }
}
