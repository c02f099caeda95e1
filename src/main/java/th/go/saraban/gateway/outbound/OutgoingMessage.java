package th.go.saraban.gateway.outbound;

import java.util.List;

/**
 * An outbox row claimed for sending: its exact bytes (built once, on the first attempt, and reused on
 * every retry so the Message-ID and content never change) and who it goes to.
 */
public record OutgoingMessage(long id, String mailbox, String kind, Long answersEntryId, String from,
                              List<String> to, String subject, String messageId, int attempts, int maxAttempts,
                              byte[] raw, String rawSha256) {
}
