package th.go.saraban.gateway.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * The two logs the API pages through besides the receiving register, paged like
 * {@code GET /entries} ({@code page} from 1, {@code size} 1 to 200, answer
 * {@code {"items", "page", "size", "total"}}), newest first:
 * <ul>
 *   <li>{@code GET /sending-register}: the sending register (ทะเบียนหนังสือส่ง), by {@code sent_at};</li>
 *   <li>{@code GET /checks}: the check log ({@code mailbox_check}), by {@code started_at}.</li>
 * </ul>
 * Every filter is a bound SQL parameter and a wrong one is a 400 naming it.
 */
public final class RecordPages {

    /** sending_register without the raw bytes (they can be tens of megabytes). */
    private static final String SENDING_COLUMNS = "id, mailbox, register_year, register_no, origin, sent_at,"
            + " from_address, recipients, subject, message_id, raw_sha256, raw_size, outgoing_id, answers_entry_id,"
            + " sent_folder, imap_uidvalidity, imap_uid, date_header, to_header, cc_header, bcc_header,"
            + " registered_at, remarks";
    /** {@code sending_register.origin}: sent by the gateway, or found in the sent folder. */
    public static final List<String> ORIGINS = List.of("gateway", "outside");
    /** {@code mailbox_check.outcome}. */
    public static final List<String> CHECK_OUTCOMES = List.of("running", "ok", "failed");
    private static final int FIRST_YEAR = 2400;
    private static final int LAST_YEAR = 2800;

    private final DataSource dataSource;
    private final ZoneId zone;
    private final DateTimeFormatter times;

    public RecordPages(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.zone = zone;
        this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    public Map<String, Object> sendingRegister(Exchange exchange) throws SQLException {
        ApiParameters parameters = new ApiParameters(exchange);
        Filter filter = new Filter();
        parameters.text("mailbox", 320).ifPresent(mailbox -> filter.add("mailbox = ?", mailbox));
        parameters.integer("year", FIRST_YEAR, LAST_YEAR).ifPresent(year -> filter.add("register_year = ?",
                year.intValue()));
        parameters.oneOf("origin", ORIGINS).ifPresent(origin -> filter.add("origin = ?", origin));
        parameters.text("recipient", 320).ifPresent(to -> filter.add("recipients ILIKE ? ESCAPE '\\'", contains(to)));
        parameters.text("q", 500).ifPresent(q -> filter.add("subject ILIKE ? ESCAPE '\\'", contains(q)));
        parameters.integer("answers_entry_id", 1, Long.MAX_VALUE).ifPresent(entry ->
                filter.add("answers_entry_id = ?", entry));
        range(parameters, filter, "sent", "sent_at");
        return page(parameters, "SELECT " + SENDING_COLUMNS + " FROM sending_register", filter,
                " ORDER BY sent_at DESC, id DESC");
    }

    /**
     * The check log. Every column of {@code mailbox_check} is shown: it is an operator's log, and a
     * column added to it (the node that ran the check) is meant to be seen.
     */
    public Map<String, Object> checks(Exchange exchange) throws SQLException {
        ApiParameters parameters = new ApiParameters(exchange);
        Filter filter = new Filter();
        parameters.text("mailbox", 320).ifPresent(mailbox -> filter.add("mailbox = ?", mailbox));
        parameters.oneOf("outcome", CHECK_OUTCOMES).ifPresent(outcome -> filter.add("outcome = ?", outcome));
        range(parameters, filter, null, "started_at");
        return page(parameters, "SELECT * FROM mailbox_check", filter, " ORDER BY started_at DESC, id DESC");
    }

    private Map<String, Object> page(ApiParameters parameters, String select, Filter filter, String order)
            throws SQLException {
        long page = parameters.integer("page", 1, 1_000_000, 1);
        long size = parameters.integer("size", 1, EntryListing.MAX_SIZE, EntryListing.DEFAULT_SIZE);
        try (Connection db = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM (" + select + filter.where()
                    + ") AS matching")) {
                filter.bind(count, 1);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Map<String, Object>> items = new ArrayList<>();
            try (PreparedStatement rows = db.prepareStatement(select + filter.where() + order + " LIMIT ? OFFSET ?")) {
                int next = filter.bind(rows, 1);
                rows.setLong(next, size);
                rows.setLong(next + 1, (page - 1) * size);
                try (ResultSet row = rows.executeQuery()) {
                    ResultSetMetaData meta = row.getMetaData();
                    while (row.next()) {
                        Map<String, Object> item = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = row.getObject(i);
                            item.put(meta.getColumnLabel(i), value instanceof Timestamp time
                                    ? times.format(time.toInstant()) : value);
                        }
                        items.add(item);
                    }
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("items", items);
            answer.put("page", page);
            answer.put("size", size);
            answer.put("total", total);
            return answer;
        }
    }

    /**
     * {@code <what>_from}/{@code <what>_to} (or plain {@code from}/{@code to}) on {@code column}: from
     * inclusive, to exclusive, a plain date meaning its whole day in the agency's zone.
     */
    private void range(ApiParameters parameters, Filter filter, String what, String column) {
        String prefix = what == null ? "" : what + "_";
        Optional<Instant> from = parameters.from(prefix + "from", zone);
        Optional<Instant> to = parameters.to(prefix + "to", zone);
        from.ifPresent(instant -> filter.add(column + " >= ?", Timestamp.from(instant)));
        to.ifPresent(instant -> filter.add(column + " < ?", Timestamp.from(instant)));
    }

    private static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

}
