package th.go.saraban.gateway.api;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The first step of every API route: {@code Authorization: Bearer <key>} must name a key that is not
 * revoked and holds the scope the route needs. Over HTTP the header arrives as an exchange property
 * ({@link ApiHeaderFilter} keeps it out of the message headers); either way it is removed at once,
 * whatever the outcome, so that no later step, log line or response can carry the key. Sets the
 * exchange property {@code apiKeyName}, the key's name, for audit rows.
 */
public final class ApiAccess {

    public static final String KEY_NAME = "apiKeyName";
    /** Where {@link ApiHeaderFilter} puts the Authorization header's value until it is checked. */
    static final String PRESENTED_CREDENTIAL = "SarabanApiPresentedCredential";

    private final ApiKeys keys;

    public ApiAccess(ApiKeys keys) {
        this.keys = keys;
    }

    public void require(Exchange exchange, String scope) throws SQLException {
        Object property = exchange.removeProperty(PRESENTED_CREDENTIAL);
        Object header = exchange.getMessage().removeHeader("Authorization");
        if (property != null) {
            header = property;
        }
        String presented = bearer(header);
        Optional<ApiKeys.ApiKey> key = keys.find(presented);
        if (key.isEmpty()) {
            throw ApiException.unauthorized("no valid API key: send Authorization: Bearer <key>");
        }
        if (key.get().revoked()) {
            throw ApiException.unauthorized("the API key '" + key.get().name() + "' was revoked");
        }
        if (!key.get().scopes().contains(scope)) {
            throw ApiException.forbidden("the API key '" + key.get().name() + "' lacks the scope '" + scope + "'");
        }
        exchange.setProperty(KEY_NAME, key.get().name());
    }

    private static String bearer(Object header) {
        if (!(header instanceof String value)) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() < 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        return trimmed.substring(7).trim();
    }
}
