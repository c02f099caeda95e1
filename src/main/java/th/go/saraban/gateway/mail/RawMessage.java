package th.go.saraban.gateway.mail;

import java.time.Instant;

/**
 * One message as the mail server holds it. {@code raw} is the exact bytes of BODY[]. For a message
 * over the size limit {@code raw} is null and {@code header} holds only its header section; for a
 * message the server would not hand over, both are null and {@code unfetchable} says what it answered.
 */
public record RawMessage(long uid, Instant internalDate, long size, String flags, byte[] raw, byte[] header,
                         String unfetchable) {

    public RawMessage(long uid, Instant internalDate, long size, String flags, byte[] raw, byte[] header) {
        this(uid, internalDate, size, flags, raw, header, null);
    }

    /** Content left on the server: too large to hold, or not handed over. */
    public boolean oversize() {
        return raw == null && unfetchable == null;
    }

    public boolean isUnfetchable() {
        return unfetchable != null;
    }
}
