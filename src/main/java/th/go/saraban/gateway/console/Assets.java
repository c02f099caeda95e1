package th.go.saraban.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The style sheet and script, from the class path; only these names are served. */
public final class Assets {

    private static final Map<String, String> TYPES = Map.of(
            "console.css", "text/css; charset=UTF-8",
            "console.js", "text/javascript; charset=UTF-8");

    public ConsoleReply serve(ConsoleRequest request) throws IOException {
        String name = request.pathParameter("name");
        String type = TYPES.get(name);
        if (type == null) {
            throw new ConsoleException(404, "ไม่พบไฟล์ที่ขอ");
        }
        try (InputStream in = Assets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new ConsoleException(404, "ไม่พบไฟล์ที่ขอ");
            }
            return ConsoleReply.asset(in.readAllBytes(), type);
        }
    }
}
