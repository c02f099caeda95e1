package th.go.saraban.gateway.console;

import java.sql.SQLException;

/**
 * Signing in and out. The sign-in form is tied to the browser that loaded it by a random value in
 * both a SameSite=Strict cookie and a hidden field, so another site cannot sign a browser in under
 * its own account. Failed attempts are counted by {@link SignInThrottle}; the answer to a wrong
 * name and to a wrong password is the same.
 */
public final class SignInPage {

    private static final int MAX_NAME = 64;

    private final Layout layout;
    private final ConsoleUsers users;
    private final Sessions sessions;
    private final SignInThrottle throttle;

    public SignInPage(Layout layout, ConsoleUsers users, Sessions sessions, SignInThrottle throttle) {
        this.layout = layout;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public ConsoleReply form(ConsoleRequest request) throws SQLException {
        if (sessions.resume(request.cookies().get(ConsolePaths.SESSION_COOKIE)).isPresent()) {
            return ConsoleReply.redirect(ConsolePaths.ROOT);
        }
        return form(200, null, "");
    }

    public ConsoleReply signIn(ConsoleRequest request) throws SQLException {
        String formToken = request.formValue("signin").orElse(null);
        if (!Sessions.sameToken(request.cookies().get(ConsolePaths.SIGN_IN_COOKIE), formToken)) {
            throw new ConsoleException(403, "แบบฟอร์มเข้าสู่ระบบหมดอายุ กรุณาเปิดหน้าเข้าสู่ระบบใหม่");
        }
        String name = request.formValue("name").orElse("");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        String password = request.form().getOrDefault("password", java.util.List.of("")).get(0);
        if (!throttle.allows(name, request.remoteAddress())) {
            return form(429, "ลองเข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ " + throttle.window().toMinutes()
                    + " นาทีแล้วลองใหม่", name);
        }
        var user = users.authenticate(name, password);
        throttle.record(name, request.remoteAddress(), user.isPresent());
        if (user.isEmpty()) {
            return form(401, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", name);
        }
        String token = sessions.start(user.get(), request.remoteAddress());
        return ConsoleReply.redirect(ConsolePaths.ROOT)
                .cookie(new ConsoleReply.SetCookie(ConsolePaths.SESSION_COOKIE, token, ConsolePaths.SESSION_COOKIE_PATH, -1))
                .cookie(new ConsoleReply.SetCookie(ConsolePaths.SIGN_IN_COOKIE, "", ConsolePaths.SIGN_IN, 0));
    }

    public ConsoleReply signOut(ConsoleRequest request) throws SQLException {
        sessions.end(request.cookies().get(ConsolePaths.SESSION_COOKIE));
        return ConsoleReply.redirect(ConsolePaths.SIGN_IN)
                .cookie(new ConsoleReply.SetCookie(ConsolePaths.SESSION_COOKIE, "", ConsolePaths.SESSION_COOKIE_PATH, 0));
    }

    private ConsoleReply form(int status, String problem, String name) {
        String token = sessions.newToken();
        Html notice = problem == null ? Html.EMPTY : Html.of("<p class=\"notice error\" role=\"alert\">{}</p>", problem);
        Html content = Html.of("<div class=\"signin card\">{}<form method=\"post\" action=\"{}\">"
                + "<input type=\"hidden\" name=\"signin\" value=\"{}\">"
                + "<label for=\"name\">ชื่อผู้ใช้</label><input id=\"name\" name=\"name\" autocomplete=\"username\""
                + " required value=\"{}\">"
                + "<label for=\"password\">รหัสผ่าน</label><input id=\"password\" name=\"password\" type=\"password\""
                + " autocomplete=\"current-password\" required>"
                + "<div class=\"actions\"><button type=\"submit\">เข้าสู่ระบบ</button></div></form></div>",
                notice, ConsolePaths.SIGN_IN, token, name);
        return ConsoleReply.page(status, layout.page("เข้าสู่ระบบสารบรรณกลาง", "", null, content))
                .cookie(new ConsoleReply.SetCookie(ConsolePaths.SIGN_IN_COOKIE, token, ConsolePaths.SIGN_IN, -1));
    }
}
