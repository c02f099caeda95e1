package th.go.saraban.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The API keys in table {@code api_key}. A key is {@code sgw_} followed by 256 random bits
 * (base64url, 43 characters). Only its SHA-256 is stored: a key that random cannot be guessed from
 * its hash, so a slow password hash would add nothing but latency to every call. The first
 * {@value #PREFIX_LENGTH} characters after {@code sgw_} are kept in clear as the key's id, to find
 * its row without comparing secrets in SQL and to let {@code api-key list} show which key is which.
 */
public final class ApiKeys {

    public static final String KEY_PREFIX = "sgw_";
    /** The scopes a key can hold: read the register, record actions, queue replies. */
    public static final Set<String> SCOPES = Set.of("read", "record", "reply");

    static final int PREFIX_LENGTH = 8;
    private static final int KEY_BYTES = 32;
    private static final int ENCODED_LENGTH = 43;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern KEY = Pattern.compile(KEY_PREFIX + "[A-Za-z0-9_-]{" + ENCODED_LENGTH + "}");
    /** last_used_at is written at most this often per key, not on every call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** One row of {@code api_key}, without anything secret. */
    public record ApiKey(long id, String name, String keyPrefix, Set<String> scopes, Instant createdAt,
                         Instant revokedAt, Instant lastUsedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A key just made: {@code key} is shown once and never stored. */
    public record NewKey(String name, String key, Set<String> scopes) {
    }

    /** @throws IllegalArgumentException when the name or a scope is not acceptable, or the name is taken */
    public NewKey create(String name, Set<String> scopes) throws SQLException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the name '" + name + "' must be 1-64 letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope of " + String.join(",", sorted(SCOPES)));
        }
        for (String scope : scopes) {
            if (!SCOPES.contains(scope)) {
                throw new IllegalArgumentException("unknown scope '" + scope + "': the scopes are "
                        + String.join(",", sorted(SCOPES)));
            }
        }
        byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO api_key (name, key_prefix, key_hash,"
                     + " scopes, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, idOf(key));
            insert.setString(3, hash(key));
            Array scopeArray = db.createArrayOf("text", sorted(scopes).toArray());
            insert.setArray(4, scopeArray);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            if (insert.executeUpdate() == 0) {
                throw new IllegalArgumentException("a key named '" + name + "' exists already (names are never"
                        + " reused, revoked keys included)");
            }
        }
        return new NewKey(name, key, new LinkedHashSet<>(sorted(scopes)));
    }

    public List<ApiKey> list() throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT id, name, key_prefix, scopes, created_at,"
                     + " revoked_at, last_used_at FROM api_key ORDER BY name")) {
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(row(rows));
                }
            }
            return keys;
        }
    }

    /** @return false when no key has that name or it was revoked before */
    public boolean revoke(String name) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("UPDATE api_key SET revoked_at = ? WHERE name = ?"
                     + " AND revoked_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setString(2, name);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * The key row whose hash equals the presented key's, compared in constant time; revoked keys are
     * found too (the caller says they are revoked). Empty for anything that is not one of our keys.
     */
    public Optional<ApiKey> find(String presented) throws SQLException {
        if (presented == null || !KEY.matcher(presented).matches()) {
            return Optional.empty();
        }
        byte[] presentedHash = HexFormat.of().parseHex(hash(presented));
        ApiKey match = null;
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT id, name, key_prefix, scopes, created_at,"
                     + " revoked_at, last_used_at, key_hash FROM api_key WHERE key_prefix = ?")) {
            select.setString(1, idOf(presented));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // every candidate is compared, so the time does not tell which one matched
                    if (MessageDigest.isEqual(presentedHash, HexFormat.of().parseHex(rows.getString("key_hash")))) {
                        match = row(rows);
                    }
                }
            }
            if (match != null && !match.revoked()) {
                noteUse(db, match.id());
            }
        }
        return Optional.ofNullable(match);
    }

    private void noteUse(Connection db, long id) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement update = db.prepareStatement("UPDATE api_key SET last_used_at = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setLong(2, id);
            update.setTimestamp(3, Timestamp.from(now.minus(LAST_USED_RESOLUTION)));
            update.executeUpdate();
        }
    }

    private static ApiKey row(ResultSet rows) throws SQLException {
        String[] scopes = (String[]) rows.getArray("scopes").getArray();
        return new ApiKey(rows.getLong("id"), rows.getString("name"), rows.getString("key_prefix"),
                new LinkedHashSet<>(Arrays.asList(scopes)), instant(rows, "created_at"), instant(rows, "revoked_at"),
                instant(rows, "last_used_at"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String idOf(String key) {
        return key.substring(KEY_PREFIX.length(), KEY_PREFIX.length() + PREFIX_LENGTH);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static List<String> sorted(Set<String> scopes) {
        return scopes.stream().sorted().toList();
    }
}
