package th.go.saraban.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass decoder must give exactly what Jakarta Mail's decoder gives, or step aside: whatever
 * it accepts, Jakarta Mail decodes to the same bytes without an error.
 */
class PlainBase64Test {

    private static final StreamProvider JAKARTA = StreamProvider.provider();

    @Test
    void decodesWhatMailClientsWriteAsJakartaMailDoes() throws IOException {
        Random random = new Random(11);
        for (int n = 0; n < 2000; n++) {
            byte[] content = new byte[random.nextInt(3000)];
            random.nextBytes(content);
            byte[] encoded = encoded(content, random);

            byte[] plain = PlainBase64.decode(encoded, 0, encoded.length);

            assertThat(plain).as("content of %d bytes", content.length).isEqualTo(content);
            assertThat(plain).isEqualTo(jakarta(encoded));
        }
    }

    @Test
    void stepsAsideOrAgreesWithJakartaMailOnDamagedBase64() throws IOException {
        Random random = new Random(12);
        int accepted = 0;
        for (int n = 0; n < 20000; n++) {
            byte[] content = new byte[random.nextInt(40)];
            random.nextBytes(content);
            byte[] damaged = damage(encoded(content, random), random);

            byte[] plain = PlainBase64.decode(damaged, 0, damaged.length);

            if (plain != null) {
                accepted++;
                assertThat(plain).as("'%s'", new String(damaged, StandardCharsets.ISO_8859_1))
                        .isEqualTo(jakarta(damaged));
            }
        }
        // some damage leaves plain base64 (a space added, a line break moved): those cases were compared
        assertThat(accepted).isGreaterThan(1000);
    }

    @Test
    void leavesUnusualBase64ToJakartaMail() {
        for (String unusual : new String[] {"QUJD\r\nRA", "QUJDRA=", "QUJDRA=\r\n=", "QUJDRA==QQ==", "QUJ-DRA==",
                "QUJDRA===", "Q", "QUJDR", "QUJD\u00ffRA=="}) {
            byte[] bytes = unusual.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(PlainBase64.decode(bytes, 0, bytes.length)).as(unusual).isNull();
        }
        byte[] middle = "xxQUJDRA==yy".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PlainBase64.decode(middle, 2, middle.length - 2)).containsExactly('A', 'B', 'C', 'D');
    }

    /** Base64 with line breaks of a random length, CRLF or LF, sometimes a trailing line break. */
    private static byte[] encoded(byte[] content, Random random) {
        String flat = Base64.getEncoder().encodeToString(content);
        int line = 4 * (1 + random.nextInt(20));
        String eol = random.nextBoolean() ? "\r\n" : "\n";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < flat.length(); i += line) {
            text.append(flat, i, Math.min(flat.length(), i + line));
            if (i + line < flat.length() || random.nextBoolean()) {
                text.append(eol);
            }
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] damage(byte[] encoded, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = encoded.length == 0 ? 0 : random.nextInt(encoded.length + 1);
        byte[] inserts = {' ', '\t', '\n', '=', '-', '.', (byte) 0xFF, (byte) 0xE0, 'A', '/', 0};
        int kind = random.nextInt(3);
        for (int i = 0; i <= encoded.length; i++) {
            if (i == at) {
                if (kind == 0) {
                    out.write(inserts[random.nextInt(inserts.length)]);
                } else if (kind == 1 && i < encoded.length) {
                    i++; // drop one byte
                    if (i == encoded.length) {
                        break;
                    }
                } else if (kind == 2) {
                    break; // cut here
                }
            }
            if (i < encoded.length) {
                out.write(encoded[i]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] jakarta(byte[] encoded) throws IOException {
        try (InputStream in = JAKARTA.inputBase64(new ByteArrayInputStream(encoded))) {
            return in.readAllBytes();
        }
    }
}
