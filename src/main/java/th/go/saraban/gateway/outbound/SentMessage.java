package th.go.saraban.gateway.outbound;

import java.util.List;
import th.go.saraban.gateway.mail.RawMessage;

/**
 * What the sending register records of one message found in the sent folder. Everything may be
 * null except the message and the lists: mail programs write what they like, and the raw bytes are
 * the evidence.
 *
 * @param rawSha256  SHA-256 of the exact bytes; null when the content was left on the server
 * @param toHeader   the To: header as found (unfolded, encoded words decoded); likewise Cc and Bcc
 * @param recipients the bare addresses of To, Cc and Bcc, in that order
 * @param refersTo   the msg-ids of In-Reply-To and References, In-Reply-To first
 */
public record SentMessage(RawMessage message, String rawSha256, String messageId, String dateHeader,
                          String fromAddress, String subject, String toHeader, String ccHeader, String bccHeader,
                          List<String> recipients, List<String> refersTo) {

    public SentMessage {
        recipients = List.copyOf(recipients);
        refersTo = List.copyOf(refersTo);
    }
}
