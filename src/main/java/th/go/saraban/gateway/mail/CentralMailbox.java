package th.go.saraban.gateway.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The agency's central IMAP mailbox. Every check opens a fresh connection, so a mail server that
 * restarted between checks is simply reached again by the next one.
 */
public final class CentralMailbox {

    private final MailboxSettings settings;
    private final Session session;

    public CentralMailbox(MailboxSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(sessionProperties(settings));
    }

    public MailboxSettings settings() {
        return settings;
    }

    public String name() {
        return settings.name();
    }

    /** Opens the folder read-only: a check never changes, moves or deletes anything on the server. */
    public MailboxConnection open() throws MessagingException {
        return open(settings.folder());
    }

    /**
     * Opens another folder of the central mailbox read-only, such as the sent folder.
     *
     * @throws jakarta.mail.FolderNotFoundException when the mailbox has no such folder
     */
    public MailboxConnection open(String folderName) throws MessagingException {
        Store store = session.getStore(settings.protocol());
        try {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            return new MailboxConnection(store, (IMAPFolder) folder);
        } catch (MessagingException | RuntimeException e) {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // reporting the first failure is what matters
            }
            throw e;
        }
    }

    /**
     * Appends a copy of a sent message to a folder of the central mailbox (created if missing),
     * marked read, byte for byte as it was sent.
     */
    public void appendCopy(String folderName, byte[] raw) throws MessagingException {
        Store store = session.getStore(settings.protocol());
        try {
            store.connect(settings.host(), settings.port(), settings.username(), settings.password());
            Folder folder = store.getFolder(folderName);
            if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create folder " + folderName);
            }
            MimeMessage copy = new MimeMessage(session, new ByteArrayInputStream(raw));
            copy.setFlag(Flags.Flag.SEEN, true);
            folder.appendMessages(new Message[] {copy});
        } finally {
            store.close();
        }
    }

    static Properties sessionProperties(MailboxSettings settings) {
        String p = "mail." + settings.protocol() + ".";
        String millis = Long.toString(settings.timeout().toMillis());
        Properties props = new Properties();
        // A stalled socket must fail the check, not hang it forever (RELIABILITY #9).
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        // Large parts in one piece instead of 16 KB round trips.
        props.setProperty(p + "partialfetch", "false");
        props.setProperty(p + "fetchsize", Integer.toString(1 << 20));
        if (settings.protocol().equals("imaps")) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        } else {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", Boolean.toString(settings.starttlsRequired()));
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }
}
