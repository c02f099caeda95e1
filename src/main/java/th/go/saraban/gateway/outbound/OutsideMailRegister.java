package th.go.saraban.gateway.outbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import th.go.saraban.gateway.mail.RawMessage;
import th.go.saraban.gateway.register.IncomingRegister;
import th.go.saraban.gateway.register.RegisterCounter;
import th.go.saraban.gateway.thai.BuddhistEra;

/**
 * Registers in the sending register (ทะเบียนหนังสือส่ง) what left the central mailbox without
 * the gateway: messages in its sent folder that an officer sent from webmail or a mail program.
 *
 * <p>A batch is registered in one transaction under the mailbox row lock, together with the
 * folder's read position, so a crash leaves the whole batch or none of it. Numbers come from the
 * same locked counter as the gateway's own entries, per mailbox and Buddhist-Era year of the time
 * the message entered the folder (INTERNALDATE), so the register stays gapless. A message is
 * registered once: its identity is (mailbox, folder, UIDVALIDITY, UID); after the folder was
 * recreated (new UIDVALIDITY) it is recognised by the same bytes and INTERNALDATE; and the
 * gateway's own copies, already registered when they were sent, by a Message-ID and bytes equal to
 * an outbox row. A message that only claims one of our Message-IDs is registered like any other.
 */
public final class OutsideMailRegister {

    private final DataSource dataSource;
    private final Clock clock;
    private final ZoneId zone;
    private final Instant registerFrom;

