package th.go.saraban.gateway.pipeline;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * An officer's webmail, as another IMAP client of the central mailbox: it appends what it sent to
 * the sent folder over IMAP (APPEND with the INTERNALDATE it chose, exact bytes), and can delete a
 * folder as a mail client's "empty folder" sometimes does.
 */
public final class Webmail {

    private final TestMailServer server;

    public Webmail(TestMailServer server) {
        this.server = server;
    }

    /** APPENDs the exact bytes to {@code folder} (created if missing); returns the UID the server gave. */
    public long append(String folder, byte[] raw, OffsetDateTime internalDate) {
        return withStore(store -> {
            IMAPFolder target = (IMAPFolder) store.getFolder(folder);
            if (!target.exists()) {
                target.create(Folder.HOLDS_MESSAGES);
            }
            target.open(Folder.READ_WRITE);
            try {
                return target.appendUIDMessages(new Message[] {new Appended(raw, internalDate)})[0].uid;
            } finally {
                target.close(false);
            }
        });
    }

    public void deleteFolder(String folder) {
        withStore(store -> store.getFolder(folder).delete(true));
    }

    /** The exact bytes the server holds for every message of the folder, in UID order. */
    public java.util.List<byte[]> rawMessages(String folder) {
        return withStore(store -> {
            IMAPFolder source = (IMAPFolder) store.getFolder(folder);
            source.open(Folder.READ_ONLY);
            try {
                java.util.List<byte[]> all = new java.util.ArrayList<>();
                for (Message message : source.getMessages()) {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    ((org.eclipse.angus.mail.imap.IMAPMessage) message).getMimeStream().transferTo(bytes);
                    all.add(bytes.toByteArray());
                }
                return all;
            } catch (IOException e) {
                throw new MessagingException("cannot read " + folder, e);
            } finally {
                source.close(false);
            }
        });
    }

    private interface ImapWork<T> {
        T on(Store store) throws MessagingException;
    }

    private <T> T withStore(ImapWork<T> work) {
        try {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", server.imapPort(), TestMailServer.LOGIN, TestMailServer.PASSWORD);
            try {
                return work.on(store);
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the bytes exactly as given, and asks for the chosen INTERNALDATE. */
    private static final class Appended extends MimeMessage {

        private final byte[] raw;
        private final Date internalDate;

        Appended(byte[] raw, OffsetDateTime internalDate) throws MessagingException {
            super(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            this.raw = raw;
            this.internalDate = Date.from(internalDate.toInstant());
            setFlag(Flags.Flag.SEEN, true);
        }

        @Override
        public Date getReceivedDate() {
            return internalDate;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(raw);
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
            out.write(raw);
        }
    }
}
