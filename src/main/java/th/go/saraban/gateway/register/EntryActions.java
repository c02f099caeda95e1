package th.go.saraban.gateway.register;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What officers do with a letter once it is registered: the status of the work, where it went
 * (การปฏิบัติ), remarks (หมายเหตุ), and the sender's document number and date (ที่ / ลงวันที่), which
 * the gateway cannot read reliably from the mail. Each action is a row in {@code entry_action}; the
 * entry's current values are on {@code incoming_register}, and every value an action changes leaves
 * its old and new value in the audit trail, in the same transaction. The API and the web console
 * both record through here.
 */
public final class EntryActions {

    /**
     * The statuses an officer may set. {@code registered} and {@code needs_review} are the gateway's
     * own and can be set back (a review done, or asked for); the others are steps of the work.
     */
    public static final List<String> OFFICER_STATUSES = List.of("registered", "needs_review", "routed",
            "in_progress", "done", "cancelled");
    /** Facts about the evidence, set by the gateway only: an entry with one of them keeps it. */
    public static final Set<String> GATEWAY_STATUSES = Set.of("oversize", "unfetchable", "unreadable");

    public static final int MAX_OFFICER_CHARS = 200;
    public static final int MAX_ROUTED_TO_CHARS = 500;
    public static final int MAX_DOCUMENT_NO_CHARS = 200;
    public static final int MAX_REMARKS_CHARS = 4000;

    private final DataSource dataSource;
    private final Clock clock;
    private final ZoneId zone;

