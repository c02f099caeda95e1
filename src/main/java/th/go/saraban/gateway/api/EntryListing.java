package th.go.saraban.gateway.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import th.go.saraban.gateway.register.EntryActions;
import th.go.saraban.gateway.register.EntryStatus;

/**
 * {@code GET /api/v1/entries}: the receiving register newest first (by {@code received_at}, then
 * id), one page at a time. Pages count from 1; {@code size} is 1 to {@value #MAX_SIZE}, default
 * {@value #DEFAULT_SIZE}. Every filter is a bound SQL parameter; text filters match case-insensitively
 * anywhere in the value, with {@code %} and {@code _} taken literally.
 */
public final class EntryListing {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;
    /** Buddhist-Era years the register can hold (2026 CE is 2569 BE); a CE year is refused, not misread. */
    private static final int FIRST_YEAR = 2400;
    private static final int LAST_YEAR = 2800;
    /**
     * Every value {@code incoming_register.status} can hold (its check constraint, V9): the gateway's own,
     * then those officers set. The {@code status} filter takes only these; routes/api.camel.yaml lists
     * the same as the parameter's enum.
     */
    public static final List<String> STATUSES = Stream.concat(
            Arrays.stream(EntryStatus.values()).map(EntryStatus::column),
            EntryActions.OFFICER_STATUSES.stream()).distinct().toList();

    private final DataSource dataSource;
    private final EntryDocuments documents;
    private final ZoneId zone;

    public EntryListing(DataSource dataSource, EntryDocuments documents, ZoneId zone) {
        this.dataSource = dataSource;
        this.documents = documents;
        this.zone = zone;
    }

    public Map<String, Object> page(Exchange exchange) throws SQLException {
        ApiParameters parameters = new ApiParameters(exchange);
        long page = parameters.integer("page", 1, 1_000_000, 1);
        long size = parameters.integer("size", 1, MAX_SIZE, DEFAULT_SIZE);
        Filter filter = new Filter();
        parameters.text("mailbox", 320).ifPresent(mailbox -> filter.add("mailbox = ?", mailbox));
        parameters.integer("year", FIRST_YEAR, LAST_YEAR).ifPresent(year -> filter.add("register_year = ?",
                year.intValue()));
        parameters.oneOf("status", STATUSES).ifPresent(status -> filter.add("status = ?", status));
        parameters.text("sender", 320).ifPresent(sender -> filter.add("(sender_address ILIKE ? ESCAPE '\\'"
                + " OR sender_name ILIKE ? ESCAPE '\\')", contains(sender), contains(sender)));
        parameters.text("q", 500).ifPresent(q -> filter.add("subject ILIKE ? ESCAPE '\\'", contains(q)));
        range(parameters, filter, "received");
        range(parameters, filter, "deemed");

        try (Connection db = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM incoming_register"
                    + filter.where())) {
                filter.bind(count, 1);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            List<Map<String, Object>> items = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("SELECT " + EntryDocuments.SUMMARY_COLUMNS
                    + " FROM incoming_register" + filter.where()
                    + " ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?")) {
                int next = filter.bind(select, 1);
                select.setLong(next, size);
                select.setLong(next + 1, (page - 1) * size);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(documents.columns(rows));
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

    /** {@code received_from/_to} on received_at, {@code deemed_from/_to} on deemed_received_at. */
    private void range(ApiParameters parameters, Filter filter, String what) {
        String column = what.equals("received") ? "received_at" : "deemed_received_at";
        Optional<Instant> from = parameters.from(what + "_from", zone);
        Optional<Instant> to = parameters.to(what + "_to", zone);
        from.ifPresent(instant -> filter.add(column + " >= ?", Timestamp.from(instant)));
        to.ifPresent(instant -> filter.add(column + " < ?", Timestamp.from(instant)));
    }

    private static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

}
