package th.go.saraban.gateway.outbound;

/** One message and what happened when the SMTP route tried to send it. */
public record SendAttempt(OutgoingMessage message, SendOutcome outcome, String error) {

    public boolean accepted() {
        return outcome == SendOutcome.ACCEPTED;
    }
}
