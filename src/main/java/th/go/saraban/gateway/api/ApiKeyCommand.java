package th.go.saraban.gateway.api;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code api-key create NAME --scopes read,record,reply}, {@code api-key list},
 * {@code api-key revoke NAME}. The new key is printed once, on its own line, and never again: only
 * its hash is stored. Exit status 0 when done, 1 when refused (a taken name, an unknown scope, no
 * such key), 2 for a command line that is not one of these.
 */
public final class ApiKeyCommand {

    static final String USAGE = "usage: api-key create NAME --scopes read,record,reply | api-key list | api-key revoke NAME";

    private final ApiKeys keys;
    private final ZoneId zone;
    private final PrintStream out;
    private final PrintStream err;

    public ApiKeyCommand(DataSource dataSource, Clock clock, ZoneId zone, PrintStream out, PrintStream err) {
        this.keys = new ApiKeys(dataSource, clock);
        this.zone = zone;
        this.out = out;
        this.err = err;
    }

    /** @param args what follows {@code api-key} on the command line */
    public int run(List<String> args) throws SQLException {
        if (args.isEmpty()) {
            return usage();
        }
        switch (args.get(0)) {
            case "create":
                return create(args.subList(1, args.size()));
            case "list":
                return args.size() == 1 ? list() : usage();
            case "revoke":
                return args.size() == 2 ? revoke(args.get(1)) : usage();
            default:
                return usage();
        }
    }

    private int create(List<String> args) throws SQLException {
        if (args.size() != 3 || !args.get(1).equals("--scopes")) {
            return usage();
        }
        Set<String> scopes = new LinkedHashSet<>();
        Arrays.stream(args.get(2).split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(scopes::add);
        try {
            ApiKeys.NewKey key = keys.create(args.get(0), scopes);
            out.println("API key '" + key.name() + "' with scopes " + String.join(",", key.scopes())
                    + ". It is shown only now; store it in the client's secret store:");
            out.println(key.key());
            return 0;
        } catch (IllegalArgumentException refused) {
            err.println("api-key create: " + refused.getMessage());
            return 1;
        }
    }

    private int list() throws SQLException {
        DateTimeFormatter times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        out.println(String.format("%-24s %-14s %-18s %-26s %-26s %s", "NAME", "KEY", "SCOPES", "CREATED", "LAST USED",
                "REVOKED"));
        for (ApiKeys.ApiKey key : keys.list()) {
            out.println(String.format("%-24s %-14s %-18s %-26s %-26s %s", key.name(),
                    ApiKeys.KEY_PREFIX + key.keyPrefix() + "...", String.join(",", key.scopes()),
                    time(times, key.createdAt()), time(times, key.lastUsedAt()), time(times, key.revokedAt())));
        }
        return 0;
    }

    private int revoke(String name) throws SQLException {
        if (keys.revoke(name)) {
            out.println("API key '" + name + "' revoked: calls with it are refused (401) from now on");
            return 0;
        }
        err.println("api-key revoke: no key named '" + name + "' that is not revoked already");
        return 1;
    }

    private static String time(DateTimeFormatter times, Instant instant) {
        return instant == null ? "-" : times.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }
}
