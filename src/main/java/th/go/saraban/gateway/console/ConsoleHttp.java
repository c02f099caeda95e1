package th.go.saraban.gateway.console;

import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the console meets Camel's platform-http (Vert.x): reads a request into a
 * {@link ConsoleRequest} and writes a {@link ConsoleReply} back. Replies are written on a clean
 * message: platform-http copies every message header to the response, and the request's headers,
 * query and form fields are all message headers, so they are removed first. Headers Camel's filter
 * would drop (Cache-Control) and the security headers go straight onto the Vert.x response.
 */
public final class ConsoleHttp {

    public static final String REQUEST = "consoleRequest";
    private static final String RESPONSE = "consoleVertxResponse";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHttp.class);

    /** No script, style, frame or form target from anywhere but the gateway itself. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self';"
            + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final boolean secureCookies;
    private final Layout layout;

    public ConsoleHttp(boolean secureCookies, Layout layout) {
        this.secureCookies = secureCookies;
        this.layout = layout;
    }

    /** Reads the request; the gate and the pages take it from the exchange property {@value #REQUEST}. */
    public ConsoleRequest read(Exchange exchange) throws IOException {
        HttpMessage message = exchange.getIn(HttpMessage.class);
        if (message == null || !(message.getRequest() instanceof WebServerRequest web)) {
            throw new IllegalStateException("the console runs on platform-http (Vert.x) only");
        }
        exchange.setProperty(RESPONSE, message.getResponse());
        RoutingContext context = web.routingContext();
        HttpServerRequest request = message.getRequest();
        Map<String, String> cookies = new LinkedHashMap<>();
        for (Cookie cookie : request.cookies()) {
            cookies.putIfAbsent(cookie.getName(), cookie.getValue());
        }
        List<ConsoleRequest.Upload> uploads = new ArrayList<>();
        for (FileUpload upload : context.fileUploads()) {
            if (upload.fileName() == null || upload.fileName().isBlank()) {
                continue; // a file input left empty
            }
            uploads.add(new ConsoleRequest.Upload(upload.name(), upload.fileName(),
                    upload.contentType() == null ? "application/octet-stream" : upload.contentType(),
                    Files.readAllBytes(Path.of(upload.uploadedFileName()))));
        }
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        ConsoleRequest read = new ConsoleRequest(request.method().name(), request.path(),
                values(context.queryParams()), values(request.formAttributes()), Map.copyOf(context.pathParams()),
                cookies, uploads, remote, null);
        exchange.setProperty(REQUEST, read);
        return read;
    }

    /** Writes the reply in the body onto the HTTP response. */
    public void write(Exchange exchange) {
        ConsoleReply reply = exchange.getMessage().getBody(ConsoleReply.class);
        if (reply == null) {
            throw new IllegalStateException("a console page returned no reply");
        }
        apply(exchange, reply);
    }

    /**
     * The answer to an exception thrown anywhere in a console route: the officer sees a Thai
     * sentence (and for errors of ours, an incident number that is in the log with the trace).
     */
    public void error(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ConsoleRequest request = exchange.getProperty(REQUEST, ConsoleRequest.class);
        ConsoleReply reply;
        if (failure instanceof ConsoleException refused) {
            if (refused.status() == 401 && request != null && !request.isPost()) {
                reply = ConsoleReply.redirect(ConsolePaths.SIGN_IN);
            } else {
                reply = ConsoleReply.page(refused.status(), layout.errorPage(refused.status(), refused.getMessage(),
                        request == null ? null : request.officer()));
            }
        } else {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Console request {} {} failed (incident {})", request == null ? "?" : request.method(),
                    request == null ? "?" : request.path(), incident, failure);
            reply = ConsoleReply.page(500, layout.errorPage(500,
                    "ระบบขัดข้อง กรุณาลองใหม่ หากยังไม่ได้ โปรดแจ้งผู้ดูแลระบบ พร้อมหมายเลขเหตุ " + incident,
                    request == null ? null : request.officer()));
        }
        apply(exchange, reply);
    }

    private void apply(Exchange exchange, ConsoleReply reply) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        message.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        message.setBody(reply.body());
        HttpServerResponse response = exchange.getProperty(RESPONSE, HttpServerResponse.class);
        if (response == null) {
            HttpMessage http = exchange.getIn(HttpMessage.class);
            response = http == null ? null : http.getResponse();
        }
        if (response == null) {
            return;
        }
        response.putHeader("Cache-Control", reply.cacheable() ? "private, max-age=3600" : "no-store");
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("X-Frame-Options", "DENY");
        response.putHeader("Referrer-Policy", "same-origin");
        reply.headers().forEach(response::putHeader);
        for (ConsoleReply.SetCookie set : reply.cookies()) {
            Cookie cookie = Cookie.cookie(set.name(), set.value()).setPath(set.path()).setHttpOnly(true)
                    .setSecure(secureCookies).setSameSite(CookieSameSite.STRICT);
            if (set.maxAgeSeconds() >= 0) {
                cookie.setMaxAge(set.maxAgeSeconds());
            }
            response.addCookie(cookie);
        }
    }

    private static Map<String, List<String>> values(MultiMap map) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : map.names()) {
            values.put(name, List.copyOf(map.getAll(name)));
        }
        return values;
    }
}
