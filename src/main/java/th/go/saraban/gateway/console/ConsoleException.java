package th.go.saraban.gateway.console;

/**
 * A request the console refuses, with the HTTP status and the Thai sentence the officer reads.
 * Anything else that goes wrong is logged and shown as a plain error page, never as a trace.
 */
public final class ConsoleException extends RuntimeException {

    private final int status;

    public ConsoleException(int status, String thaiMessage) {
        super(thaiMessage);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
