package th.go.saraban.gateway.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Limits password guessing: after {@code perUser} failed sign-ins for one name, or {@code perAddress}
 * from one address, within {@code window}, further attempts are refused without the password being
 * checked until the window has moved past them. Attempts are rows in {@code console_sign_in}, so
 * the limit holds across restarts and across gateway nodes.
 */
public final class SignInThrottle {

    private final DataSource dataSource;
    private final Clock clock;
    private final int perUser;
    private final int perAddress;
    private final Duration window;

    public SignInThrottle(DataSource dataSource, Clock clock, int perUser, int perAddress, Duration window) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    public boolean allows(String userName, String remoteAddress) throws SQLException {
        Timestamp since = Timestamp.from(clock.instant().minus(window));
        try (Connection db = dataSource.getConnection();
             PreparedStatement count = db.prepareStatement("SELECT"
                     + " count(*) FILTER (WHERE user_name = ?), count(*) FILTER (WHERE remote_address = ?)"
                     + " FROM console_sign_in WHERE NOT succeeded AND attempted_at > ?"
                     + " AND (user_name = ? OR remote_address = ?)")) {
            count.setString(1, userName);
            count.setString(2, remoteAddress);
            count.setTimestamp(3, since);
            count.setString(4, userName);
            count.setString(5, remoteAddress);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1) < perUser && row.getInt(2) < perAddress;
            }
        }
    }

    public void record(String userName, String remoteAddress, boolean succeeded) throws SQLException {
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO console_sign_in (user_name, remote_address,"
                     + " attempted_at, succeeded) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, userName);
            insert.setString(2, remoteAddress);
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setBoolean(4, succeeded);
            insert.executeUpdate();
        }
    }
}
