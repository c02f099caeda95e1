package th.go.saraban.gateway.outbound;

/** What one attempt to hand a message to the SMTP server came to. */
public enum SendOutcome {
    /** The server accepted the message (250 after the end of DATA). */
    ACCEPTED,
    /** Not accepted, and trying again later may work: server down, 4xx, failed before the data was complete. */
    RETRY,
    /** The server refused it for good (5xx). */
    REJECTED,
    /**
     * The whole message was sent but no answer came: the server may have accepted it. Sending again
     * could deliver a second copy, so the row waits for an operator instead.
     */
    UNCERTAIN
}
