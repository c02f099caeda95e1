package th.go.saraban.gateway.register;

/**
 * A well-formed action the entry's present state does not allow: the status of an entry whose
 * evidence the gateway could not keep (oversize, unfetchable, unreadable) is a fact, not a step of
 * the work, and stays.
 */
public final class ActionConflictException extends RuntimeException {

    public ActionConflictException(String message) {
        super(message);
    }
}