    /**
     * @param registerFrom messages that entered the folder before this instant were sent before the
     *                     gateway kept the register (saraban.check.start-date): passed over
     */
    public OutsideMailRegister(DataSource dataSource, Clock clock, ZoneId zone, Instant registerFrom) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
        this.registerFrom = registerFrom;
    }

    /** Registers what is not registered yet; returns how many entries were written. */
    public int register(SentFolderScan scan, List<SentMessage> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        Instant registeredAt = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                IncomingRegister.lockMailbox(db, scan.mailbox(), registeredAt);
                List<SentMessage> fresh = notYetRegistered(db, scan, batch.stream()
                        .filter(m -> !m.message().internalDate().isBefore(registerFrom)).toList());
                Map<Long, Integer> numbers = issueNumbers(db, scan.mailbox(), fresh);
                insertEntries(db, scan, registeredAt, fresh, numbers);
                advanceReadPosition(db, scan, batch, registeredAt);
                db.commit();
                for (SentMessage message : fresh) {
                    scan.countRegistered(yearOf(message), numbers.get(message.message().uid()));
                }
                return fresh.size();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private int yearOf(SentMessage message) {
        return BuddhistEra.yearOf(message.message().internalDate(), zone);
    }


    private static List<SentMessage> notYetRegistered(Connection db, SentFolderScan scan, List<SentMessage> batch)
            throws SQLException {
        Set<Long> registeredUids = new HashSet<>();
        try (PreparedStatement select = db.prepareStatement("SELECT imap_uid FROM sending_register"
                + " WHERE mailbox = ? AND sent_folder = ? AND imap_uidvalidity = ? AND imap_uid = ANY (?)")) {
            select.setString(1, scan.mailbox());
            select.setString(2, scan.folder());
            select.setLong(3, scan.uidValidity());
            select.setArray(4, db.createArrayOf("bigint", batch.stream().map(m -> m.message().uid()).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    registeredUids.add(rows.getLong(1));
                }
            }
        }
        List<SentMessage> fresh = new ArrayList<>();
        try (PreparedStatement ours = db.prepareStatement("SELECT 1 FROM outgoing_message"
                + " WHERE mailbox = ? AND message_id = ? AND raw_sha256 = ?");
             // our own copy too large to fetch whole (no digest): our Message-ID and the very size we sent
             PreparedStatement oursWithoutBytes = db.prepareStatement("SELECT 1 FROM outgoing_message"
                     + " WHERE mailbox = ? AND message_id = ? AND octet_length(raw_mime) = ?");
             // the folder was deleted and recreated, or another folder name was read before
             PreparedStatement earlier = db.prepareStatement("SELECT 1 FROM sending_register WHERE mailbox = ?"
                     + " AND origin = 'outside' AND raw_sha256 = ? AND sent_at = ?"
                     + " AND NOT (sent_folder = ? AND imap_uidvalidity = ?) LIMIT 1");
             // content left on the server: the same INTERNALDATE, size and Message-ID
             PreparedStatement earlierWithoutBytes = db.prepareStatement("SELECT 1 FROM sending_register"
                     + " WHERE mailbox = ? AND origin = 'outside' AND raw_sha256 IS NULL AND sent_at = ?"
                     + " AND raw_size = ? AND message_id IS NOT DISTINCT FROM ?"
                     + " AND NOT (sent_folder = ? AND imap_uidvalidity = ?) LIMIT 1")) {
            for (SentMessage message : batch) {
                if (registeredUids.contains(message.message().uid())) {
                    continue;
                }
                Timestamp internalDate = Timestamp.from(message.message().internalDate());
                if (message.rawSha256() != null) {
                    if (message.messageId() != null && exists(ours, scan.mailbox(), message.messageId(),
                            message.rawSha256())) {
                        continue;
                    }
                    if (exists(earlier, scan.mailbox(), message.rawSha256(), internalDate, scan.folder(),
                            scan.uidValidity())) {
                        continue;
                    }
                } else if (message.messageId() != null && exists(oursWithoutBytes, scan.mailbox(),
                        message.messageId(), message.message().size())) {
                    continue;
                } else if (exists(earlierWithoutBytes, scan.mailbox(), internalDate, message.message().size(),
                        text(message.messageId()), scan.folder(), scan.uidValidity())) {
                    continue;
                }
                fresh.add(message);
            }
        }
        fresh.sort((a, b) -> Long.compare(a.message().uid(), b.message().uid()));
        return fresh;
    }

    private static boolean exists(PreparedStatement query, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            query.setObject(i + 1, parameters[i]);
        }
        try (ResultSet row = query.executeQuery()) {
            return row.next();
        }
    }

    /** Gapless numbers per (mailbox, year) from the counter the gateway's own entries use; UID -> number. */
    private Map<Long, Integer> issueNumbers(Connection db, String mailbox, List<SentMessage> fresh)
            throws SQLException {
        Map<Integer, List<SentMessage>> byYear = new TreeMap<>();
        for (SentMessage message : fresh) {
            byYear.computeIfAbsent(yearOf(message), y -> new ArrayList<>()).add(message);
        }
        Map<Long, Integer> numbers = new HashMap<>();
        for (Map.Entry<Integer, List<SentMessage>> year : byYear.entrySet()) {
            int last = RegisterCounter.lockAndRead(db, mailbox, RegisterCounter.OUTGOING, year.getKey());
            for (SentMessage message : year.getValue()) {
                numbers.put(message.message().uid(), ++last);
            }
            RegisterCounter.store(db, mailbox, RegisterCounter.OUTGOING, year.getKey(), last);
        }
        return numbers;
    }

    private void insertEntries(Connection db, SentFolderScan scan, Instant registeredAt, List<SentMessage> fresh,
                               Map<Long, Integer> numbers) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO sending_register (mailbox, register_year,"
                + " register_no, sent_at, from_address, recipients, subject, message_id, raw_mime, raw_sha256,"
                + " answers_entry_id, origin, sent_folder, imap_uidvalidity, imap_uid, date_header, to_header,"
                + " cc_header, bcc_header, raw_size, registered_at, remarks)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'outside', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SentMessage message : fresh) {
                var raw = message.message();
                int i = 0;
                insert.setString(++i, scan.mailbox());
                insert.setInt(++i, yearOf(message));
                insert.setInt(++i, numbers.get(raw.uid()));
                insert.setTimestamp(++i, Timestamp.from(raw.internalDate()));
                insert.setString(++i, text(message.fromAddress()));
                insert.setString(++i, message.recipients().isEmpty() ? null : text(String.join(",", message.recipients())));
                insert.setString(++i, text(message.subject()));
                insert.setString(++i, text(message.messageId()));
                insert.setBytes(++i, raw.raw());
                insert.setString(++i, message.rawSha256());
                insert.setObject(++i, answeredEntry(db, scan.mailbox(), message.refersTo()), Types.BIGINT);
                insert.setString(++i, scan.folder());
                insert.setLong(++i, scan.uidValidity());
                insert.setLong(++i, raw.uid());
                insert.setString(++i, text(message.dateHeader()));
                insert.setString(++i, text(message.toHeader()));
                insert.setString(++i, text(message.ccHeader()));
                insert.setString(++i, text(message.bccHeader()));
                insert.setLong(++i, raw.size());
                insert.setTimestamp(++i, Timestamp.from(registeredAt));
                insert.setString(++i, remarks(scan, raw));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The incoming entry a reply answers, so the matter stays one thread in the registers: the first
     * msg-id it cites (In-Reply-To before References) that is a letter registered in this mailbox, or
     * one of our own messages answering an entry. The latest such entry when a sender reused a
     * Message-ID.
     */
    private static Long answeredEntry(Connection db, String mailbox, List<String> refersTo) throws SQLException {
        if (refersTo.isEmpty()) {
            return null;
        }
        // a Message-ID registered without its brackets is cited with them; both forms use the index
        try (PreparedStatement incoming = db.prepareStatement("SELECT id FROM incoming_register WHERE mailbox = ?"
                + " AND message_id = ANY (?) ORDER BY id DESC LIMIT 1");
             PreparedStatement ours = db.prepareStatement("SELECT answers_entry_id FROM outgoing_message"
                     + " WHERE mailbox = ? AND message_id = ? AND answers_entry_id IS NOT NULL")) {
            for (String cited : refersTo) {
                incoming.setString(1, mailbox);
                String bare = cited.startsWith("<") && cited.endsWith(">") && cited.length() > 2
                        ? cited.substring(1, cited.length() - 1) : cited;
                incoming.setArray(2, db.createArrayOf("text", new String[] {cited, bare}));
                Long entry = first(incoming);
                if (entry == null) {
                    ours.setString(1, mailbox);
                    ours.setString(2, cited);
                    entry = first(ours);
                }
                if (entry != null) {
                    return entry;
                }
            }
        }
        return null;
    }

    private static Long first(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    private static String remarks(SentFolderScan scan, RawMessage raw) {
        if (raw.isUnfetchable()) {
            return "the mail server would not hand this message over: " + raw.unfetchable()
                    + "; its content is still in folder " + scan.folder();
        }
        if (raw.oversize()) {
            return "message of " + raw.size() + " bytes is over the size limit: registered from its headers,"
                    + " content left in folder " + scan.folder();
        }
        return null;
    }

    private static void advanceReadPosition(Connection db, SentFolderScan scan, List<SentMessage> batch,
                                            Instant now) throws SQLException {
        long highest = batch.stream().mapToLong(m -> m.message().uid()).max().orElseThrow();
        try (PreparedStatement upsert = db.prepareStatement("INSERT INTO sent_folder_sync (mailbox, folder,"
                + " imap_uidvalidity, last_seen_uid, updated_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (mailbox, folder, imap_uidvalidity) DO UPDATE SET"
                + " last_seen_uid = GREATEST(sent_folder_sync.last_seen_uid, EXCLUDED.last_seen_uid),"
                + " updated_at = EXCLUDED.updated_at")) {
            upsert.setString(1, scan.mailbox());
            upsert.setString(2, scan.folder());
            upsert.setLong(3, scan.uidValidity());
            upsert.setLong(4, highest);
            upsert.setTimestamp(5, Timestamp.from(now));
            upsert.executeUpdate();
        }
    }

    /** PostgreSQL text cannot hold NUL; a hostile header must not fail the whole batch. */
    private static String text(String value) {
        return value == null ? null : value.replace("\u0000", "\uFFFD");
    }
}
