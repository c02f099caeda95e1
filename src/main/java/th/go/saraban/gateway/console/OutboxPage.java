package th.go.saraban.gateway.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import th.go.saraban.gateway.outbound.Outbox;

/**
 * "Outbox" (หนังสือขาออก): messages queued, being sent, {@code uncertain} or {@code failed}, with their
 * attempts and last error. For an uncertain one an administrator decides "it was delivered"
 * ({@link Outbox#recordDelivered}) or "send it again" ({@link Outbox#resend}); a failed one can be
 * sent again. Each decision and its audit row, with the administrator's name, commit together.
 */
public final class OutboxPage {

    private static final List<String> OPEN = List.of("queued", "sending", "uncertain", "failed");
    private static final int LIMIT = 200;

    private final DataSource dataSource;
    private final Clock clock;
    private final Outbox outbox;
    private final ThaiTime time;
    private final Layout layout;

    public OutboxPage(DataSource dataSource, Clock clock, Outbox outbox, ThaiTime time, Layout layout) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.outbox = outbox;
        this.time = time;
        this.layout = layout;
    }

    public ConsoleReply render(ConsoleRequest request) throws SQLException {
        String status = request.queryValue("status").filter(OPEN::contains).orElse(null);
        Officer officer = request.officer();
        List<Html> rows = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT id, kind, answers_entry_id, to_addresses, subject,"
                     + " status, attempts, max_attempts, last_error, queued_at, next_attempt_at, claimed_at"
                     + " FROM outgoing_message WHERE status = ANY (?) AND (?::text IS NULL OR status = ?)"
                     + " ORDER BY CASE status WHEN 'uncertain' THEN 0 WHEN 'failed' THEN 1 ELSE 2 END, queued_at, id"
                     + " LIMIT ?")) {
            select.setArray(1, db.createArrayOf("text", OPEN.toArray()));
            select.setString(2, status);
            select.setString(3, status);
            select.setInt(4, LIMIT);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong("id");
                    String rowStatus = row.getString("status");
                    long entry = row.getLong("answers_entry_id");
                    Html answers = row.wasNull() ? Html.EMPTY
                            : Html.of("<br><a href=\"{}/{}\">ตอบหนังสือรับ</a>", ConsolePaths.REGISTER, entry);
                    rows.add(Html.of("<tr data-outgoing-id=\"{}\" data-status=\"{}\"><td>{}</td><td>{}{}</td><td>{}</td>"
                            + "<td>{}</td><td><span class=\"badge {}\">{}</span></td><td>{} / {}</td><td>{}</td>"
                            + "<td class=\"error-text\">{}</td><td>{}</td></tr>",
                            id, rowStatus, id, StatusNames.of(row.getString("kind")), answers, row.getString("to_addresses"),
                            row.getString("subject"), rowStatus.equals("queued") ? "" : "bad", StatusNames.of(rowStatus),
                            row.getInt("attempts"), row.getInt("max_attempts"), when(row), row.getString("last_error"),
                            decisions(id, rowStatus, officer)));
                }
            }
        }
        Html filters = Html.of("<form method=\"get\" class=\"filters\" action=\"{}\"><div><label for=\"status\">สถานะ</label>"
                + "<select id=\"status\" name=\"status\"><option value=\"\">ทั้งหมด</option>{}</select></div>"
                + "<div><button type=\"submit\">แสดง</button></div></form>", ConsolePaths.OUTBOX,
                Html.join(OPEN.stream().map(s -> Html.of("<option value=\"{}\"{}>{}</option>", s,
                        s.equals(status) ? Html.of(" selected") : Html.EMPTY, StatusNames.of(s))).toList()));
        Html help = Html.of("<p class=\"notice\">“ไม่แน่ใจว่าส่งถึง” หมายความว่าส่งข้อความครบแล้วแต่เซิร์ฟเวอร์ไม่ตอบ"
                + " เซิร์ฟเวอร์อาจรับไว้แล้ว ระบบจึงไม่ส่งซ้ำเอง ตรวจบันทึกของเซิร์ฟเวอร์ SMTP ก่อน แล้วเลือก"
                + " “ส่งถึงแล้ว” หรือ “ส่งอีกครั้ง” (ผู้ดูแลระบบ)</p>");
        Html table = rows.isEmpty() ? Html.of("<p class=\"muted\">ไม่มีหนังสือที่รอส่ง</p>")
                : Html.of("<div class=\"table-wrap\"><table><thead><tr><th>เลขที่</th><th>ประเภท</th><th>ถึง</th>"
                        + "<th>เรื่อง</th><th>สถานะ</th><th>ครั้งที่ส่ง</th><th>เวลา</th><th>ข้อผิดพลาดล่าสุด</th><th></th>"
                        + "</tr></thead><tbody>{}</tbody></table></div>", Html.join(rows));
        return ConsoleReply.page(layout.page("หนังสือขาออก", ConsolePaths.OUTBOX, officer,
                Html.of("{}{}{}", help, filters, table)));
    }

    public ConsoleReply delivered(ConsoleRequest request) throws SQLException {
        long id = request.pathId("id");
        decide(request, id, "sent", db -> outbox.recordDelivered(db, id, request.officer().name()));
        return ConsoleReply.redirect(ConsolePaths.OUTBOX);
    }

    public ConsoleReply resend(ConsoleRequest request) throws SQLException {
        long id = request.pathId("id");
        decide(request, id, "queued", db -> outbox.resend(db, id));
        return ConsoleReply.redirect(ConsolePaths.OUTBOX);
    }

    private interface Decision {
        void apply(Connection db) throws SQLException;
    }

    private void decide(ConsoleRequest request, long id, String newStatus, Decision decision) throws SQLException {
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                String old;
                Long entry;
                try (PreparedStatement lock = db.prepareStatement("SELECT status, answers_entry_id FROM outgoing_message"
                        + " WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, id);
                    try (ResultSet row = lock.executeQuery()) {
                        if (!row.next()) {
                            throw new ConsoleException(404, "ไม่พบหนังสือขาออกนี้");
                        }
                        old = row.getString(1);
                        long answers = row.getLong(2);
                        entry = row.wasNull() ? null : answers;
                    }
                }
                try {
                    decision.apply(db);
                } catch (IllegalStateException notNow) {
                    throw new ConsoleException(409, "สถานะของหนังสือฉบับนี้เปลี่ยนไปแล้ว ("
                            + StatusNames.of(old) + ") กรุณาเปิดหน้าใหม่");
                }
                ConsoleAudit.record(db, now, request.officer(), "outgoing_message", id, "status", old, newStatus, entry);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private Html when(ResultSet row) throws SQLException {
        Timestamp next = row.getTimestamp("next_attempt_at");
        Timestamp claimed = row.getTimestamp("claimed_at");
        return Html.of("เข้าคิว {}{}{}", time.shortDateTime(row.getTimestamp("queued_at").toInstant()),
                claimed == null ? Html.EMPTY : Html.of("<br>ส่งครั้งล่าสุด {}", time.shortDateTime(claimed.toInstant())),
                next == null ? Html.EMPTY : Html.of("<br>ส่งครั้งต่อไป {}", time.shortDateTime(next.toInstant())));
    }

    private static Html decisions(long id, String status, Officer officer) {
        if (!status.equals("uncertain") && !status.equals("failed")) {
            return Html.EMPTY;
        }
        if (!officer.isAdmin()) {
            return Html.of("<span class=\"muted\">รอผู้ดูแลระบบตัดสินใจ</span>");
        }
        Html resend = Html.of("<form method=\"post\" action=\"{}/{}/resend\" data-confirm=\"{}\">{}"
                + "<button type=\"submit\" class=\"secondary resend\">ส่งอีกครั้ง</button></form>", ConsolePaths.OUTBOX, id,
                "ส่งฉบับเดิม (Message-ID เดิม) อีกครั้ง? ถ้าเซิร์ฟเวอร์รับไว้แล้ว ผู้รับจะได้สองฉบับ", Layout.csrfField(officer));
        if (!status.equals("uncertain")) {
            return Html.of("<div class=\"actions\">{}</div>", resend);
        }
        Html delivered = Html.of("<form method=\"post\" action=\"{}/{}/delivered\" data-confirm=\"{}\">{}"
                + "<button type=\"submit\" class=\"delivered\">ส่งถึงแล้ว</button></form>", ConsolePaths.OUTBOX, id,
                "บันทึกว่าเซิร์ฟเวอร์รับฉบับนี้แล้ว และลงทะเบียนส่ง?", Layout.csrfField(officer));
        return Html.of("<div class=\"actions\">{}{}</div>", delivered, resend);
    }
}
