package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every node runs the outbox. Two gateways on one register send what is queued at the same time, and
 * each message still reaches the SMTP server once, numbered once in the sending register: a row is
 * claimed with FOR UPDATE SKIP LOCKED and marked 'sending' in the same statement.
 */
class OutboxOnTwoNodesTest extends GatewayTestSupport {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));
    private static final OffsetDateTime TUESDAY = OffsetDateTime.parse("2026-11-24T10:00:00+07:00");
    private static final int LETTERS = 40;

    @Test
    void twoNodesSendingAtOnceSendEachMessageOnce() throws Exception {
        startGateway(Map.of(), NOW);
        IntStream.range(0, LETTERS).forEach(i -> mailServer.deliver(Letters.letter("<two-nodes-" + i + "@citizen.example>",
                "citizen" + i + "@citizen.example", "เรื่องที่ " + i, "เรียน เจ้าหน้าที่"), TUESDAY.plusMinutes(i)));
        gateway.checkMailbox();
        assertThat(rows.count("SELECT count(*) FROM outgoing_message WHERE status = 'queued'")).isEqualTo(LETTERS);

        try (GatewayUnderTest second = GatewayUnderTest.start(GatewayUnderTest.settingsFor(mailServer, database), NOW)) {
            while (rows.count("SELECT count(*) FROM outgoing_message WHERE status = 'queued'") > 0) {
                CompletableFuture<Void> one = CompletableFuture.runAsync(gateway::sendOutbox);
                CompletableFuture<Void> two = CompletableFuture.runAsync(second::sendOutbox);
                CompletableFuture.allOf(one, two).join();
            }
        }

        List<MimeMessage> arrived = mailServer.receivedAt("citizen.example");
        List<String> messageIds = arrived.stream().map(OutboxOnTwoNodesTest::messageId).toList();
        assertThat(messageIds).hasSize(LETTERS).doesNotHaveDuplicates();
        assertThat(rows.query("SELECT register_no FROM sending_register ORDER BY register_no"))
                .extracting(r -> r.get("register_no"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, LETTERS).boxed().toList());
        assertThat(rows.count("SELECT count(*) FROM outgoing_message WHERE status = 'sent'")).isEqualTo(LETTERS);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
