package th.go.saraban.gateway.compliance;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Proof that the central mailbox was checked as the rule asks: per mailbox and calendar day, from the
 * check log ({@code mailbox_check}) and the registers, judged with that mailbox's own business hours,
 * holidays and afternoon split. Plain reads, nothing written, so the API, the console and the alerts
 * can all ask it.
 *
 * <p>Each count is a count of events on that day in the agency's zone: checks by {@code started_at},
 * letters received by {@code received_at}, registered by {@code registered_at}, acknowledgements by the
 * time the SMTP server accepted them; "without action" counts the letters received that day that have no
 * row in {@code entry_action} (an officer's recorded action) yet. Days are cut in Java from the zone, so
 * any zone id works, and the database counts them in one pass per table with {@code width_bucket} over
 * the day boundaries.
 */
public final class ComplianceReport {

    /** The longest range one report covers: a year and a day, so any calendar year fits. */
    public static final int MAX_DAYS = 367;

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, DailyCheckRule> rules;

    /** @param rules the rule of each mailbox the gateway checks, by its central address */
    public ComplianceReport(DataSource dataSource, Clock clock, Map<String, DailyCheckRule> rules) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = Map.copyOf(rules);
    }

    /** The mailboxes a report can be asked for, in name order. */
    public List<String> mailboxes() {
        return List.copyOf(new TreeSet<>(rules.keySet()));
    }

    public Optional<DailyCheckRule> rule(String mailbox) {
        return Optional.ofNullable(mailbox == null ? null : rules.get(mailbox));
    }

    /** Today in the zone of {@code mailbox}'s rule. */
    public LocalDate today(String mailbox) {
        return LocalDate.now(clock.withZone(ruleOf(mailbox).zone()));
    }

    /**
     * One row per day from {@code from} to {@code to}, both included.
     *
     * @throws IllegalArgumentException for an unknown mailbox, {@code to} before {@code from}, or more than
     *                                  {@link #MAX_DAYS} days
     */
    public List<ComplianceDay> forMailbox(String mailbox, LocalDate from, LocalDate to) throws SQLException {
        DailyCheckRule rule = ruleOf(mailbox);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException("the range has " + days + " days; at most " + MAX_DAYS
                    + " fit in one report");
        }
        Instant[] bounds = new Instant[(int) days + 1];
        for (int d = 0; d <= days; d++) {
            bounds[d] = from.plusDays(d).atStartOfDay(rule.zone()).toInstant();
        }
        List<List<Instant>> successful = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            successful.add(new ArrayList<>());
        }
        int[] failed;
        int[] received;
        int[] withoutAction;
        int[] registered;
        int[] acknowledged;
        try (Connection db = dataSource.getConnection()) {
            Array dayStarts = db.createArrayOf("timestamptz", timestamps(bounds));
            try (PreparedStatement select = db.prepareStatement("SELECT started_at FROM mailbox_check"
                    + " WHERE mailbox = ? AND outcome = 'ok' AND started_at >= ? AND started_at < ?")) {
                select.setString(1, mailbox);
                select.setTimestamp(2, Timestamp.from(bounds[0]));
                select.setTimestamp(3, Timestamp.from(bounds[bounds.length - 1]));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        Instant started = row.getTimestamp(1).toInstant();
                        int day = (int) ChronoUnit.DAYS.between(from, started.atZone(rule.zone()).toLocalDate());
                        successful.get(day).add(started);
                    }
                }
            }
            failed = perDay(db, dayStarts, bounds, "SELECT width_bucket(started_at, ?), count(*) FROM mailbox_check"
                    + " WHERE mailbox = ? AND outcome = 'failed' AND started_at >= ? AND started_at < ? GROUP BY 1",
                    mailbox);
            received = perDay(db, dayStarts, bounds, "SELECT width_bucket(received_at, ?), count(*)"
                    + " FROM incoming_register WHERE mailbox = ? AND received_at >= ? AND received_at < ? GROUP BY 1",
                    mailbox);
            registered = perDay(db, dayStarts, bounds, "SELECT width_bucket(registered_at, ?), count(*)"
                    + " FROM incoming_register WHERE mailbox = ? AND registered_at >= ? AND registered_at < ?"
                    + " GROUP BY 1", mailbox);
            acknowledged = perDay(db, dayStarts, bounds, "SELECT width_bucket(sent_at, ?), count(*)"
                    + " FROM outgoing_message WHERE mailbox = ? AND kind = 'acknowledgement' AND status = 'sent'"
                    + " AND sent_at >= ? AND sent_at < ? GROUP BY 1", mailbox);
            withoutAction = perDay(db, dayStarts, bounds, "SELECT width_bucket(r.received_at, ?), count(*)"
                    + " FROM incoming_register r WHERE r.mailbox = ? AND r.received_at >= ? AND r.received_at < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM entry_action a WHERE a.entry_id = r.id) GROUP BY 1", mailbox);
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(rule.zone()).toLocalDate();
        List<ComplianceDay> report = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = from.plusDays(d);
            DayKind kind = rule.kind(date);
            DailyCheckRule.Verdict verdict = rule.verdict(date, successful.get(d));
            String status = status(rule, date, today, now);
            report.add(new ComplianceDay(date, kind, rule.holidayName(date).orElse(null), status,
                    verdict.inHours(), verdict.morningChecks(), verdict.afternoonChecks(),
                    ruleMet(kind, status, verdict), failed[d], received[d], registered[d], acknowledged[d],
                    withoutAction[d]));
        }
        return report;
    }

    /** One check as the console shows it when a day is opened. */
    public record CheckRecord(long id, Instant startedAt, Instant finishedAt, String outcome, String half,
                              int messagesFound, int messagesRegistered, String errorText) {
    }

    /** Every check of {@code mailbox} that started on {@code date}, in time order, with the half it counts for. */
    public List<CheckRecord> checksOn(String mailbox, LocalDate date) throws SQLException {
        DailyCheckRule rule = ruleOf(mailbox);
        List<CheckRecord> checks = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT id, started_at, finished_at, outcome,"
                     + " messages_found, messages_registered, error_text FROM mailbox_check WHERE mailbox = ?"
                     + " AND started_at >= ? AND started_at < ? ORDER BY started_at, id")) {
            select.setString(1, mailbox);
            select.setTimestamp(2, Timestamp.from(date.atStartOfDay(rule.zone()).toInstant()));
            select.setTimestamp(3, Timestamp.from(date.plusDays(1).atStartOfDay(rule.zone()).toInstant()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Instant started = row.getTimestamp("started_at").toInstant();
                    Timestamp finished = row.getTimestamp("finished_at");
                    checks.add(new CheckRecord(row.getLong("id"), started,
                            finished == null ? null : finished.toInstant(), row.getString("outcome"),
                            rule.halfOf(started).map(DailyCheckRule.Half::value).orElse(null),
                            row.getInt("messages_found"), row.getInt("messages_registered"),
                            row.getString("error_text")));
                }
            }
        }
        return checks;
    }

    private DailyCheckRule ruleOf(String mailbox) {
        DailyCheckRule rule = mailbox == null ? null : rules.get(mailbox);
        if (rule == null) {
            throw new IllegalArgumentException("unknown mailbox '" + mailbox + "'; the gateway checks "
                    + String.join(", ", mailboxes()));
        }
        return rule;
    }

    private static String status(DailyCheckRule rule, LocalDate date, LocalDate today, Instant now) {
        if (date.isBefore(today)) {
            return ComplianceDay.DUE;
        }
        if (date.isAfter(today)) {
            return ComplianceDay.NOT_YET_DUE;
        }
        Optional<Instant> closes = rule.closes(date);
        return closes.isPresent() && !now.isBefore(closes.get()) ? ComplianceDay.DUE : ComplianceDay.IN_PROGRESS;
    }

    private static Boolean ruleMet(DayKind kind, String status, DailyCheckRule.Verdict verdict) {
        if (kind != DayKind.BUSINESS_DAY || status.equals(ComplianceDay.NOT_YET_DUE)) {
            return null;
        }
        if (status.equals(ComplianceDay.IN_PROGRESS)) {
            return verdict.met() ? Boolean.TRUE : null;
        }
        return verdict.met();
    }

    /** Counts per day from a query whose first column is the 1-based day bucket and second the count. */
    private static int[] perDay(Connection db, Array dayStarts, Instant[] bounds, String sql, String mailbox)
            throws SQLException {
        int[] counts = new int[bounds.length - 1];
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setArray(1, dayStarts);
            select.setString(2, mailbox);
            select.setTimestamp(3, Timestamp.from(bounds[0]));
            select.setTimestamp(4, Timestamp.from(bounds[bounds.length - 1]));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int bucket = row.getInt(1);
                    if (bucket >= 1 && bucket <= counts.length) {
                        counts[bucket - 1] = row.getInt(2);
                    }
                }
            }
        }
        return counts;
    }

    private static Timestamp[] timestamps(Instant[] instants) {
        Timestamp[] result = new Timestamp[instants.length];
        for (int i = 0; i < instants.length; i++) {
            result[i] = Timestamp.from(instants[i]);
        }
        return result;
    }
}
