package th.go.saraban.gateway.mail;

import java.time.Instant;

/**
 * One message as the mail server holds it. {@code raw} is the exact bytes of BODY[]; for a message
 * over the size limit it is null and {@code header} holds only its header section.
 */
public record RawMessage(long uid, Instant internalDate, long size, String flags, byte[] raw, byte[] header) {

    public boolean oversize() {
        return raw == null;
    }
}
