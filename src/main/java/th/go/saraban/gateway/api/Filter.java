package th.go.saraban.gateway.api;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** WHERE conditions written here (never from the request) and the request's values bound to them. */
final class Filter {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    void add(String condition, Object... bound) {
        conditions.add(condition);
        values.addAll(List.of(bound));
    }

    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    int bind(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (Object value : values) {
            statement.setObject(index++, value);
        }
        return index;
    }
}
