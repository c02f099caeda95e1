package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.bootstrap.CommandDatabase;
import th.go.saraban.gateway.pipeline.Letters;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.GatewayUnderTest;

/** api-key create / list / revoke as an operator runs them, against the register database. */
class ApiKeyCommandTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    private CommandDatabase register;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void openRegisterAsTheCommandLineDoes() throws Exception {
        register = CommandDatabase.open(Map.of("saraban.db.url", database.url(), "saraban.db.username", "postgres"));
    }

    private int apiKey(String... args) throws Exception {
        out.reset();
        err.reset();
        return new ApiKeyCommand(register.dataSource(), NOW, register.zone(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(Arrays.asList(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void createPrintsTheKeyOnceAndStoresOnlyItsHash() throws Exception {
        int status = apiKey("create", "e-saraban", "--scopes", "read,record");

        assertThat(status).isZero();
        List<String> lines = out().lines().toList();
        String key = lines.get(lines.size() - 1);
        assertThat(key).matches("sgw_[A-Za-z0-9_-]{43}");
        assertThat(rows.single("SELECT name, key_hash, key_prefix, array_to_string(scopes, ',') AS scopes,"
                + " created_at FROM api_key"))
                .containsEntry("name", "e-saraban")
                .containsEntry("key_hash", Letters.sha256(key.getBytes(StandardCharsets.US_ASCII)))
                .containsEntry("key_prefix", key.substring(4, 12))
                .containsEntry("scopes", "read,record");
        assertThat(rows.count("SELECT count(*) FROM api_key WHERE key_hash = ? OR key_prefix = ?", key, key))
                .isZero();
        assertThat(new ApiKeys(register.dataSource(), NOW).find(key)).get()
                .extracting(ApiKeys.ApiKey::name).isEqualTo("e-saraban");

        apiKey("list");
        assertThat(out()).contains("e-saraban", "read,record", "sgw_" + key.substring(4, 12) + "...",
                "2026-11-25T10:00:00+07:00").doesNotContain(key);
    }

    @Test
    void revokeMakesTheKeyUselessAndListSaysWhen() throws Exception {
        apiKey("create", "old-system", "--scopes", "read");
        String key = out().lines().reduce((a, b) -> b).orElseThrow();

        int status = apiKey("revoke", "old-system");

        assertThat(status).isZero();
        assertThat(new ApiKeys(register.dataSource(), NOW).find(key)).get()
                .extracting(ApiKeys.ApiKey::revoked).isEqualTo(true);
        apiKey("list");
        assertThat(out().lines().filter(l -> l.startsWith("old-system")).findFirst().orElseThrow())
                .endsWith("2026-11-25T10:00:00+07:00");
        assertThat(apiKey("revoke", "old-system")).isEqualTo(1);
    }

    @Test
    void worksBesideAGatewayRunningOnTheEmbeddedDatabaseAndWithoutOne() throws Exception {
        Map<String, String> embedded = new HashMap<>();
        embedded.put("saraban.embedded.data-dir", Files.createTempDirectory("saraban-data").toString());
        embedded.put("saraban.embedded.db-port", Integer.toString(freePort()));
        embedded.put("saraban.embedded.smtp-port", Integer.toString(freePort()));
        embedded.put("saraban.embedded.imap-port", Integer.toString(freePort()));
        embedded.put("saraban.check.enabled", "false");
        embedded.put("camel.server.port", "0");
        embedded.put("camel.management.port", "0");
        String key;
        try (GatewayUnderTest running = GatewayUnderTest.start(new HashMap<>(embedded), NOW)) {
            try (CommandDatabase beside = CommandDatabase.open(embedded)) {
                register = beside;
                assertThat(beside.description()).contains("running gateway");
                assertThat(apiKey("create", "e-saraban", "--scopes", "read")).isZero();
                key = out().lines().reduce((a, b) -> b).orElseThrow();
            }

            assertThat(new ApiClient(running.httpPort()).get("/api/v1/entries", key).statusCode()).isEqualTo(200);
        }

        try (CommandDatabase alone = CommandDatabase.open(embedded)) {
            register = alone;
            assertThat(alone.description()).contains("embedded PostgreSQL in");
            apiKey("list");
        }
        assertThat(out()).contains("e-saraban", "2026-11-25T10:00:00+07:00").doesNotContain(key);
        // NAME KEY SCOPES CREATED LAST-USED REVOKED: used by the call above, not revoked
        assertThat(out().lines().filter(l -> l.startsWith("e-saraban")).findFirst().orElseThrow().split(" +"))
                .containsExactly("e-saraban", "sgw_" + key.substring(4, 12) + "...", "read",
                        "2026-11-25T10:00:00+07:00", "2026-11-25T10:00:00+07:00", "-");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void refusesTakenNamesUnknownScopesAndWrongCommandLines() throws Exception {
        apiKey("create", "e-saraban", "--scopes", "read");

        assertThat(apiKey("create", "e-saraban", "--scopes", "read")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'e-saraban' exists already");
        assertThat(apiKey("create", "other", "--scopes", "read,admin")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown scope 'admin'");
        assertThat(apiKey("create", "other")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: api-key create NAME --scopes");
        assertThat(apiKey("revoke", "nobody")).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM api_key")).isEqualTo(1);
    }
}
