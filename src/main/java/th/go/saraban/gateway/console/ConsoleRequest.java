package th.go.saraban.gateway.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request to the console as the pages see it, without Camel or Vert.x types: query and form
 * fields kept apart from the HTTP headers (platform-http mixes them into message headers), the
 * uploaded files, and the signed-in officer once the gate has let the request through.
 *
 * @param officer null until {@link ConsoleGate} has checked the session
 */
public record ConsoleRequest(String method, String path, Map<String, List<String>> query,
        Map<String, List<String>> form, Map<String, String> pathParameters, Map<String, String> cookies,
        List<Upload> uploads, String remoteAddress, Officer officer) {

    public ConsoleRequest withOfficer(Officer signedIn) {
        return new ConsoleRequest(method, path, query, form, pathParameters, cookies, uploads, remoteAddress,
                signedIn);
    }

    public boolean isPost() {
        return "POST".equals(method);
    }

    /** The first value of a query parameter, stripped; empty when absent or blank. */
    public Optional<String> queryValue(String name) {
        return first(query, name);
    }

    public Optional<String> formValue(String name) {
        return first(form, name);
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new ConsoleException(404, "ไม่พบหน้าที่ขอ");
        }
        return value;
    }

    public long pathId(String name) {
        try {
            return Long.parseLong(pathParameter(name));
        } catch (NumberFormatException e) {
            throw new ConsoleException(404, "ไม่พบรายการที่ขอ");
        }
    }

    private static Optional<String> first(Map<String, List<String>> values, String name) {
        List<String> all = values.get(name);
        if (all == null || all.isEmpty() || all.get(0) == null || all.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(all.get(0).strip());
    }

    /** A file sent with a form; its name is the sender's words, for display and the outgoing letter only. */
    public record Upload(String field, String filename, String contentType, byte[] content) {
    }
}