    public EntryActions(DataSource dataSource, Clock clock, ZoneId zone) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
    }

    /** An action as recorded, with the values it changed (none when it only repeated them). */
    public record RecordedAction(long id, long entryId, String status, String routedTo, String remarks,
                                 String documentNo, LocalDate documentDate, String officer, String apiKeyName,
                                 Instant recordedAt, List<AuditTrail.Change> changes) {
    }

    /**
     * Records an action and applies it to the entry.
     *
     * @throws InvalidActionException   a field that cannot be recorded (names it)
     * @throws UnknownEntryException    no such entry
     * @throws ActionConflictException  a status change the entry's state does not allow
     */
    public RecordedAction record(long entryId, ActionRequest request, Actor actor) throws SQLException {
        String officer = singleLine("officer", actor == null ? null : actor.officer(), MAX_OFFICER_CHARS);
        if (officer == null || officer.isEmpty()) {
            throw new InvalidActionException("officer", "is required: the name of the officer who records the action");
        }
        Actor who = new Actor(officer, actor.apiKeyName());
        String status = status(request.status());
        String routedTo = singleLine("routed_to", request.routedTo(), MAX_ROUTED_TO_CHARS);
        String documentNo = singleLine("document_no", request.documentNo(), MAX_DOCUMENT_NO_CHARS);
        String remarks = text("remarks", request.remarks(), MAX_REMARKS_CHARS);
        LocalDate documentDate = documentDate(request.documentDate());
        boolean clearsDate = request.documentDate() != null && request.documentDate().isBlank();
        if (status == null && routedTo == null && documentNo == null && remarks == null && documentDate == null
                && !clearsDate) {
            throw new InvalidActionException("body", "nothing to record: give at least one of status, routed_to,"
                    + " remarks, document_no, document_date");
        }
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                Map<String, String> current = lockEntry(db, entryId);
                if (status != null && !status.equals(current.get("status"))
                        && GATEWAY_STATUSES.contains(current.get("status"))) {
                    throw new ActionConflictException("entry " + entryId + " has status " + current.get("status")
                            + ", which only the gateway sets: its evidence is incomplete, and the status says so."
                            + " Record routed_to or remarks instead");
                }
                Map<String, String> next = new LinkedHashMap<>(current);
                apply(next, "status", status);
                apply(next, "routed_to", routedTo);
                apply(next, "remarks", remarks);
                apply(next, "document_no", documentNo);
                if (documentDate != null || clearsDate) {
                    next.put("document_date", documentDate == null ? null : documentDate.toString());
                }
                long actionId = insertAction(db, entryId, status, routedTo, remarks, documentNo,
                        clearsDate ? null : documentDate, who, now);
                List<AuditTrail.Change> changes = new ArrayList<>();
                for (String field : List.of("status", "routed_to", "remarks", "document_no", "document_date")) {
                    if (!Objects.equals(current.get(field), next.get(field))) {
                        changes.add(new AuditTrail.Change("incoming_register", entryId, field, current.get(field),
                                next.get(field)));
                    }
                }
                if (!changes.isEmpty()) {
                    updateEntry(db, entryId, next);
                    AuditTrail.write(db, now, who, entryId, actionId, changes);
                }
                db.commit();
                return new RecordedAction(actionId, entryId, status, routedTo, remarks, documentNo,
                        clearsDate ? null : documentDate, who.officer(), who.apiKeyName(), now, changes);
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    /** The entry's actions, oldest first, each with the values it changed. */
    public List<RecordedAction> actions(long entryId) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            return actions(db, entryId);
        }
    }

    /** The same, in the caller's connection (the entry document reads all its parts in one). */
    public static List<RecordedAction> actions(Connection db, long entryId) throws SQLException {
        Map<Long, List<AuditTrail.Change>> changes = new LinkedHashMap<>();
        for (AuditTrail.Entry change : AuditTrail.ofEntry(db, entryId)) {
            if (change.actionId() != null) {
                changes.computeIfAbsent(change.actionId(), id -> new ArrayList<>()).add(new AuditTrail.Change(
                        change.entity(), change.entityId(), change.field(), change.oldValue(), change.newValue()));
            }
        }
        List<RecordedAction> actions = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT id, status, routed_to, remarks, document_no,"
                + " document_date, officer, api_key_name, recorded_at FROM entry_action WHERE entry_id = ?"
                + " ORDER BY id")) {
            select.setLong(1, entryId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Date date = row.getDate("document_date");
                    long id = row.getLong("id");
                    actions.add(new RecordedAction(id, entryId, row.getString("status"),
                            row.getString("routed_to"), row.getString("remarks"), row.getString("document_no"),
                            date == null ? null : date.toLocalDate(), row.getString("officer"),
                            row.getString("api_key_name"), row.getTimestamp("recorded_at").toInstant(),
                            List.copyOf(changes.getOrDefault(id, List.of()))));
                }
            }
        }
        return actions;
    }

    private static void apply(Map<String, String> next, String field, String value) {
        if (value != null) {
            next.put(field, value.isEmpty() ? null : value);
        }
    }

    private static String status(String value) {
        if (value == null) {
            return null;
        }
        String status = value.trim();
        if (GATEWAY_STATUSES.contains(status)) {
            throw new InvalidActionException("status", "'" + visible(status) + "' is set by the gateway only;"
                    + " an officer sets one of " + String.join(", ", OFFICER_STATUSES));
        }
        if (!OFFICER_STATUSES.contains(status)) {
            throw new InvalidActionException("status", "unknown status '" + visible(status) + "'; one of "
                    + String.join(", ", OFFICER_STATUSES));
        }
        return status;
    }

    private LocalDate documentDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidActionException("document_date", "'" + visible(value) + "' is not an ISO date"
                    + " (yyyy-MM-dd, e.g. 2026-11-24)");
        }
        // a Buddhist-Era year written as if it were ISO (2569-11-24) lands 543 years ahead
        if (date.getYear() > LocalDate.now(clock.withZone(zone)).getYear() + 1) {
            throw new InvalidActionException("document_date", "'" + value.trim() + "' is in the future; the year"
                    + " is the Christian-era year (2026-11-24, not the Buddhist-Era 2569-11-24)");
        }
        return date;
    }

    /** A one-line value: trimmed, no control characters, at most {@code max} characters. */
    static String singleLine(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidActionException(field, "must be one line without control characters");
        }
        return limited(field, trimmed, max);
    }

    private static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidActionException(field, "must not contain control characters other than line breaks"
                    + " and tabs");
        }
        return limited(field, trimmed, max);
    }

    private static String limited(String field, String value, int max) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new InvalidActionException(field, "is " + length + " characters long; at most " + max);
        }
        return value;
    }

    private static String visible(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static Map<String, String> lockEntry(Connection db, long entryId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT status, routed_to, remarks, document_no,"
                + " document_date FROM incoming_register WHERE id = ? FOR UPDATE")) {
            select.setLong(1, entryId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new UnknownEntryException(entryId);
                }
                Map<String, String> current = new LinkedHashMap<>();
                current.put("status", row.getString("status"));
                current.put("routed_to", row.getString("routed_to"));
                current.put("remarks", row.getString("remarks"));
                current.put("document_no", row.getString("document_no"));
                Date date = row.getDate("document_date");
                current.put("document_date", date == null ? null : date.toLocalDate().toString());
                return current;
            }
        }
    }

    private static long insertAction(Connection db, long entryId, String status, String routedTo, String remarks,
                                     String documentNo, LocalDate documentDate, Actor actor, Instant now)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO entry_action (entry_id, status, routed_to,"
                + " remarks, document_no, document_date, officer, api_key_name, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            int i = 0;
            insert.setLong(++i, entryId);
            insert.setString(++i, status);
            insert.setString(++i, routedTo);
            insert.setString(++i, remarks);
            insert.setString(++i, documentNo);
            insert.setObject(++i, documentDate == null ? null : Date.valueOf(documentDate), Types.DATE);
            insert.setString(++i, actor.officer());
            insert.setString(++i, actor.apiKeyName());
            insert.setTimestamp(++i, Timestamp.from(now));
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    private static void updateEntry(Connection db, long entryId, Map<String, String> next) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE incoming_register SET status = ?, routed_to = ?,"
                + " remarks = ?, document_no = ?, document_date = ? WHERE id = ?")) {
            int i = 0;
            update.setString(++i, next.get("status"));
            update.setString(++i, next.get("routed_to"));
            update.setString(++i, next.get("remarks"));
            update.setString(++i, next.get("document_no"));
            String date = next.get("document_date");
            update.setObject(++i, date == null ? null : Date.valueOf(LocalDate.parse(date)), Types.DATE);
            update.setLong(++i, entryId);
            update.executeUpdate();
        }
    }
}
