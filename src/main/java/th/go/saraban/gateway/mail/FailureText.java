package th.go.saraban.gateway.mail;

/**
 * A failure as an operator reads it in {@code mailbox_check.error_text} or
 * {@code outgoing_message.last_error}: the chain of causes, outermost first, without a stack trace.
 * Mail servers' messages carry no credentials, and neither do ours.
 */
public final class FailureText {

    private static final int LONGEST = 2000;

    private FailureText() {
    }

    public static String of(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < LONGEST; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip());
            }
        }
        return text.toString();
    }
}
