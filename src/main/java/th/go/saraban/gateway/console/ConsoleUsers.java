package th.go.saraban.gateway.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The people who may sign in to the console ({@code console_user}). */
public final class ConsoleUsers {

    /** Names appear in the audit trail and on pages: letters (Thai too), digits, dot, dash, underscore. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}._-]{1,64}");

    private final DataSource dataSource;
    private final Clock clock;
    private final Passwords passwords;

    public ConsoleUsers(DataSource dataSource, Clock clock, Passwords passwords) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.passwords = passwords;
    }

    public static String nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "a user name is 1 to 64 letters, digits, '.', '-' or '_' (no spaces)";
        }
        return null;
    }

    public static String roleProblem(String role) {
        if (!Officer.OFFICER.equals(role) && !Officer.ADMIN.equals(role)) {
            return "the role is 'officer' or 'admin'";
        }
        return null;
    }

    /** Creates a user; refuses a name that exists, a wrong role or a weak password. */
    public void create(String name, String role, String password) throws SQLException {
        String problem = nameProblem(name);
        if (problem == null) {
            problem = roleProblem(role);
        }
        if (problem == null) {
            problem = Passwords.weakness(password);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String hash = passwords.hash(password);
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO console_user (name, role, password_hash,"
                     + " created_at, password_set_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            Timestamp now = Timestamp.from(clock.instant());
            insert.setString(1, name);
            insert.setString(2, role);
            insert.setString(3, hash);
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, now);
            if (insert.executeUpdate() != 1) {
                throw new IllegalArgumentException("a user named '" + name + "' exists already");
            }
        }
    }

    /** The user if the name exists and the password is right; takes as long either way. */
    public Optional<User> authenticate(String name, String password) throws SQLException {
        User user = find(name).orElse(null);
        boolean matches = passwords.matches(password, user == null ? null : user.passwordHash());
        return matches ? Optional.of(user) : Optional.empty();
    }

    private Optional<User> find(String name) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT id, name, role, password_hash FROM console_user"
                     + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new User(row.getLong("id"), row.getString("name"), row.getString("role"),
                        row.getString("password_hash")));
            }
        }
    }

    public record User(long id, String name, String role, String passwordHash) {
    }
}
