package th.go.saraban.gateway.mail;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The facts registered for one received message. Everything may be null except the lists: a
 * message that could not be read still becomes a Letter, with what went wrong in {@code problems}
 * so that a person checks it against the raw bytes the register keeps.
 *
 * @param messageId     the Message-ID header, trimmed; null when absent
 * @param dateHeader    the Date header exactly as sent (unfolded, trimmed); null when absent
 * @param sentAt        {@code dateHeader} parsed, in the sender's offset when it gave one; null when
 *                      absent or unparseable
 * @param autoSubmitted true for mail sent by a machine (auto-replies, bounces, lists, bulk), which
 *                      must never be answered automatically
 * @param refersTo      the msg-ids of In-Reply-To and References, in that order, without duplicates;
 *                      used only to recognise replies to our own messages
 * @param authenticationResults the unfolded values of every Authentication-Results header (RFC
 *                      8601), top to bottom as in the message; which of them to trust is decided
 *                      elsewhere, by the receiving server's authserv-id
 */
public record Letter(String messageId, String dateHeader, OffsetDateTime sentAt,
                     String senderAddress, String senderName, String subject, String bodyText,
                     List<LetterAttachment> attachments, List<String> problems,
                     boolean autoSubmitted, List<String> refersTo, List<String> authenticationResults) {

    public Letter {
        attachments = List.copyOf(attachments);
        refersTo = List.copyOf(refersTo);
        problems = List.copyOf(problems);
        authenticationResults = List.copyOf(authenticationResults);
    }

    public boolean needsReview() {
        return !problems.isEmpty();
    }
}
