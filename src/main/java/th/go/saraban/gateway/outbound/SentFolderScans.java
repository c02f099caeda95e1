package th.go.saraban.gateway.outbound;

import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import th.go.saraban.gateway.mail.BatchPlan;
import th.go.saraban.gateway.mail.CentralMailbox;
import th.go.saraban.gateway.mail.FailureText;
import th.go.saraban.gateway.mail.MailboxConnection;
import th.go.saraban.gateway.mail.RawMessage;
import th.go.saraban.gateway.mail.UidAndSize;

/**
 * Reads the central mailbox's sent folder, where webmail and other mail programs keep what officers
 * sent from the central address, read-only (BODY.PEEK) and in bounded batches above the read
 * position of (mailbox, folder, UIDVALIDITY). The route calls these steps in order; see
 * {@code routes/register-sent-mail.camel.yaml}.
 */
public final class SentFolderScans {

    private final CentralMailbox mailbox;
    private final String folder;
    private final BatchPlan plan;
    private final DataSource dataSource;
    private final Clock clock;

    /** @param folder {@code saraban.smtp.sent-folder}; blank, or the checked folder itself, reads nothing */
    public SentFolderScans(CentralMailbox mailbox, String folder, BatchPlan plan, DataSource dataSource, Clock clock) {
        this.mailbox = mailbox;
        this.folder = folder;
        this.plan = plan;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Whether there is a sent folder to read. Not when none is configured, nor when it is the folder
     * the mailbox check registers from: what is there is incoming mail.
     */
    public boolean configured() {
        return !folder.isBlank() && !isCheckedFolder(folder);
    }

    private boolean isCheckedFolder(String name) {
        String checked = mailbox.settings().folder();
        return name.equals(checked) || (name.equalsIgnoreCase("INBOX") && checked.equalsIgnoreCase("INBOX"));
    }

    public SentFolderScan begin() {
        return new SentFolderScan(mailbox.name(), folder, clock.instant());
    }

    /** Opens the folder read-only and plans batches of what is above the read position. */
    public SentFolderScan open(SentFolderScan scan) throws MessagingException, SQLException {
        MailboxConnection connection;
        try {
            connection = mailbox.open(scan.folder());
        } catch (FolderNotFoundException missing) {
            scan.markFolderMissing();
            return scan;
        }
        scan.connected(connection, connection.uidValidity());
        // the start date is applied by OutsideMailRegister after the fetch, where the read position moves
        List<UidAndSize> newMessages = connection.newerThan(lastSeenUid(scan), java.time.Instant.MIN).newMessages();
        scan.planned(plan.split(newMessages), newMessages.size());
        return scan;
    }

    public List<RawMessage> fetchNextBatch(SentFolderScan scan) throws MessagingException {
        return scan.connection().fetchPlanned(scan.takeBatch(), plan);
    }

    public void fail(SentFolderScan scan, Throwable cause) {
        scan.failed(FailureText.of(cause));
    }

    public void close(SentFolderScan scan) {
        scan.disconnect();
    }

    private long lastSeenUid(SentFolderScan scan) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT last_seen_uid FROM sent_folder_sync"
                     + " WHERE mailbox = ? AND folder = ? AND imap_uidvalidity = ?")) {
            select.setString(1, scan.mailbox());
            select.setString(2, scan.folder());
            select.setLong(3, scan.uidValidity());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0L;
            }
        }
    }
}
