package th.go.saraban.gateway.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * One attachment of a {@link Letter}. The filename is whatever the sender wrote, decoded for
 * display: it may be missing, repeated or hostile ({@code ../../evil.sh}), so storage must key
 * attachments by register entry and {@code position}, never by name.
 *
 * @param position    1-based, in the order the parts appear in the message
 * @param contentType the base MIME type, lower case ({@code application/pdf})
 * @param size        bytes after transfer decoding
 * @param sha256      lowercase hex SHA-256 of those bytes
 * @param source      re-opens those bytes from the raw message; they are never held in memory
 */
public record LetterAttachment(int position, String filename, String contentType,
                               long size, String sha256, ContentSource source) {

    /** The decoded bytes, {@code size} of them, streamed from the raw message. */
    public InputStream openContent() throws IOException {
        return source.open();
    }
}
