package th.go.saraban.gateway.console;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import th.go.saraban.gateway.outbound.InvalidReplyException;
import th.go.saraban.gateway.outbound.OfficerReplies;
import th.go.saraban.gateway.outbound.OutgoingAttachment;
import th.go.saraban.gateway.outbound.ReplyRefusedException;
import th.go.saraban.gateway.outbound.ReplyRequest;
import th.go.saraban.gateway.register.ActionConflictException;
import th.go.saraban.gateway.register.ActionRequest;
import th.go.saraban.gateway.register.Actor;
import th.go.saraban.gateway.register.AuditTrail;
import th.go.saraban.gateway.register.EntryActions;
import th.go.saraban.gateway.register.InvalidActionException;
import th.go.saraban.gateway.register.UnknownEntryException;
import th.go.saraban.gateway.thai.OfficialDates;

/**
 * "Register" (ทะเบียนรับ): the receiving register searched and filtered, one entry with its facts,
 * body, attachments and exact raw message to download, the actions officers recorded, its replies
 * and its audit trail; recording an action ({@link EntryActions}) and writing a reply that goes out
 * through the outbox ({@link OfficerReplies}), both under the signed-in officer's name.
 */
public final class RegisterPage {

    private static final int PAGE = 50;

    private final DataSource dataSource;
    private final Clock clock;
    private final ThaiTime time;
    private final Layout layout;
    private final EntryActions actions;
    private final OfficerReplies replies;

