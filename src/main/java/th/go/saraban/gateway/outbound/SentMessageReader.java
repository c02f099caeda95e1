package th.go.saraban.gateway.outbound;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import th.go.saraban.gateway.mail.Digests;
import th.go.saraban.gateway.mail.Letter;
import th.go.saraban.gateway.mail.LetterReader;
import th.go.saraban.gateway.mail.RawMessage;

/**
 * Reads the header facts of messages found in the sent folder. Only the header section is read:
 * the register keeps the bytes, not the content. Subject, Message-ID, Date, From and the cited
 * msg-ids come from the same tolerant {@link LetterReader} as incoming mail; the recipients, which
 * incoming mail does not need, are read here. Never throws for bad mail.
 */
public final class SentMessageReader {

    private final LetterReader reader;

    public SentMessageReader(LetterReader reader) {
        this.reader = reader;
    }

    public List<SentMessage> read(List<RawMessage> batch) {
        List<SentMessage> messages = new ArrayList<>(batch.size());
        for (RawMessage message : batch) {
            messages.add(read(message));
        }
        return messages;
    }

    public SentMessage read(RawMessage message) {
        byte[] header = message.raw() != null ? headerSection(message.raw()) : message.header();
        String sha256 = message.raw() != null ? Digests.sha256Hex(message.raw()) : null;
        if (header == null) {
            return new SentMessage(message, sha256, null, null, null, null, null, null, null, List.of(), List.of());
        }
        Letter letter = reader.read(header);
        InternetHeaders headers = headers(header);
        List<String> recipients = new ArrayList<>();
        for (String name : List.of("To", "Cc", "Bcc")) {
            // parsed before decoding: a decoded display name may hold commas and quotes
            recipients.addAll(addresses(unfolded(headers, name)));
        }
        return new SentMessage(message, sha256, letter.messageId(), letter.dateHeader(), letter.senderAddress(),
                letter.subject(), decoded(unfolded(headers, "To")), decoded(unfolded(headers, "Cc")),
                decoded(unfolded(headers, "Bcc")), recipients, letter.refersTo());
    }

    /** The bytes up to and including the blank line that ends the header section. */
    static byte[] headerSection(byte[] raw) {
        for (int i = 0; i < raw.length - 1; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return Arrays.copyOf(raw, i + 2);
            }
            if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
                return Arrays.copyOf(raw, i + 3);
            }
        }
        return raw;
    }

    private static InternetHeaders headers(byte[] header) {
        try {
            // UTF-8 in headers (RFC 6532) as webmail writes it; other 8-bit bytes are kept as they come
            return new InternetHeaders(new ByteArrayInputStream(header), true);
        } catch (MessagingException | RuntimeException e) {
            return new InternetHeaders();
        }
    }

    private static String unfolded(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, ", ");
        return value == null ? null : MimeUtility.unfold(value).strip();
    }

    private static String decoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }

    /** Bare addresses, group members included; a value that does not parse gives none. */
    private static List<String> addresses(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (address.isGroup()) {
                    InternetAddress[] members = address.getGroup(false);
                    if (members != null) {
                        Arrays.stream(members).map(InternetAddress::getAddress).forEach(found::add);
                    }
                } else if (address.getAddress() != null && !address.getAddress().isBlank()) {
                    found.add(address.getAddress());
                }
            }
        } catch (AddressException | RuntimeException e) {
            return List.of();
        }
        return found;
    }
}
