package th.go.saraban.gateway.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Content-Disposition for downloads whose names may be Thai or hostile (RFC 6266, RFC 5987). */
final class ContentDisposition {

    private ContentDisposition() {
    }

    /**
     * An ASCII fallback name with anything but letters, digits, dot, dash and underscore replaced,
     * and the real name in {@code filename*} percent-encoded as UTF-8: no quote, CR, LF or path
     * separator can reach the header.
     */
    static String attachment(String filename) {
        String name = filename == null || filename.isBlank() ? "download" : filename.strip();
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (ascii.startsWith(".")) {
            ascii = "_" + ascii;
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
