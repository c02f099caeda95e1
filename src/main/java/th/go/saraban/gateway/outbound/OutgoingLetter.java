package th.go.saraban.gateway.outbound;

import java.util.List;

/**
 * What the agency wants to send, before validation. Nothing here is trusted: {@link LetterComposer}
 * checks every field before it becomes a header, so a value copied from inbound mail cannot inject
 * headers or send from a personal address. {@code messageId} is assigned by the caller and stays the
 * same across retries so that a resent letter is recognisably the same letter.
 */
public record OutgoingLetter(
        String from,
        List<String> to,
        String subject,
        String messageId,
        String inReplyTo,
        List<String> references,
        String textBody,
        String htmlBody,
        List<OutgoingAttachment> attachments,
        boolean autoReply) {
}
