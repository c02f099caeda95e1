package th.go.saraban.gateway.bench;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The raw baseline the gateway is measured against: the least a program can do to get the same
 * letters into PostgreSQL with their bytes and SHA-256. One Angus bulk {@code UID FETCH} of whole
 * messages per chunk of 500, each parsed with Jakarta Mail (sender, subject, Message-ID, the text
 * decoded, every attachment decoded), digested, and written with a JDBC batch insert in one
 * transaction per chunk. No time limits, no numbering, no tries, no acknowledgements.
 *
 * <p>{@code java ... RawIngest <jdbc-url> <imap-port> <login> <password>}; prints a {@code RESULT} line.
 */
public final class RawIngest {

    private static final int CHUNK = 500;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int port = Integer.parseInt(args[1]);
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "10000");
        properties.setProperty("mail.imap.timeout", "120000");
        Session session = Session.getInstance(properties);
        try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement create = db.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS letter (id bigserial PRIMARY KEY, uid bigint UNIQUE,"
                        + " received_at timestamptz, message_id text, sender text, subject text, body_text text,"
                        + " attachments int, raw bytea, raw_sha256 text, raw_size bigint)");
            }
            Probe probe = new Probe();
            Store store = session.getStore("imap");
            store.connect("127.0.0.1", port, args[2], args[3]);
            IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            List<Long> uids = new ArrayList<>();
            for (Response response : command(folder, "UID FETCH 1:* (UID)")) {
                if (response instanceof FetchResponse fetch && fetch.getItem(UID.class) != null) {
                    uids.add(fetch.getItem(UID.class).uid);
                }
            }
            long letters = 0;
            long bytes = 0;
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO letter (uid, received_at, message_id,"
                    + " sender, subject, body_text, attachments, raw, raw_sha256, raw_size)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int from = 0; from < uids.size(); from += CHUNK) {
                    List<Long> chunk = uids.subList(from, Math.min(uids.size(), from + CHUNK));
                    Response[] responses = command(folder, "UID FETCH " + chunk.get(0) + ":" + chunk.get(chunk.size() - 1)
                            + " (UID INTERNALDATE BODY.PEEK[])");
                    for (int i = 0; i < responses.length; i++) {
                        Response response = responses[i];
                        responses[i] = null;
                        if (!(response instanceof FetchResponse fetch) || fetch.getItem(BODY.class) == null) {
                            continue;
                        }
                        ByteArray body = fetch.getItem(BODY.class).getByteArray();
                        byte[] raw = java.util.Arrays.copyOfRange(body.getBytes(), body.getStart(),
                                body.getStart() + body.getCount());
                        MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(raw));
                        StringBuilder text = new StringBuilder();
                        int attachments = walk(message, text);
                        var from0 = message.getFrom();
                        insert.setLong(1, fetch.getItem(UID.class).uid);
                        insert.setTimestamp(2, new Timestamp(fetch.getItem(INTERNALDATE.class).getDate().getTime()));
                        insert.setString(3, message.getMessageID());
                        insert.setString(4, from0 != null && from0.length > 0
                                ? ((InternetAddress) from0[0]).getAddress() : null);
                        insert.setString(5, message.getSubject());
                        insert.setString(6, text.toString());
                        insert.setInt(7, attachments);
                        insert.setBytes(8, raw);
                        insert.setString(9, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)));
                        insert.setLong(10, raw.length);
                        insert.addBatch();
                        letters++;
                        bytes += raw.length;
                    }
                    insert.executeBatch();
                    db.commit();
                }
            }
            double seconds = probe.seconds();
            folder.close(false);
            store.close();
            System.out.println(probe.result("raw", letters, bytes, seconds, ""));
            probe.close();
        }
    }

    /** Decodes every text part into {@code text} and reads every attachment; returns how many there were. */
    private static int walk(Part part, StringBuilder text) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            int attachments = 0;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                attachments += walk(child, text);
            }
            return attachments;
        }
        if (part.isMimeType("text/*") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            text.append(part.getContent());
            return 0;
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream content = part.getInputStream()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = content.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        digest.digest();
        return 1;
    }

    private static Response[] command(IMAPFolder folder, String command) throws Exception {
        return (Response[]) folder.doCommand(protocol -> {
            Response[] responses = protocol.command(command, null);
            protocol.handleResult(responses[responses.length - 1]);
            return responses;
        });
    }
}
