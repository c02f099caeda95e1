package th.go.saraban.gateway.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the console answers: status, type, bytes, extra headers, and cookies to set or clear. */
public final class ConsoleReply {

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<SetCookie> cookies = new ArrayList<>();
    private boolean cacheable;

    private ConsoleReply(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public static ConsoleReply page(int status, Html html) {
        return new ConsoleReply(status, "text/html; charset=UTF-8", html.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static ConsoleReply page(Html html) {
        return page(200, html);
    }

    /** After a POST: see-other to a page, so that reloading it does not repeat the action. */
    public static ConsoleReply redirect(String location) {
        ConsoleReply reply = new ConsoleReply(303, "text/plain; charset=UTF-8", new byte[0]);
        reply.headers.put("Location", location);
        return reply;
    }

    /**
     * Bytes the browser saves and never renders: a letter's raw message or attachment may hold
     * HTML or script written by anyone, so it is always a download of type octet-stream (or
     * message/rfc822 for .eml), under a name given in RFC 6266 form.
     */
    public static ConsoleReply download(byte[] content, String contentType, String filename) {
        ConsoleReply reply = new ConsoleReply(200, contentType, content);
        reply.headers.put("Content-Disposition", ContentDisposition.attachment(filename));
        return reply;
    }

    public static ConsoleReply asset(byte[] content, String contentType) {
        ConsoleReply reply = new ConsoleReply(200, contentType, content);
        reply.cacheable = true;
        return reply;
    }

    public ConsoleReply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ConsoleReply cookie(SetCookie cookie) {
        cookies.add(cookie);
        return this;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public List<SetCookie> cookies() {
        return cookies;
    }

    public boolean cacheable() {
        return cacheable;
    }

    /** @param maxAgeSeconds 0 clears the cookie; negative leaves it to the end of the browser session */
    public record SetCookie(String name, String value, String path, long maxAgeSeconds) {
    }
}
