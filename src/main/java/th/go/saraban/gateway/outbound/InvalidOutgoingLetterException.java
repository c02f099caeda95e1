package th.go.saraban.gateway.outbound;

/**
 * An outgoing letter the composer refuses to turn into bytes. The message names the field and what
 * is wrong with it, with control characters in the offending value made visible so that logging the
 * message cannot itself be used to forge log lines.
 */
public final class InvalidOutgoingLetterException extends RuntimeException {

    private final String field;

    InvalidOutgoingLetterException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The refused field, e.g. {@code to} or {@code attachments[0].filename}. */
    public String field() {
        return field;
    }
}