    public RegisterPage(DataSource dataSource, Clock clock, ThaiTime time, Layout layout, EntryActions actions,
            OfficerReplies replies) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.time = time;
        this.layout = layout;
        this.actions = actions;
        this.replies = replies;
    }

    /** The list: free text in subject, sender, ที่ and remarks; mailbox; status; received between two dates. */
    public ConsoleReply list(ConsoleRequest request) throws SQLException {
        String q = request.queryValue("q").orElse(null);
        String mailbox = request.queryValue("mailbox").orElse(null);
        String status = request.queryValue("status").orElse(null);
        LocalDate today = LocalDate.ofInstant(clock.instant(), time.zone());
        boolean registeredToday = request.queryValue("registered").filter("today"::equals).isPresent();
        LocalDate from = registeredToday ? null : date(request.queryValue("from"));
        LocalDate to = registeredToday ? null : date(request.queryValue("to"));
        int page = request.queryValue("page").map(RegisterPage::pageNumber).orElse(1);
        List<Html> rows = new ArrayList<>();
        boolean more = false;
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT id, mailbox, register_year, register_no, received_at,"
                     + " deemed_received_at, sender_name, sender_address, subject, status, document_no, routed_to"
                     + " FROM incoming_register WHERE (?::text IS NULL OR mailbox = ?) AND (?::text IS NULL OR status = ?)"
                     + " AND (?::text IS NULL OR subject ILIKE ? ESCAPE '\\' OR sender_address ILIKE ? ESCAPE '\\'"
                     + " OR sender_name ILIKE ? ESCAPE '\\' OR document_no ILIKE ? ESCAPE '\\' OR remarks ILIKE ? ESCAPE '\\')"
                     + " AND (?::timestamptz IS NULL OR received_at >= ?) AND (?::timestamptz IS NULL OR received_at < ?)"
                     + " AND (?::timestamptz IS NULL OR registered_at >= ?)"
                     + " ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?")) {
            String like = q == null ? null : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            Timestamp fromAt = from == null ? null : Timestamp.from(from.atStartOfDay(time.zone()).toInstant());
            Timestamp toAt = to == null ? null : Timestamp.from(to.plusDays(1).atStartOfDay(time.zone()).toInstant());
            Timestamp todayAt = registeredToday ? Timestamp.from(today.atStartOfDay(time.zone()).toInstant()) : null;
            int i = 0;
            select.setString(++i, mailbox);
            select.setString(++i, mailbox);
            select.setString(++i, status);
            select.setString(++i, status);
            select.setString(++i, like);
            for (int n = 0; n < 5; n++) {
                select.setString(++i, like);
            }
            select.setTimestamp(++i, fromAt);
            select.setTimestamp(++i, fromAt);
            select.setTimestamp(++i, toAt);
            select.setTimestamp(++i, toAt);
            select.setTimestamp(++i, todayAt);
            select.setTimestamp(++i, todayAt);
            select.setInt(++i, PAGE + 1);
            select.setInt(++i, (page - 1) * PAGE);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    if (rows.size() == PAGE) {
                        more = true;
                        break;
                    }
                    long id = row.getLong("id");
                    rows.add(Html.of("<tr data-entry-id=\"{}\"><td><a href=\"{}/{}\">{}/{}</a></td><td>{}</td><td>{}</td>"
                            + "<td><a href=\"{}/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            id, ConsolePaths.REGISTER, id, row.getInt("register_year"), row.getInt("register_no"),
                            time.shortDateTime(row.getTimestamp("received_at").toInstant()),
                            sender(row.getString("sender_name"), row.getString("sender_address")),
                            ConsolePaths.REGISTER, id, Objects.requireNonNullElse(row.getString("subject"), "(ไม่มีชื่อเรื่อง)"),
                            row.getString("document_no"), row.getString("routed_to"), StatusNames.of(row.getString("status"))));
                }
            }
        }
        Html filters = Html.of("<form method=\"get\" class=\"filters\" action=\"{}\">"
                + "<div><label for=\"q\">ค้นหา (เรื่อง ผู้ส่ง ที่ หมายเหตุ)</label><input id=\"q\" name=\"q\" value=\"{}\"></div>"
                + "<div><label for=\"status\">สถานะ</label><select id=\"status\" name=\"status\"><option value=\"\">ทั้งหมด</option>{}</select></div>"
                + "<div><label for=\"from\">รับตั้งแต่วันที่</label><input id=\"from\" name=\"from\" type=\"date\" value=\"{}\"></div>"
                + "<div><label for=\"to\">ถึงวันที่</label><input id=\"to\" name=\"to\" type=\"date\" value=\"{}\"></div>"
                + "{}<div><button type=\"submit\">ค้นหา</button></div></form>", ConsolePaths.REGISTER, q,
                statusOptions(status, allStatuses()), from, to,
                mailbox == null ? Html.EMPTY : Html.of("<input type=\"hidden\" name=\"mailbox\" value=\"{}\">", mailbox));
        Html heading = registeredToday ? Html.of("<p class=\"notice\">เฉพาะที่ลงทะเบียนรับวันนี้ ({})</p>", time.date(today))
                : Html.EMPTY;
        Html table = rows.isEmpty() ? Html.of("<p class=\"muted\">ไม่พบหนังสือ</p>")
                : Html.of("<div class=\"table-wrap\"><table class=\"register\"><thead><tr><th>เลขรับ</th><th>เข้าระบบเมื่อ</th>"
                        + "<th>จาก</th><th>เรื่อง</th><th>ที่</th><th>การปฏิบัติ</th><th>สถานะ</th></tr></thead><tbody>{}"
                        + "</tbody></table></div>", Html.join(rows));
        Html paging = Html.of("<div class=\"actions\">{}{}</div>",
                page > 1 ? Html.of("<a href=\"{}\">หน้าก่อน</a>", pageLink(request, page - 1)) : Html.EMPTY,
                more ? Html.of("<a href=\"{}\">หน้าถัดไป</a>", pageLink(request, page + 1)) : Html.EMPTY);
        return ConsoleReply.page(layout.page("ทะเบียนหนังสือรับ", ConsolePaths.REGISTER, request.officer(),
                Html.of("{}{}{}{}", filters, heading, table, paging)));
    }

    public ConsoleReply entry(ConsoleRequest request) throws SQLException {
        long id = request.pathId("id");
        Officer officer = request.officer();
        try (Connection db = dataSource.getConnection()) {
            Html facts;
            Html body;
            String currentStatus;
            String routedTo;
            String remarks;
            String documentNo;
            LocalDate documentDate;
            String title;
            try (PreparedStatement select = db.prepareStatement("SELECT * FROM incoming_register WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet e = select.executeQuery()) {
                    if (!e.next()) {
                        throw new ConsoleException(404, "ไม่พบหนังสือในทะเบียนรับ");
                    }
                    currentStatus = e.getString("status");
                    routedTo = e.getString("routed_to");
                    remarks = e.getString("remarks");
                    documentNo = e.getString("document_no");
                    Date date = e.getDate("document_date");
                    documentDate = date == null ? null : date.toLocalDate();
                    title = "หนังสือรับเลขที่ " + e.getInt("register_no") + "/" + e.getInt("register_year");
                    Html raw = e.getString("raw_sha256") == null
                            ? Html.of("<span class=\"muted\">ไม่มีต้นฉบับในระบบ</span>")
                            : Html.of("<a class=\"raw\" href=\"{}/{}/raw\">ดาวน์โหลดต้นฉบับ (.eml, {} ไบต์)</a>",
                                    ConsolePaths.REGISTER, id, e.getLong("raw_size"));
                    facts = Html.of("<dl class=\"facts\">"
                            + "<dt>เลขทะเบียนรับ</dt><dd class=\"register-no\">{}/{}</dd>"
                            + "<dt>กล่องจดหมาย</dt><dd>{}</dd>"
                            + "<dt>จาก</dt><dd class=\"sender\">{}</dd>"
                            + "<dt>เรื่อง</dt><dd class=\"subject\">{}</dd>"
                            + "<dt>เข้าระบบของหน่วยงานเมื่อ</dt><dd>{}</dd>"
                            + "<dt>ถือว่าได้รับเมื่อ</dt><dd>{}</dd>"
                            + "<dt>ลงทะเบียนเมื่อ</dt><dd>{}</dd>"
                            + "<dt>ที่</dt><dd class=\"document-no\">{}</dd>"
                            + "<dt>ลงวันที่</dt><dd class=\"document-date\">{}</dd>"
                            + "<dt>การปฏิบัติ</dt><dd class=\"routed-to\">{}</dd>"
                            + "<dt>หมายเหตุ</dt><dd class=\"remarks\">{}</dd>"
                            + "<dt>สถานะ</dt><dd class=\"status\" data-status=\"{}\">{}</dd>"
                            + "<dt>ปัญหาที่พบ</dt><dd class=\"problems\">{}</dd>"
                            + "<dt>ต้นฉบับ</dt><dd>{}</dd>"
                            + "<dt>SHA-256</dt><dd class=\"sha256\"><code>{}</code></dd>"
                            + "<dt>ผลตรวจผู้ส่ง (DMARC/SPF/DKIM)</dt><dd>{} / {} / {}</dd>"
                            + "<dt>Message-ID</dt><dd><code>{}</code></dd></dl>",
                            e.getInt("register_no"), e.getInt("register_year"), e.getString("mailbox"),
                            sender(e.getString("sender_name"), e.getString("sender_address")), e.getString("subject"),
                            time.dateTime(e.getTimestamp("received_at").toInstant()),
                            time.dateTime(e.getTimestamp("deemed_received_at").toInstant()),
                            time.dateTime(e.getTimestamp("registered_at").toInstant()),
                            documentNo, documentDate == null ? "" : time.date(documentDate), routedTo,
                            Html.lines(remarks), currentStatus, StatusNames.of(currentStatus),
                            Html.lines(e.getString("problems")), raw, e.getString("raw_sha256"),
                            e.getString("auth_dmarc"), e.getString("auth_spf"), e.getString("auth_dkim"),
                            e.getString("message_id"));
                    body = Html.of("<h2>ข้อความ</h2><pre class=\"body\">{}</pre>", e.getString("body_text"));
                }
            }
            Html attachments = attachments(db, id);
            Html history = history(id);
            Html sent = replies(db, id);
            Html trail = trail(db, id);
            Html actionForm = actionForm(id, officer, currentStatus, routedTo, remarks, documentNo, documentDate);
            Html replyForm = Html.of("<form method=\"post\" action=\"{}/{}/replies\" enctype=\"multipart/form-data\" class=\"card\">"
                    + "{}<label for=\"reply-to\">ถึง (เว้นว่าง = ผู้ส่งหนังสือ)</label><input id=\"reply-to\" name=\"to\" type=\"email\">"
                    + "<label for=\"reply-text\">ข้อความ</label><textarea id=\"reply-text\" name=\"text\" required></textarea>"
                    + "<label for=\"reply-files\">แนบไฟล์</label><input id=\"reply-files\" name=\"attachment\" type=\"file\" multiple>"
                    + "<div class=\"actions\"><button type=\"submit\">ส่งหนังสือตอบ</button></div></form>",
                    ConsolePaths.REGISTER, id, Layout.csrfField(officer));
            Html content = Html.of("<p><a href=\"{}\">← ทะเบียนรับ</a></p><div class=\"card\">{}</div>{}{}"
                    + "<h2>บันทึกการปฏิบัติ</h2>{}{}<h2>เขียนหนังสือตอบ</h2>{}<h2>หนังสือตอบที่ส่ง</h2>{}"
                    + "<h2>ประวัติการแก้ไข</h2>{}", ConsolePaths.REGISTER, facts, body, attachments, actionForm, history,
                    replyForm, sent, trail);
            return ConsoleReply.page(layout.page(title, ConsolePaths.REGISTER, officer, content));
        }
    }

    /** The exact bytes the mail server holds, as {@code ปปปป-เลข.eml}. */
    public ConsoleReply raw(ConsoleRequest request) throws SQLException {
        long id = request.pathId("id");
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT register_year, register_no, raw_mime"
                     + " FROM incoming_register WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getBytes("raw_mime") == null) {
                    throw new ConsoleException(404, "ไม่มีต้นฉบับของหนังสือนี้ในระบบ");
                }
                return ConsoleReply.download(row.getBytes("raw_mime"), "message/rfc822",
                        row.getInt("register_year") + "-" + row.getInt("register_no") + ".eml");
            }
        }
    }

    public ConsoleReply attachment(ConsoleRequest request) throws SQLException {
        long id = request.pathId("id");
        long position = request.pathId("position");
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT filename, content FROM incoming_attachment"
                     + " WHERE entry_id = ? AND position = ?")) {
            select.setLong(1, id);
            select.setLong(2, position);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getBytes("content") == null) {
                    throw new ConsoleException(404, "ไม่พบไฟล์แนบนี้");
                }
                // always a download of opaque bytes: an attachment may be HTML written by anyone
                return ConsoleReply.download(row.getBytes("content"), "application/octet-stream",
                        Optional.ofNullable(row.getString("filename")).orElse("attachment-" + position));
            }
        }
    }

    public ConsoleReply recordAction(ConsoleRequest request) throws SQLException {
        long id = request.pathId("id");
        Current current = current(id);
        String date = request.formValue("document_date").map(RegisterPage::isoDate).orElse("");
        ActionRequest action = new ActionRequest(
                request.formValue("status").filter(s -> !s.equals(current.status())).orElse(null),
                changed(request, "routed_to", current.routedTo()),
                changed(request, "remarks", current.remarks()),
                changed(request, "document_no", current.documentNo()),
                Objects.equals(date, current.documentDate() == null ? "" : current.documentDate().toString()) ? null : date);
        try {
            actions.record(id, action, Actor.officer(request.officer().name()));
        } catch (InvalidActionException invalid) {
            throw new ConsoleException(400, "บันทึกไม่ได้: " + invalid.getMessage());
        } catch (ActionConflictException conflict) {
            throw new ConsoleException(409, "บันทึกไม่ได้: " + conflict.getMessage());
        } catch (UnknownEntryException unknown) {
            throw new ConsoleException(404, "ไม่พบหนังสือในทะเบียนรับ");
        }
        return ConsoleReply.redirect(ConsolePaths.REGISTER + "/" + id);
    }

    public ConsoleReply reply(ConsoleRequest request) throws SQLException {
        long id = request.pathId("id");
        List<OutgoingAttachment> files = request.uploads().stream()
                .map(upload -> new OutgoingAttachment(upload.filename(), upload.contentType(), upload.content())).toList();
        List<String> to = request.formValue("to").map(List::of).orElse(List.of());
        try {
            replies.queue(new ReplyRequest(id, null, to, request.formValue("text").orElse(null), null, files),
                    Actor.officer(request.officer().name()));
        } catch (InvalidReplyException invalid) {
            throw new ConsoleException(400, "ส่งไม่ได้: " + invalid.getMessage());
        } catch (ReplyRefusedException refused) {
            throw new ConsoleException(400, "ระบบไม่ส่งหนังสือนี้: " + refused.getMessage());
        } catch (UnknownEntryException unknown) {
            throw new ConsoleException(404, "ไม่พบหนังสือในทะเบียนรับ");
        }
        return ConsoleReply.redirect(ConsolePaths.REGISTER + "/" + id);
    }

    private Html actionForm(long id, Officer officer, String status, String routedTo, String remarks, String documentNo,
            LocalDate documentDate) {
        List<String> choices = EntryActions.GATEWAY_STATUSES.contains(status) ? List.of() : EntryActions.OFFICER_STATUSES;
        Html statusField = choices.isEmpty()
                ? Html.of("<p class=\"muted\">สถานะ {} กำหนดโดยระบบ เปลี่ยนไม่ได้</p>", StatusNames.of(status))
                : Html.of("<label for=\"action-status\">สถานะ</label><select id=\"action-status\" name=\"status\">{}</select>",
                        statusOptions(status, choices));
        return Html.of("<form method=\"post\" action=\"{}/{}/actions\" class=\"card\">{}{}"
                + "<label for=\"routed-to\">การปฏิบัติ (ส่งต่อหน่วยงาน)</label><input id=\"routed-to\" name=\"routed_to\" value=\"{}\">"
                + "<label for=\"document-no\">ที่ (เลขที่หนังสือของผู้ส่ง)</label><input id=\"document-no\" name=\"document_no\" value=\"{}\">"
                + "<label for=\"document-date\">ลงวันที่ (เช่น ๒๔ พฤศจิกายน ๒๕๖๙)</label><input id=\"document-date\" name=\"document_date\" value=\"{}\">"
                + "<label for=\"remarks\">หมายเหตุ</label><textarea id=\"remarks\" name=\"remarks\">{}</textarea>"
                + "<div class=\"actions\"><button type=\"submit\">บันทึก</button></div></form>",
                ConsolePaths.REGISTER, id, Layout.csrfField(officer), statusField, routedTo, documentNo,
                documentDate == null ? "" : time.date(documentDate), remarks);
    }

    private Html history(long id) throws SQLException {
        List<Html> rows = new ArrayList<>();
        for (EntryActions.RecordedAction action : actions.actions(id)) {
            rows.add(Html.of("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", time.shortDateTime(action.recordedAt()),
                    action.apiKeyName() == null ? action.officer() : action.officer() + " (API: " + action.apiKeyName() + ")",
                    Html.join(action.changes().stream().map(c -> Html.of("{}: {} → {}<br>", c.field(),
                            Objects.requireNonNullElse(c.oldValue(), "–"), Objects.requireNonNullElse(c.newValue(), "–"))).toList())));
        }
        return rows.isEmpty() ? Html.of("<p class=\"muted\">ยังไม่มีการบันทึก</p>")
                : Html.of("<div class=\"table-wrap\"><table class=\"actions-history\"><thead><tr><th>เมื่อ</th><th>โดย</th>"
                        + "<th>สิ่งที่เปลี่ยน</th></tr></thead><tbody>{}</tbody></table></div>", Html.join(rows));
    }

    private Html attachments(Connection db, long id) throws SQLException {
        List<Html> rows = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT position, filename, content_type, size, sha256,"
                + " content IS NOT NULL AS stored FROM incoming_attachment WHERE entry_id = ? ORDER BY position")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int position = row.getInt("position");
                    Html name = Html.text(Objects.requireNonNullElse(row.getString("filename"), "ไฟล์ที่ " + position));
                    rows.add(Html.of("<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                            row.getBoolean("stored") ? Html.of("<a href=\"{}/{}/attachments/{}\">{}</a>", ConsolePaths.REGISTER,
                                    id, position, name) : name,
                            row.getString("content_type"), row.getLong("size"), row.getString("sha256")));
                }
            }
        }
        return rows.isEmpty() ? Html.EMPTY : Html.of("<h2>ไฟล์แนบ</h2><div class=\"table-wrap\"><table><thead><tr><th>ชื่อไฟล์</th>"
                + "<th>ชนิด</th><th>ขนาด (ไบต์)</th><th>SHA-256</th></tr></thead><tbody>{}</tbody></table></div>", Html.join(rows));
    }

    private Html replies(Connection db, long id) throws SQLException {
        List<Html> rows = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT id, kind, to_addresses, subject, status, queued_at,"
                + " sent_at FROM outgoing_message WHERE answers_entry_id = ? ORDER BY id")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Timestamp sentAt = row.getTimestamp("sent_at");
                    rows.add(Html.of("<tr data-outgoing-id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            row.getLong("id"), StatusNames.of(row.getString("kind")), row.getString("to_addresses"),
                            row.getString("subject"), StatusNames.of(row.getString("status")),
                            time.shortDateTime(sentAt == null ? row.getTimestamp("queued_at").toInstant() : sentAt.toInstant())));
                }
            }
        }
        return rows.isEmpty() ? Html.of("<p class=\"muted\">ยังไม่มี</p>")
                : Html.of("<div class=\"table-wrap\"><table class=\"replies\"><thead><tr><th>ประเภท</th><th>ถึง</th><th>เรื่อง</th>"
                        + "<th>สถานะ</th><th>เมื่อ</th></tr></thead><tbody>{}</tbody></table></div>", Html.join(rows));
    }

    private Html trail(Connection db, long id) throws SQLException {
        List<Html> rows = new ArrayList<>();
        for (AuditTrail.Entry change : AuditTrail.ofEntry(db, id)) {
            rows.add(Html.of("<tr><td>{}</td><td>{}</td><td>{} {} / {}</td><td>{}</td><td>{}</td></tr>",
                    time.shortDateTime(change.changedAt()), change.officer(), change.entity(), change.entityId(),
                    change.field(), change.oldValue(), change.newValue()));
        }
        return rows.isEmpty() ? Html.of("<p class=\"muted\">ยังไม่มี</p>")
                : Html.of("<div class=\"table-wrap\"><table class=\"audit\"><thead><tr><th>เมื่อ</th><th>โดย</th><th>รายการ</th>"
                        + "<th>เดิม</th><th>ใหม่</th></tr></thead><tbody>{}</tbody></table></div>", Html.join(rows));
    }

    private record Current(String status, String routedTo, String remarks, String documentNo, LocalDate documentDate) {
    }

    private Current current(long id) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT status, routed_to, remarks, document_no, document_date"
                     + " FROM incoming_register WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new ConsoleException(404, "ไม่พบหนังสือในทะเบียนรับ");
                }
                Date date = row.getDate("document_date");
                return new Current(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        date == null ? null : date.toLocalDate());
            }
        }
    }

    /** A form field as the action records it: null when it still shows the current value, "" to clear it. */
    private static String changed(ConsoleRequest request, String field, String current) {
        String value = request.form().containsKey(field) ? request.formValue(field).orElse("") : null;
        if (value == null || value.equals(Objects.requireNonNullElse(current, ""))) {
            return null;
        }
        return value;
    }

    /** ลงวันที่ as officers write it (๒๔ พฤศจิกายน ๒๕๖๙, ๒๔ พ.ย. ๒๕๖๙) or ISO, to ISO. */
    private static String isoDate(String value) {
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException notIso) {
            try {
                return OfficialDates.parseDate(value).toString();
            } catch (IllegalArgumentException e) {
                throw new ConsoleException(400, "ลงวันที่ไม่ถูกต้อง: เขียนเช่น ๒๔ พฤศจิกายน ๒๕๖๙ (" + e.getMessage() + ")");
            }
        }
    }

    private static LocalDate date(Optional<String> value) {
        try {
            return value.map(LocalDate::parse).orElse(null);
        } catch (DateTimeParseException e) {
            throw new ConsoleException(400, "วันที่ไม่ถูกต้อง: " + value.get());
        }
    }

    private static int pageNumber(String value) {
        try {
            return Math.max(1, Math.min(10_000, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String pageLink(ConsoleRequest request, int page) {
        StringBuilder link = new StringBuilder(ConsolePaths.REGISTER + "?page=" + page);
        for (String name : List.of("q", "mailbox", "status", "from", "to", "registered")) {
            request.queryValue(name).ifPresent(v -> link.append('&').append(name).append('=').append(Html.query(v)));
        }
        return link.toString();
    }

    private static String sender(String name, String address) {
        if (name == null || name.isBlank()) {
            return Objects.requireNonNullElse(address, "(ไม่ระบุ)");
        }
        return address == null ? name : name + " <" + address + ">";
    }

    private static List<String> allStatuses() {
        List<String> all = new ArrayList<>(EntryActions.OFFICER_STATUSES);
        all.addAll(NeedsPersonPage.STATUSES.stream().filter(s -> !all.contains(s)).toList());
        return all;
    }

    private static Html statusOptions(String selected, List<String> statuses) {
        return Html.join(statuses.stream().map(s -> Html.of("<option value=\"{}\"{}>{}</option>", s,
                s.equals(selected) ? Html.of(" selected") : Html.EMPTY, StatusNames.of(s))).toList());
    }
}
