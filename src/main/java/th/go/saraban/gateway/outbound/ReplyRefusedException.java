package th.go.saraban.gateway.outbound;

/**
 * A reply that will not be sent: a personal sender, a bad recipient or header value, an unknown
 * entry. The refusal is recorded in {@code outgoing_message} with status {@code refused}.
 */
public final class ReplyRefusedException extends RuntimeException {

    private final long outgoingId;

    public ReplyRefusedException(String message, long outgoingId) {
        super(message);
        this.outgoingId = outgoingId;
    }

    /** The {@code outgoing_message} row recording the refusal, or -1 when nothing could be recorded. */
    public long outgoingId() {
        return outgoingId;
    }
}
