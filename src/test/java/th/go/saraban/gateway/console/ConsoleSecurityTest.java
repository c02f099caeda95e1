package th.go.saraban.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.Letters;

/** What the console refuses, at the HTTP level: no session, a wrong CSRF token, password guessing. */
class ConsoleSecurityTest extends ConsoleTestSupport {

    @Test
    void everyPageAndActionIsRefusedWithoutASession() throws Exception {
        startConsole(Map.of());
        ConsoleClient anonymous = client();
        List<String> open = List.of("/console/sign-in", "/console/assets/{name}");
        List<String> checked = new ArrayList<>();

        for (Route route : gateway.context().getRoutes()) {
            if (!(route.getEndpoint() instanceof PlatformHttpEndpoint endpoint) || !endpoint.getPath().startsWith("/console")
                    || open.contains(endpoint.getPath())) {
                continue;
            }
            String path = endpoint.getPath().replace("{id}", "1").replace("{position}", "1");
            if ("POST".equals(endpoint.getHttpMethodRestrict())) {
                HttpResponse<String> refused = anonymous.post(path, Map.of("csrf", "x"));
                assertThat(refused.statusCode()).as("POST %s", path).isEqualTo(401);
                assertThat(refused.body()).contains("กรุณาเข้าสู่ระบบก่อน").doesNotContain("Exception");
            } else {
                HttpResponse<String> refused = anonymous.get(path);
                assertThat(refused.statusCode()).as("GET %s", path).isEqualTo(303);
                assertThat(refused.headers().firstValue("Location")).contains("/console/sign-in");
            }
            checked.add(path);
        }

        HttpResponse<String> slash = anonymous.get("/console/");
        assertThat(slash.statusCode()).isEqualTo(303);
        assertThat(slash.headers().firstValue("Location")).contains("/console/sign-in");
        assertThat(checked).contains("/console", "/console/register/1/raw", "/console/outbox/1/resend",
                "/console/needs-a-person/1/reviewed", "/console/register/1/replies");
    }

