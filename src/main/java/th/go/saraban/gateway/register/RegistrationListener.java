package th.go.saraban.gateway.register;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work that must happen in the same transaction as a registration, or not at all: queueing the
 * acknowledgement of receipt, and the push of the entry to the agency's saraban system.
 */
public interface RegistrationListener {

    RegistrationListener NONE = (db, entryId, mailbox, registerNo, letter) -> { };

    void registered(Connection db, long entryId, String mailbox, int registerNo, ReceivedLetter letter)
            throws SQLException;
}
