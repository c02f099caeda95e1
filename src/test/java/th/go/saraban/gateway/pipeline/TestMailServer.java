package th.go.saraban.gateway.pipeline;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * The agency's mail server in tests: GreenMail on a dynamic loopback port, into whose INBOX letters
 * are put with a chosen INTERNALDATE (the legal receipt time), as the real server would have.
 */
public final class TestMailServer implements AgencyMailServer, AutoCloseable {

    public static final String CENTRAL = "saraban@agency.go.th";
    public static final String LOGIN = "saraban";
    public static final String PASSWORD = "test-secret-7f3a";

    private GreenMail greenMail;
    private GreenMailUser user;
    private int imapPort;
    private int smtpPort;

    public TestMailServer() {
        start(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    }

    private void start(ServerSetup... setup) {
        greenMail = new GreenMail(setup);
        greenMail.start();
        user = greenMail.setUser(CENTRAL, LOGIN, PASSWORD);
        imapPort = greenMail.getImap().getPort();
        smtpPort = greenMail.getSmtp().getPort();
    }

    @Override
    public int imapPort() {
        return imapPort;
    }

    @Override
    public String login() {
        return LOGIN;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public int smtpPort() {
        return smtpPort;
    }

    /**
     * What arrived through SMTP in the INBOXes of addresses at {@code domain}. (GreenMail's own
     * getReceivedMessagesForDomain also counts our Sent copies, which are addressed to them too.)
     */
    public List<MimeMessage> receivedAt(String domain) {
        List<MimeMessage> received = new java.util.ArrayList<>();
        for (GreenMailUser recipient : greenMail.getManagers().getUserManager().listUser()) {
            if (recipient.getEmail().toLowerCase().endsWith("@" + domain)) {
                try {
                    inboxOf(recipient).getMessages().forEach(m -> received.add(m.getMimeMessage()));
                } catch (FolderException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return received;
    }

    private MailFolder inboxOf(GreenMailUser owner) throws FolderException {
        return greenMail.getManagers().getImapHostManager().getInbox(owner);
    }

    /** The messages in a folder of the central mailbox (e.g. "Sent"). */
    public List<MimeMessage> folder(String name) {
        try {
            MailFolder folder = greenMail.getManagers().getImapHostManager().getFolder(user, name);
            return folder == null ? List.of() : folder.getMessages().stream().map(m -> m.getMimeMessage()).toList();
        } catch (RuntimeException e) {
            throw e;
        }
    }

    /** Puts a letter into the INBOX as received at {@code internalDate}; returns its UID. */
    public long deliver(byte[] raw, OffsetDateTime internalDate, Flags.Flag... flags) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            Flags set = new Flags();
            for (Flags.Flag flag : flags) {
                set.add(flag);
            }
            return inbox().appendMessage(message, set, Date.from(internalDate.toInstant()));
        } catch (MessagingException | FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The INBOX's UIDVALIDITY, part of every letter's identity in the register. */
    public long uidValidity() {
        try {
            return inbox().getUidValidity();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private MailFolder inbox() throws FolderException {
        return greenMail.getManagers().getImapHostManager().getInbox(user);
    }

    public void stop() {
        greenMail.stop();
    }

    /** Starts again on the same ports with an empty mailbox, as a restarted server would. */
    public void restart() {
        start(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