    @Test
    void signInSetsAStrictHttpOnlySessionCookieForTheConsoleOnly() throws Exception {
        startConsole(Map.of("saraban.console.secure-cookies", "true"));
        ConsoleClient officer = client();

        HttpResponse<String> signedIn = officer.signIn(OFFICER, PASSWORD);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("saraban_console=")).findFirst().orElseThrow();
        assertThat(cookie.toLowerCase()).contains("httponly", "samesite=strict", "path=/console;", "secure");
        String token = cookie.substring("saraban_console=".length(), cookie.indexOf(';'));
        assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
        // only the token's SHA-256 is stored
        assertThat(rows.count("SELECT count(*) FROM console_session WHERE token_sha256 = ?",
                Letters.sha256(token.getBytes()))).isEqualTo(1);
        assertThat(rows.count("SELECT count(*) FROM console_session WHERE token_sha256 = ?", token)).isZero();
        assertThat(officer.get("/console").headers().firstValue("Location")).contains("/console/");
        HttpResponse<String> today = officer.get("/console/");
        assertThat(today.statusCode()).isEqualTo(200);
        assertThat(today.body()).contains("วันนี้", OFFICER);
        assertThat(today.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(today.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenChangesNothing() throws Exception {
        startConsole(Map.of());
        long entry = registerFlaggedLetter();
        ConsoleClient officer = client();
        officer.signIn(OFFICER, PASSWORD);
        String page = officer.get("/console/needs-a-person").body();
        String csrf = ConsoleClient.hidden(page, "csrf");

        HttpResponse<String> forged = officer.post("/console/needs-a-person/" + entry + "/reviewed",
                Map.of("csrf", csrf.substring(1) + "x"));
        HttpResponse<String> missing = officer.post("/console/needs-a-person/" + entry + "/reviewed", Map.of());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(rows.count("SELECT count(*) FROM entry_review")).isZero();
        assertThat(rows.count("SELECT count(*) FROM audit_log")).isZero();

        HttpResponse<String> genuine = officer.post("/console/needs-a-person/" + entry + "/reviewed", Map.of("csrf", csrf));

        assertThat(genuine.statusCode()).isEqualTo(303);
        assertThat(rows.single("SELECT reviewed_by FROM entry_review WHERE entry_id = ?", entry))
                .containsEntry("reviewed_by", OFFICER);
        assertThat(rows.single("SELECT officer, entity, field, new_value FROM audit_log WHERE entry_id = ?", entry))
                .containsEntry("officer", OFFICER).containsEntry("field", "reviewed");
    }

    @Test
    void aSignInFormFromAnotherPageIsRefused() throws Exception {
        startConsole(Map.of());
        ConsoleClient attacker = client();

        HttpResponse<String> refused = attacker.post("/console/sign-in",
                Map.of("signin", "made-up", "name", OFFICER, "password", PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(attacker.cookies).doesNotContainKey("saraban_console");
    }

    @Test
    void guessingPasswordsIsStoppedPerUserEvenWithTheRightPasswordAfterwards() throws Exception {
        startConsole(Map.of("saraban.console.sign-in-failures-per-user", "3"));
        ConsoleClient guesser = client();

        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(guesser.signIn(OFFICER, "wrong-password-" + i).statusCode());
        }
        HttpResponse<String> right = guesser.signIn(OFFICER, PASSWORD);

        assertThat(answers).containsOnly(401);
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(guesser.cookies).doesNotContainKey("saraban_console");
        assertThat(client().signIn(ADMIN, PASSWORD).statusCode()).as("another user").isEqualTo(303);

        clock.advance(java.time.Duration.ofMinutes(16));

        assertThat(guesser.signIn(OFFICER, PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void aSessionEndsAfterTheIdleTimeAndOnSignOut() throws Exception {
        startConsole(Map.of("saraban.console.session-minutes", "10"));
        ConsoleClient officer = client();
        officer.signIn(OFFICER, PASSWORD);
        clock.advance(java.time.Duration.ofMinutes(9));
        assertThat(officer.get("/console/").statusCode()).isEqualTo(200);
        clock.advance(java.time.Duration.ofMinutes(11));

        assertThat(officer.get("/console/").statusCode()).isEqualTo(303);

        ConsoleClient other = client();
        other.signIn(ADMIN, PASSWORD);
        String csrf = ConsoleClient.hidden(other.get("/console/").body(), "csrf");
        String token = other.cookies.get("saraban_console");
        assertThat(other.post("/console/sign-out", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
        ConsoleClient replay = client();
        replay.cookies.put("saraban_console", token);
        assertThat(replay.get("/console/").statusCode()).isEqualTo(303);
    }

    @Test
    void anOfficerMayNotDecideAboutOutgoingMailButAnAdministratorMay() throws Exception {
        startConsole(Map.of());
        ConsoleClient officer = client();
        officer.signIn(OFFICER, PASSWORD);
        String csrf = ConsoleClient.hidden(officer.get("/console/outbox").body(), "csrf");

        HttpResponse<String> refused = officer.post("/console/outbox/1/resend", Map.of("csrf", csrf));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("เฉพาะผู้ดูแลระบบ");
    }

    @Test
    void lettersAreShownAsTextNeverAsMarkupAndErrorsShowNoTrace() throws Exception {
        startConsole(Map.of());
        mailServer.deliver(Letters.letter("<x1@citizen.example>", "\"<b>Mallory</b>\" <m@citizen.example>",
                "<script>alert('x')</script> เรื่อง", "<img src=x onerror=alert(1)>"),
                OffsetDateTime.parse("2026-11-24T09:00:00+07:00"));
        gateway.checkMailbox();
        long entry = (Long) rows.single("SELECT id FROM incoming_register").get("id");
        ConsoleClient officer = client();
        officer.signIn(OFFICER, PASSWORD);

        String list = officer.get("/console/register").body();
        String page = officer.get("/console/register/" + entry).body();
        HttpResponse<String> badDate = officer.get("/console/register?from=not-a-date");
        HttpResponse<String> noSuch = officer.get("/console/register/999999");

        assertThat(list).contains("&lt;script&gt;").doesNotContain("<script>alert");
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x")
                .doesNotContain("<b>Mallory");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(noSuch.statusCode()).isEqualTo(404);
        assertThat(badDate.body() + noSuch.body()).doesNotContain("Exception").doesNotContain("at th.go");
    }

    private long registerFlaggedLetter() {
        mailServer.deliver(Letters.letter("ขอข้อมูล"), OffsetDateTime.parse("2026-11-24T09:00:00+07:00"));
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM incoming_register").get("id");
        rows.query("UPDATE incoming_register SET status = 'needs_review', problems = 'test: flagged' WHERE id = ? RETURNING id", id);
        return id;
    }
}
