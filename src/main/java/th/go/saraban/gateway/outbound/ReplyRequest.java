package th.go.saraban.gateway.outbound;

import java.util.List;

/**
 * What an officer's saraban system asks for: a reply to a registered entry.
 *
 * @param entryId     the {@code incoming_register.id} being answered
 * @param from        the sender asked for; null means the central address. Any other address is refused
 * @param to          recipients; empty means the entry's sender
 * @param textBody    plain text, and/or
 * @param htmlBody    HTML
 */
public record ReplyRequest(long entryId, String from, List<String> to, String textBody, String htmlBody,
                           List<OutgoingAttachment> attachments) {

    public ReplyRequest {
        to = to == null ? List.of() : List.copyOf(to);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public static ReplyRequest text(long entryId, String textBody) {
        return new ReplyRequest(entryId, null, List.of(), textBody, null, List.of());
    }
}
