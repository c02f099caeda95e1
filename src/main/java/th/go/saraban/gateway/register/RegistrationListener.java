package th.go.saraban.gateway.register;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Work that must happen in the same transaction as a registration, or not at all: queueing the
 * acknowledgement of receipt, and the push of the entry to the agency's saraban system. Told about
 * a whole batch at once, in register order, so that it can ask the database once per batch instead
 * of once per letter (a backlog after a holiday is thousands of letters).
 */
public interface RegistrationListener {

    /** One entry the transaction has just written. */
    record Registered(long entryId, int registerNo, ReceivedLetter letter) {
    }

    RegistrationListener NONE = (db, mailbox, entries) -> { };

    /** @param entries the batch's new entries in register (UID) order; never empty */
    void registered(Connection db, String mailbox, List<Registered> entries) throws SQLException;

    /** This listener, then {@code more}, in the same transaction. */
    default RegistrationListener andThen(RegistrationListener more) {
        return (db, mailbox, entries) -> {
            registered(db, mailbox, entries);
            more.registered(db, mailbox, entries);
        };
    }
}
