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

/**
 * "Needs a person" (รอเจ้าหน้าที่): entries the gateway registered but could not read whole, each with
 * its reason ({@code problems}) and its raw bytes. An officer who has looked at one marks it
 * reviewed; who and when go into {@code entry_review} and the audit trail in one transaction.
 */
public final class NeedsPersonPage {

    /** Statuses that mean "a person must look": the gateway's flags on the evidence. */
    static final List<String> STATUSES = List.of("needs_review", "oversize", "unfetchable", "unreadable");
    private static final int LIMIT = 200;

    private final DataSource dataSource;
    private final Clock clock;
    private final ThaiTime time;
    private final Layout layout;

    public NeedsPersonPage(DataSource dataSource, Clock clock, ThaiTime time, Layout layout) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.time = time;
        this.layout = layout;
    }

    public ConsoleReply render(ConsoleRequest request) throws SQLException {
        String mailbox = request.queryValue("mailbox").orElse(null);
        String status = request.queryValue("status").filter(STATUSES::contains).orElse(null);
        List<Html> waiting = new ArrayList<>();
        List<Html> reviewed = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT e.id, e.mailbox, e.register_year, e.register_no,"
                     + " e.received_at, e.sender_address, e.subject, e.status, e.problems, e.raw_mime IS NOT NULL AS has_raw,"
                     + " e.raw_size, r.reviewed_by, r.reviewed_at FROM incoming_register e"
                     + " LEFT JOIN entry_review r ON r.entry_id = e.id"
                     + " WHERE e.status = ANY (?) AND (?::text IS NULL OR e.mailbox = ?) AND (?::text IS NULL OR e.status = ?)"
                     + " ORDER BY (r.entry_id IS NULL) DESC, e.received_at DESC, e.id DESC LIMIT ?")) {
            select.setArray(1, db.createArrayOf("text", STATUSES.toArray()));
            select.setString(2, mailbox);
            select.setString(3, mailbox);
            select.setString(4, status);
            select.setString(5, status);
            select.setInt(6, LIMIT);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong("id");
                    Html raw = row.getBoolean("has_raw")
                            ? Html.of("<a class=\"raw\" href=\"{}/{}/raw\">ดาวน์โหลด .eml ({} ไบต์)</a>", ConsolePaths.REGISTER,
                                    id, row.getLong("raw_size"))
                            : Html.of("<span class=\"muted\">ไม่มีต้นฉบับในระบบ ({} ไบต์อยู่ที่เซิร์ฟเวอร์)</span>",
                                    row.getLong("raw_size"));
                    Timestamp reviewedAt = row.getTimestamp("reviewed_at");
                    Html decision = reviewedAt == null
                            ? Html.of("<form method=\"post\" action=\"{}/{}/reviewed\" data-confirm=\"{}\">{}"
                                    + "<button type=\"submit\">ตรวจแล้ว</button></form>", ConsolePaths.NEEDS_A_PERSON, id,
                                    "บันทึกว่าตรวจฉบับนี้แล้ว?", Layout.csrfField(request.officer()))
                            : Html.of("<span class=\"badge ok\">ตรวจแล้วโดย {} {}</span>", row.getString("reviewed_by"),
                                    time.shortDateTime(reviewedAt.toInstant()));
                    Html line = Html.of("<tr data-entry-id=\"{}\" data-status=\"{}\"><td><a href=\"{}/{}\">{}/{}</a></td>"
                            + "<td>{}</td><td>{}</td><td>{}</td><td><span class=\"badge bad\">{}</span></td>"
                            + "<td class=\"problems\">{}</td><td>{}</td><td>{}</td></tr>", id, row.getString("status"),
                            ConsolePaths.REGISTER, id, row.getInt("register_year"), row.getInt("register_no"),
                            time.shortDateTime(row.getTimestamp("received_at").toInstant()),
                            row.getString("sender_address"), row.getString("subject"),
                            StatusNames.of(row.getString("status")), Html.lines(row.getString("problems")), raw, decision);
                    (reviewedAt == null ? waiting : reviewed).add(line);
                }
            }
        }
        Html filters = Html.of("<form method=\"get\" class=\"filters\" action=\"{}\"><div><label for=\"status\">สถานะ</label>"
                + "<select id=\"status\" name=\"status\"><option value=\"\">ทั้งหมด</option>{}</select></div>"
                + "<div><button type=\"submit\">แสดง</button></div>{}</form>", ConsolePaths.NEEDS_A_PERSON,
                Html.join(STATUSES.stream().map(s -> Html.of("<option value=\"{}\"{}>{}</option>", s,
                        s.equals(status) ? Html.of(" selected") : Html.EMPTY, StatusNames.of(s))).toList()),
                mailbox == null ? Html.EMPTY : Html.of("<input type=\"hidden\" name=\"mailbox\" value=\"{}\">", mailbox));
        Html content = Html.of("{}<h2>รอการตรวจ ({})</h2>{}<h2>ตรวจแล้ว</h2>{}", filters, waiting.size(), table(waiting),
                table(reviewed));
        return ConsoleReply.page(layout.page("รอเจ้าหน้าที่", ConsolePaths.NEEDS_A_PERSON, request.officer(), content));
    }

    public ConsoleReply markReviewed(ConsoleRequest request) throws SQLException {
        long id = request.pathId("id");
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                try (PreparedStatement flagged = db.prepareStatement("SELECT 1 FROM incoming_register WHERE id = ?"
                        + " AND status = ANY (?)")) {
                    flagged.setLong(1, id);
                    flagged.setArray(2, db.createArrayOf("text", STATUSES.toArray()));
                    try (ResultSet row = flagged.executeQuery()) {
                        if (!row.next()) {
                            throw new ConsoleException(404, "ไม่พบรายการที่รอการตรวจนี้");
                        }
                    }
                }
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO entry_review (entry_id, reviewed_by,"
                        + " reviewed_at) VALUES (?, ?, ?) ON CONFLICT (entry_id) DO NOTHING")) {
                    insert.setLong(1, id);
                    insert.setString(2, request.officer().name());
                    insert.setTimestamp(3, Timestamp.from(now));
                    if (insert.executeUpdate() == 1) {
                        ConsoleAudit.record(db, now, request.officer(), "incoming_register", id, "reviewed", null,
                                "reviewed", id);
                    }
                }
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
        return ConsoleReply.redirect(ConsolePaths.NEEDS_A_PERSON);
    }

    private static Html table(List<Html> rows) {
        if (rows.isEmpty()) {
            return Html.of("<p class=\"muted\">ไม่มีรายการ</p>");
        }
        return Html.of("<div class=\"table-wrap\"><table><thead><tr><th>เลขรับ</th><th>เข้าระบบเมื่อ</th><th>จาก</th>"
                + "<th>เรื่อง</th><th>สถานะ</th><th>เหตุผล</th><th>ต้นฉบับ</th><th></th></tr></thead><tbody>{}</tbody>"
                + "</table></div>", Html.join(rows));
    }
}
