package th.go.saraban.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.mail.LetterReader;
import th.go.saraban.gateway.mail.RawMessage;

class SentMessageReaderTest {

    private final SentMessageReader reader = new SentMessageReader(new LetterReader(th.go.saraban.gateway.mail.ReadLimits.DEFAULTS));

    private static RawMessage whole(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        return new RawMessage(7, Instant.parse("2026-11-24T07:00:00Z"), raw.length, "\\Seen", raw, null);
    }

    @Test
    void readsRecipientsOfToCcAndBccInThatOrder() {
        SentMessage message = reader.read(whole("From: saraban@agency.go.th\r\n"
                + "To: =?UTF-8?B?4Liq4Lih4LiK4Liy4Lii?= <somchai@citizen.example>,\r\n one@citizen.example\r\n"
                + "Cc: Team: two@agency.go.th, three@agency.go.th;\r\n"
                + "Bcc: archive@agency.go.th\r\n"
                + "Subject: =?UTF-8?B?4LiV4Lit4Lia?=\r\n"
                + "Message-ID: <m1@agency.go.th>\r\n"
                + "In-Reply-To: <req-1@citizen.example>\r\n"
                + "References: <req-0@citizen.example> <req-1@citizen.example>\r\n"
                + "\r\nbody\r\n"));

        assertThat(message.recipients()).containsExactly("somchai@citizen.example", "one@citizen.example",
                "two@agency.go.th", "three@agency.go.th", "archive@agency.go.th");
        assertThat(message.toHeader()).isEqualTo("สมชาย <somchai@citizen.example>, one@citizen.example");
        assertThat(message.ccHeader()).isEqualTo("Team: two@agency.go.th, three@agency.go.th;");
        assertThat(message.subject()).isEqualTo("ตอบ");
        assertThat(message.messageId()).isEqualTo("<m1@agency.go.th>");
        assertThat(message.refersTo()).containsExactly("<req-1@citizen.example>", "<req-0@citizen.example>");
    }

    @Test
    void keepsADecodedDisplayNameWithACommaAsOneRecipient() {
        SentMessage message = reader.read(whole("To: =?UTF-8?Q?Doe=2C_John?= <john@citizen.example>\r\n\r\nx\r\n"));

        assertThat(message.recipients()).containsExactly("john@citizen.example");
        assertThat(message.toHeader()).isEqualTo("Doe, John <john@citizen.example>");
    }

    @Test
    void readsAMessageWithNoHeadersItNeedsWithoutFailing() {
        SentMessage message = reader.read(whole("X-Only: this\n\nno addressing at all\n"));

        assertThat(message.recipients()).isEmpty();
        assertThat(message.toHeader()).isNull();
        assertThat(message.messageId()).isNull();
        assertThat(message.rawSha256()).hasSize(64);
    }

    @Test
    void readsOnlyTheHeaderSection() {
        byte[] raw = "Subject: a\r\n\r\nSubject: not a header\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(new String(SentMessageReader.headerSection(raw), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: a\r\n\r\n");
    }
}
