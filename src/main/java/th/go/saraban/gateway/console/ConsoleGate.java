package th.go.saraban.gateway.console;

import java.io.IOException;
import java.sql.SQLException;
import org.apache.camel.Exchange;

/**
 * The first step of every console route. {@link #officer} lets a request through only with a live
 * session, and a POST only with the session's CSRF token in its form; {@link #admin} also requires
 * the administrator role; {@link #anyone} is for the sign-in page and the style sheet.
 */
public final class ConsoleGate {

    private final ConsoleHttp http;
    private final Sessions sessions;

    public ConsoleGate(ConsoleHttp http, Sessions sessions) {
        this.http = http;
        this.sessions = sessions;
    }

    public void anyone(Exchange exchange) throws IOException {
        http.read(exchange);
    }

    public void officer(Exchange exchange) throws IOException, SQLException {
        ConsoleRequest request = http.read(exchange);
        Officer officer = sessions.resume(request.cookies().get(ConsolePaths.SESSION_COOKIE))
                .orElseThrow(() -> new ConsoleException(401, "กรุณาเข้าสู่ระบบก่อน"));
        ConsoleRequest signedIn = request.withOfficer(officer);
        exchange.setProperty(ConsoleHttp.REQUEST, signedIn);
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())
                && !Sessions.sameToken(officer.csrfToken(), request.formValue("csrf").orElse(null))) {
            throw new ConsoleException(403, "แบบฟอร์มนี้หมดอายุหรือไม่ได้มาจากหน้าของระบบ กรุณาเปิดหน้าใหม่แล้วลองอีกครั้ง");
        }
    }

    public void admin(Exchange exchange) throws IOException, SQLException {
        officer(exchange);
        Officer officer = exchange.getProperty(ConsoleHttp.REQUEST, ConsoleRequest.class).officer();
        if (!officer.isAdmin()) {
            throw new ConsoleException(403, "เฉพาะผู้ดูแลระบบเท่านั้นที่ทำรายการนี้ได้");
        }
    }
}
