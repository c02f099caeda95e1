package th.go.saraban.gateway.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import th.go.saraban.gateway.mail.Digests;

/**
 * Console sessions ({@code console_session}). The browser holds a random 256-bit token from
 * {@link SecureRandom}; the table holds only its SHA-256, so reading the table signs nobody in.
 * A session ends after {@code idle} without a request, and never lives longer than 12 hours.
 * Each session has its own CSRF token, which every state-changing form sends back.
 */
public final class Sessions {

    static final Duration LONGEST = Duration.ofHours(12);
    private static final int TOKEN_BYTES = 32;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random = new SecureRandom();

    public Sessions(DataSource dataSource, Clock clock, Duration idle) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.idle = idle;
    }

    public Duration idle() {
        return idle;
    }

    /** Starts a session for a user who has just signed in; returns the token for the cookie. */
    public String start(ConsoleUsers.User user, String remoteAddress) throws SQLException {
        String token = newToken();
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            try (PreparedStatement expired = db.prepareStatement("DELETE FROM console_session WHERE expires_at < ?")) {
                expired.setTimestamp(1, Timestamp.from(now));
                expired.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO console_session (token_sha256, user_id,"
                    + " csrf_token, created_at, last_seen_at, expires_at, remote_address) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, digest(token));
                insert.setLong(2, user.id());
                insert.setString(3, newToken());
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(now.plus(idle)));
                insert.setString(7, remoteAddress);
                insert.executeUpdate();
            }
        }
        return token;
    }

    /** The officer of a live session, which this request keeps alive; empty when unknown or expired. */
    public Optional<Officer> resume(String token) throws SQLException {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection();
             PreparedStatement touch = db.prepareStatement("UPDATE console_session s SET last_seen_at = ?,"
                     + " expires_at = LEAST(?, s.created_at + make_interval(secs => ?))"
                     + " FROM console_user u WHERE s.token_sha256 = ? AND s.expires_at > ? AND u.id = s.user_id"
                     + " RETURNING u.id, u.name, u.role, s.csrf_token")) {
            touch.setTimestamp(1, Timestamp.from(now));
            touch.setTimestamp(2, Timestamp.from(now.plus(idle)));
            touch.setLong(3, LONGEST.toSeconds());
            touch.setString(4, digest(token));
            touch.setTimestamp(5, Timestamp.from(now));
            try (ResultSet row = touch.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Officer(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)));
            }
        }
    }

    public void end(String token) throws SQLException {
        if (token == null) {
            return;
        }
        try (Connection db = dataSource.getConnection();
             PreparedStatement delete = db.prepareStatement("DELETE FROM console_session WHERE token_sha256 = ?")) {
            delete.setString(1, digest(token));
            delete.executeUpdate();
        }
    }

    /** Compares a form's CSRF token with the session's in constant time. */
    public static boolean sameToken(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String digest(String token) {
        return Digests.sha256Hex(token.getBytes(StandardCharsets.US_ASCII));
    }
}
