package th.go.saraban.gateway.outbound;

import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import th.go.saraban.gateway.mail.CentralMailbox;

/**
 * Keeps a copy of each sent message in the central mailbox's Sent folder, so officers see in their
 * mail client what the agency sent. The sending register is the record; a copy that cannot be made
 * is noted on the row ({@code sent_copy_error}) and never causes a second send.
 */
public final class SentFolder {

    private final CentralMailbox mailbox;
    private final String folder;
    private final DataSource dataSource;

    /** @param folder blank to keep no copy */
    public SentFolder(CentralMailbox mailbox, String folder, DataSource dataSource) {
        this.mailbox = mailbox;
        this.folder = folder;
        this.dataSource = dataSource;
    }

    public SendAttempt keepCopy(SendAttempt attempt) throws SQLException {
        if (!attempt.accepted() || folder.isBlank()) {
            return attempt;
        }
        try {
            mailbox.appendCopy(folder, attempt.message().raw());
        } catch (MessagingException | RuntimeException e) {
            try (Connection db = dataSource.getConnection();
                 PreparedStatement update = db.prepareStatement(
                         "UPDATE outgoing_message SET sent_copy_error = ? WHERE id = ?")) {
                update.setString(1, "no copy in " + folder + ": " + e.getMessage());
                update.setLong(2, attempt.message().id());
                update.executeUpdate();
            }
        }
        return attempt;
    }
}
