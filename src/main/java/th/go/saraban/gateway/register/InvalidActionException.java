package th.go.saraban.gateway.register;

/** A value an officer gave that cannot be recorded; names the field (as in the API's JSON) and why. */
public final class InvalidActionException extends RuntimeException {

    private final String field;

    public InvalidActionException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
