package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Letters built to stall or swell the reader go through the real check-mailbox route: each is
 * registered from its full raw bytes for review, with the limit it met named, and the ordinary
 * letter after it is registered as usual in the same check.
 */
class HostileLetterPipelineTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private static final OffsetDateTime ARRIVED = OffsetDateTime.parse("2026-11-24T10:00:00+07:00");

    @BeforeEach
    void startGateway() {
        startGateway(Map.of(), NOW);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void registersHostileLettersForReviewAndTheOrdinaryOnesAfterThem() {
        byte[] angleBrackets = ascii("From: a@citizen.example\r\nSubject: brackets\r\nContent-Type: text/html\r\n\r\n"
                + "<\r\n".repeat(600_000));
        StringBuilder headers = new StringBuilder("From: b@citizen.example\r\nSubject: headers\r\n");
        for (int i = 0; i < 50_000; i++) {
            headers.append("X-Filler-").append(i).append(": v\r\n");
        }
        byte[] manyHeaders = ascii(headers.append("\r\nbody\r\n").toString());
        StringBuilder parts = new StringBuilder("From: c@citizen.example\r\nSubject: parts\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 2_000; i++) {
            parts.append("--b\r\nContent-Type: application/octet-stream\r\n\r\n").append(i).append("\r\n");
        }
        byte[] manyParts = ascii(parts.append("--b--\r\n").toString());
        List<byte[]> delivered = List.of(angleBrackets, Letters.letter("after brackets"), manyHeaders,
                Letters.letter("after headers"), manyParts, Letters.letter("after parts"));
        for (int i = 0; i < delivered.size(); i++) {
            mailServer.deliver(delivered.get(i), ARRIVED.plusMinutes(i));
        }

        gateway.checkMailbox();

        List<Map<String, Object>> entries = rows.query("SELECT id, register_no, status, problems, raw_sha256"
                + " FROM incoming_register ORDER BY imap_uid");
        assertThat(entries).extracting(e -> e.get("register_no")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(entries).extracting(e -> e.get("status")).containsExactly("needs_review", "registered",
                "needs_review", "registered", "needs_review", "registered");
        assertThat(entries).extracting(e -> e.get("raw_sha256"))
                .containsExactlyElementsOf(delivered.stream().map(Letters::sha256).toList());
        assertThat((String) entries.get(0).get("problems")).isEqualTo("limit: HTML body longer than 262144"
                + " characters (saraban.read.max-html-chars); text was taken from the first 262144 only, the whole"
                + " body is in the raw message");
        assertThat((String) entries.get(2).get("problems")).startsWith(
                "limit: more than 1000 header fields (saraban.read.max-headers); fields after 1000 not read");
        assertThat((String) entries.get(4).get("problems")).startsWith(
                "limit: more than 1000 MIME parts (saraban.read.max-parts); parts after 1000 not read");
        assertThat(rows.count("SELECT count(*) FROM incoming_attachment WHERE entry_id = ?", entries.get(4).get("id")))
                .isEqualTo(500);
    }
}
