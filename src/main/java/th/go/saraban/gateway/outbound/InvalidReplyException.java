package th.go.saraban.gateway.outbound;

/**
 * A reply an officer asked for that is wrong in itself (a bad address, no body, too large); names the
 * field as the API's JSON names it. Nothing is queued or recorded: unlike {@link ReplyRefusedException},
 * the request never became a letter.
 */
public final class InvalidReplyException extends RuntimeException {

    private final String field;

    public InvalidReplyException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
