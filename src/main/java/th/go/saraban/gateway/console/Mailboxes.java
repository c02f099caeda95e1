package th.go.saraban.gateway.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;

/** The central mailboxes the console shows: the configured ones (the first first), and any the register or checks name. */
final class Mailboxes {

    private Mailboxes() {
    }

    static List<String> all(DataSource dataSource, String centralAddress, List<String> configured) throws SQLException {
        TreeSet<String> names = new TreeSet<>(configured);
        names.add(centralAddress);
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT name FROM mailbox"
                     + " UNION SELECT DISTINCT mailbox FROM mailbox_check");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        List<String> ordered = new ArrayList<>();
        ordered.add(centralAddress);
        names.stream().filter(name -> !name.equals(centralAddress)).forEach(ordered::add);
        return ordered;
    }
}
