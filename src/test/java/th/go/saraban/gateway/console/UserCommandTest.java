package th.go.saraban.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.bootstrap.CommandDatabase;
import th.go.saraban.gateway.pipeline.Rows;
import th.go.saraban.gateway.pipeline.TestDatabase;

/** {@code user create NAME --role officer|admin} against a real database, the password from the environment. */
class UserCommandTest {

    private TestDatabase database;
    private Rows rows;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void freshDatabase() {
        database = TestDatabase.fresh();
        rows = new Rows(database.dataSource());
    }

    @Test
    void createsAnOfficerWhosePasswordIsStoredOnlyAsABcryptHash() throws Exception {
        int exit = run(Map.of("SARABAN_USER_PASSWORD", "ยาวพอ-long-enough-1"), "create", "somsri", "--role", "officer");

        assertThat(exit).isZero();
        Map<String, Object> user = rows.single("SELECT name, role, password_hash FROM console_user");
        assertThat(user).containsEntry("name", "somsri").containsEntry("role", "officer");
        assertThat((String) user.get("password_hash")).startsWith("$2a$12$").doesNotContain("long-enough");
        ConsoleUsers users = new ConsoleUsers(database.dataSource(), Clock.systemUTC(), new Passwords());
        assertThat(users.authenticate("somsri", "ยาวพอ-long-enough-1")).isPresent();
        assertThat(users.authenticate("somsri", "ยาวพอ-long-enough-2")).isEmpty();
    }

    @Test
    void refusesAWeakPasswordAnUnknownRoleAndANameThatExists() throws Exception {
        assertThat(run(Map.of("SARABAN_USER_PASSWORD", "short"), "create", "a", "--role", "admin")).isEqualTo(2);
        assertThat(run(Map.of("SARABAN_USER_PASSWORD", "long-enough-password"), "create", "a", "--role", "root")).isEqualTo(2);
        assertThat(run(Map.of("SARABAN_USER_PASSWORD", "long-enough-password"), "create", "a", "--role", "admin")).isZero();
        assertThat(run(Map.of("SARABAN_USER_PASSWORD", "another-long-password"), "create", "a", "--role", "officer")).isEqualTo(1);
        assertThat(run(Map.of(), "create", "b", "--role", "officer")).as("no terminal, no variable").isEqualTo(2);

        assertThat(rows.query("SELECT name, role FROM console_user")).containsExactly(Map.of("name", "a", "role", "admin"));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 10 characters", "'officer' or 'admin'",
                "exists already", "SARABAN_USER_PASSWORD");
    }

    private int run(Map<String, String> environment, String... args) {
        return new UserCommand(environment, null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args),
                () -> CommandDatabase.open(Map.of("saraban.db.url", database.url(), "saraban.db.username", "postgres")));
    }
}
