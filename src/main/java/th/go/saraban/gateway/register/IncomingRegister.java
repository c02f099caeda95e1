package th.go.saraban.gateway.register;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import th.go.saraban.gateway.mail.Letter;
import th.go.saraban.gateway.mail.LetterAttachment;
import th.go.saraban.gateway.mail.LetterAttempts;
import th.go.saraban.gateway.mail.MailboxCheck;
import th.go.saraban.gateway.mail.SenderAuthentication;
import th.go.saraban.gateway.observe.GatewayMetrics;

/**
 * The receiving register (ทะเบียนหนังสือรับ). A batch is registered in one transaction that holds
 * the mailbox row lock: entries not yet registered are inserted and numbered consecutively per
 * Buddhist-Era year in arrival (UID) order, the counter and the read position move with them, and
 * a crash leaves either the whole batch or none of it. The same transaction settles the letters'
 * tries in {@code letter_attempt}, so a registered letter is never tried again. Identity is
 * (mailbox, UIDVALIDITY, UID), never Message-ID, so two different letters with the same Message-ID
 * are both registered.
 */
public final class IncomingRegister {

    /** Attachments above this size are inserted one by one, each streamed on its own. */
    private static final long LARGEST_BATCHED_ATTACHMENT = 1024 * 1024;

    private final DataSource dataSource;
    private final Clock clock;
    private volatile RegistrationListener listener;
    /** Our receiving server's authserv-id: whose Authentication-Results the auth_* columns believe. */
    private final String authservId;
    private volatile GatewayMetrics metrics = GatewayMetrics.OFF;

    public IncomingRegister(DataSource dataSource, Clock clock) {
        this(dataSource, clock, RegistrationListener.NONE, "");
    }

    /**
     * @param authservId our receiving server's authserv-id (saraban.auth.authserv-id); blank = no
     *                   Authentication-Results header is believed
     */
    public IncomingRegister(DataSource dataSource, Clock clock, RegistrationListener listener, String authservId) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.listener = listener;
        this.authservId = authservId;
    }

    /**
     * More work for the registering transaction, after what is there already (the acknowledgement):
     * queueing the push of each new entry. Called while wiring, before any check runs.
     */
    public void alsoOnRegistration(RegistrationListener more) {
        listener = listener.andThen(more);
    }

    /** Where committed entries are counted (saraban_letters_registered_total). */
    public void reportTo(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Registers what is not yet registered; returns how many entries were written. */
    public int register(MailboxCheck check, List<ReceivedLetter> batch) throws SQLException {
        int written = register(check.mailbox(), check.uidValidity(), check.id(), batch);
        check.countRegistered(written);
        return written;
    }

    public int register(String mailbox, long uidValidity, Long checkId, List<ReceivedLetter> batch)
            throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            return registerTogether(mailbox, uidValidity, checkId, batch);
        } catch (SQLException refused) {
            if (!LetterAttempts.isRefusedValue(refused)) {
                throw refused;
            }
            // One letter the database refuses (a value out of range, say) must not hold back the rest
            // of the mailbox for ever: register one by one, and a refused letter from its raw bytes alone.
            int written = 0;
            for (ReceivedLetter letter : batch) {
                try {
                    written += registerTogether(mailbox, uidValidity, checkId, List.of(letter));
                } catch (SQLException single) {
                    if (!LetterAttempts.isRefusedValue(single)) {
                        throw single;
                    }
                    written += registerTogether(mailbox, uidValidity, checkId, List.of(rawOnly(letter, single)));
                }
            }
            return written;
        }
    }

    private int registerTogether(String mailbox, long uidValidity, Long checkId, List<ReceivedLetter> batch)
            throws SQLException {
        Instant registeredAt = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                lockMailbox(db, mailbox, registeredAt);
                List<ReceivedLetter> fresh = withoutOurOwnMail(db, mailbox,
                        notYetRegistered(db, mailbox, uidValidity, batch));
                Map<Long, Integer> numbers = issueNumbers(db, mailbox, fresh);
                Map<Long, Long> follows = FollowUps.find(db, mailbox, fresh);
                insertEntries(db, mailbox, uidValidity, checkId, registeredAt, fresh, numbers, follows);
                Map<Long, Long> entryIds = entryIds(db, mailbox, uidValidity, fresh);
                insertAttachments(db, fresh, entryIds);
                if (!fresh.isEmpty()) {
                    List<RegistrationListener.Registered> registered = new ArrayList<>(fresh.size());
                    for (ReceivedLetter letter : fresh) {
                        long uid = letter.message().uid();
                        registered.add(new RegistrationListener.Registered(entryIds.get(uid), numbers.get(uid), letter));
                    }
                    listener.registered(db, mailbox, registered);
                }
                long highest = batch.stream().mapToLong(l -> l.message().uid()).max().orElseThrow();
                advanceReadPosition(db, mailbox, uidValidity, highest, registeredAt);
                LetterAttempts.settle(db, mailbox, uidValidity, highest);
                db.commit();
                metrics.registered(mailbox, fresh);
                return fresh.size();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    /**
     * After a check registered everything it listed: the read position moves past the mail it passed
     * over because the server received it before the start date, so no later check lists it again.
     */
    public void passOver(MailboxCheck check) throws SQLException {
        if (check.passedOverUpTo() == 0) {
            return;
        }
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                lockMailbox(db, check.mailbox(), now);
                advanceReadPosition(db, check.mailbox(), check.uidValidity(), check.passedOverUpTo(), now);
                LetterAttempts.settle(db, check.mailbox(), check.uidValidity(), check.passedOverUpTo());
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    /** The letter with nothing but its bytes, times and identity, for a person to read. */
    private static ReceivedLetter rawOnly(ReceivedLetter letter, SQLException refused) {
        Letter facts = new Letter(null, null, null, null, null, null, null, List.of(),
                List.of("database refused the parsed facts, registered from the raw bytes only: "
                        + refused.getMessage()), letter.letter().autoSubmitted(), List.of(),
                letter.letter().authenticationResults());
        // without raw bytes (oversize, unfetchable) the status already says the content is elsewhere,
        // and an unreadable letter stays unreadable
        EntryStatus status = letter.message().raw() == null || letter.status() == EntryStatus.UNREADABLE
                ? letter.status() : EntryStatus.NEEDS_REVIEW;
        return new ReceivedLetter(letter.message(), facts, letter.receivedAt(), letter.deemedReceivedAt(),
                letter.registerYear(), letter.rawSha256(), status, letter.deemedWithoutHolidayData());
    }

    /**
     * Locks the mailbox row for the rest of the transaction, creating it on first use: every writer of
     * a register of this mailbox (received letters, mail sent outside the gateway) takes this one lock,
     * so numbers are issued by one transaction at a time.
     */
    public static void lockMailbox(Connection db, String mailbox, Instant now) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO mailbox (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, mailbox);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.executeUpdate();
        }
        try (PreparedStatement lock = db.prepareStatement("SELECT name FROM mailbox WHERE name = ? FOR UPDATE")) {
            lock.setString(1, mailbox);
            lock.executeQuery().close();
        }
    }

    /**
     * Drops what is already registered: under this UIDVALIDITY by UID, and under an earlier
     * UIDVALIDITY of the same mailbox (the server renumbered its messages) by the same bytes and
     * the same INTERNALDATE.
     */
    private static List<ReceivedLetter> notYetRegistered(Connection db, String mailbox, long uidValidity,
                                                         List<ReceivedLetter> batch) throws SQLException {
        Set<Long> registeredUids = new HashSet<>();
        try (PreparedStatement select = db.prepareStatement("SELECT imap_uid FROM incoming_register"
                + " WHERE mailbox = ? AND imap_uidvalidity = ? AND imap_uid = ANY (?)")) {
            select.setString(1, mailbox);
            select.setLong(2, uidValidity);
            select.setArray(3, db.createArrayOf("bigint",
                    batch.stream().map(l -> l.message().uid()).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    registeredUids.add(rows.getLong(1));
                }
            }
        }
        List<ReceivedLetter> unseen = batch.stream().filter(l -> !registeredUids.contains(l.message().uid())).toList();
        Set<Long> registeredEarlier = registeredUnderEarlierUidValidity(db, mailbox, uidValidity, unseen);
        List<ReceivedLetter> fresh = new ArrayList<>(unseen.stream()
                .filter(l -> !registeredEarlier.contains(l.message().uid())).toList());
        fresh.sort((a, b) -> Long.compare(a.message().uid(), b.message().uid()));
        return fresh;
    }

    /**
     * UIDs of letters registered before under an earlier UIDVALIDITY: with a digest, by the same bytes
     * and INTERNALDATE; parked mail (oversize, unfetchable, unreadable unfetched) has none, so by the
     * same INTERNALDATE, size and Message-ID. One query for the whole batch.
     */
    private static Set<Long> registeredUnderEarlierUidValidity(Connection db, String mailbox, long uidValidity,
                                                               List<ReceivedLetter> letters) throws SQLException {
        Set<Long> found = new HashSet<>();
        if (letters.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = db.prepareStatement("SELECT t.uid FROM unnest(?::bigint[], ?::text[],"
                + " ?::text[], ?::bigint[], ?::text[]) AS t (uid, sha256, received, size, message_id)"
                + " WHERE CASE WHEN t.sha256 IS NOT NULL THEN EXISTS (SELECT 1 FROM incoming_register r"
                + " WHERE r.mailbox = ? AND r.imap_uidvalidity <> ? AND r.raw_sha256 = t.sha256"
                + " AND r.received_at = t.received::timestamptz)"
                + " ELSE EXISTS (SELECT 1 FROM incoming_register r WHERE r.mailbox = ? AND r.imap_uidvalidity <> ?"
                + " AND r.status IN ('oversize', 'unfetchable', 'unreadable') AND r.received_at = t.received::timestamptz"
                + " AND r.raw_size = t.size AND r.message_id IS NOT DISTINCT FROM t.message_id) END")) {
            select.setArray(1, db.createArrayOf("bigint", letters.stream().map(l -> l.message().uid()).toArray()));
            select.setArray(2, db.createArrayOf("text", letters.stream().map(ReceivedLetter::rawSha256).toArray()));
            // ISO-8601 in UTC: the same instant whatever the session's time zone
            select.setArray(3, db.createArrayOf("text", letters.stream().map(l -> l.receivedAt().toString()).toArray()));
            select.setArray(4, db.createArrayOf("bigint", letters.stream().map(l -> l.message().size()).toArray()));
            select.setArray(5, db.createArrayOf("text", letters.stream()
                    .map(l -> l.rawSha256() == null ? text(l.letter().messageId()) : null).toArray()));
            select.setString(6, mailbox);
            select.setLong(7, uidValidity);
            select.setString(8, mailbox);
            select.setLong(9, uidValidity);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
        }
        return found;
    }

    /**
     * Drops exact copies of mail we sent ourselves (a Sent copy or a Bcc that lands in the checked
     * folder): they are in the sending register already. Recognised by our own address, our own
     * Message-ID and the very bytes we sent; anything less, such as a citizen resending our reply
     * or a forged sender, is registered like any other letter.
     */
    private static List<ReceivedLetter> withoutOurOwnMail(Connection db, String mailbox, List<ReceivedLetter> fresh)
            throws SQLException {
        List<String> ids = fresh.stream().filter(l -> mailbox.equalsIgnoreCase(l.letter().senderAddress()))
                .map(l -> l.letter().messageId()).filter(java.util.Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return fresh;
        }
        Set<String> ours = new HashSet<>();
        try (PreparedStatement select = db.prepareStatement("SELECT message_id, raw_sha256 FROM outgoing_message"
                + " WHERE mailbox = ? AND message_id = ANY (?) AND raw_sha256 IS NOT NULL")) {
            select.setString(1, mailbox);
            select.setArray(2, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ours.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return fresh.stream().filter(l -> !(mailbox.equalsIgnoreCase(l.letter().senderAddress())
                && ours.contains(l.letter().messageId() + " " + l.rawSha256()))).toList();
    }

    /** Gapless numbers per (mailbox, year) from a locked counter row; returns UID -> register_no. */
    private static Map<Long, Integer> issueNumbers(Connection db, String mailbox, List<ReceivedLetter> fresh)
            throws SQLException {
        Map<Integer, List<ReceivedLetter>> byYear = new TreeMap<>();
        for (ReceivedLetter letter : fresh) {
            byYear.computeIfAbsent(letter.registerYear(), y -> new ArrayList<>()).add(letter);
        }
        Map<Long, Integer> numbers = new HashMap<>();
        for (Map.Entry<Integer, List<ReceivedLetter>> year : byYear.entrySet()) {
            int last = RegisterCounter.lockAndRead(db, mailbox, RegisterCounter.INCOMING, year.getKey());
            for (ReceivedLetter letter : year.getValue()) {
                numbers.put(letter.message().uid(), ++last);
            }
            RegisterCounter.store(db, mailbox, RegisterCounter.INCOMING, year.getKey(), last);
        }
        return numbers;
    }

    private void insertEntries(Connection db, String mailbox, long uidValidity, Long checkId,
                               Instant registeredAt, List<ReceivedLetter> fresh, Map<Long, Integer> numbers,
                               Map<Long, Long> follows) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO incoming_register (mailbox, register_year,"
                + " register_no, received_at, deemed_received_at, registered_at, message_id, date_header, sent_at,"
                + " sender_address, sender_name, subject, body_text, raw_mime, raw_sha256, raw_size,"
                + " imap_uidvalidity, imap_uid, imap_flags, auto_submitted, status, problems, check_id,"
                + " follows_entry_id, auth_dmarc, auth_spf, auth_dkim, deemed_without_holiday_data)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ReceivedLetter entry : fresh) {
                var letter = entry.letter();
                var message = entry.message();
                var authentication = SenderAuthentication.of(letter.authenticationResults(), authservId,
                        letter.senderAddress());
                int i = 0;
                insert.setString(++i, mailbox);
                insert.setInt(++i, entry.registerYear());
                insert.setInt(++i, numbers.get(message.uid()));
                insert.setTimestamp(++i, Timestamp.from(entry.receivedAt()));
                insert.setTimestamp(++i, Timestamp.from(entry.deemedReceivedAt()));
                insert.setTimestamp(++i, Timestamp.from(registeredAt));
                insert.setString(++i, text(letter.messageId()));
                insert.setString(++i, text(letter.dateHeader()));
                insert.setObject(++i, letter.sentAt(), Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setString(++i, text(letter.senderAddress()));
                insert.setString(++i, text(letter.senderName()));
                insert.setString(++i, text(letter.subject()));
                insert.setString(++i, text(letter.bodyText()));
                // a stream, not setBytes: pgjdbc copies a byte[] parameter, a second 50 MB for a large letter
                if (message.raw() == null) {
                    insert.setNull(++i, Types.BINARY);
                } else {
                    insert.setBinaryStream(++i, new ByteArrayInputStream(message.raw()), message.raw().length);
                }
                insert.setString(++i, entry.rawSha256());
                insert.setLong(++i, message.size());
                insert.setLong(++i, uidValidity);
                insert.setLong(++i, message.uid());
                insert.setString(++i, message.flags());
                insert.setBoolean(++i, letter.autoSubmitted());
                insert.setString(++i, entry.status().column());
                insert.setString(++i, problems(entry));
                insert.setObject(++i, checkId, Types.BIGINT);
                insert.setObject(++i, follows.get(message.uid()), Types.BIGINT);
                insert.setString(++i, authResult(authentication.dmarc()));
                insert.setString(++i, authResult(authentication.spf()));
                insert.setString(++i, authResult(authentication.dkim()));
                insert.setBoolean(++i, entry.deemedWithoutHolidayData());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String authResult(SenderAuthentication.Result result) {
        return result == null ? null : result.column();
    }

    private static Map<Long, Long> entryIds(Connection db, String mailbox, long uidValidity,
                                            List<ReceivedLetter> fresh) throws SQLException {
        Map<Long, Long> entryIds = new HashMap<>();
        if (fresh.isEmpty()) {
            return entryIds;
        }
        try (PreparedStatement select = db.prepareStatement("SELECT imap_uid, id FROM incoming_register"
                + " WHERE mailbox = ? AND imap_uidvalidity = ? AND imap_uid = ANY (?)")) {
            select.setString(1, mailbox);
            select.setLong(2, uidValidity);
            Array uids = db.createArrayOf("bigint", fresh.stream().map(l -> l.message().uid()).toArray());
            select.setArray(3, uids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entryIds.put(rows.getLong(1), rows.getLong(2));
                }
            }
        }
        return entryIds;
    }

    /**
     * Attachment content is streamed from the raw message into the database ({@code setBinaryStream}
     * with its size), never held decoded in memory. Small attachments go in one batch; a large one is
     * sent on its own, so that at most one large stream is open and pgjdbc never has to hold a batch
     * of them.
     */
    private static void insertAttachments(Connection db, List<ReceivedLetter> fresh, Map<Long, Long> entryIds)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO incoming_attachment (entry_id, position,"
                + " filename, content_type, size, sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            boolean batched = false;
            for (ReceivedLetter letter : fresh) {
                for (LetterAttachment attachment : letter.letter().attachments()) {
                    insert.setLong(1, entryIds.get(letter.message().uid()));
                    insert.setInt(2, attachment.position());
                    insert.setString(3, text(attachment.filename()));
                    insert.setString(4, text(attachment.contentType()));
                    insert.setLong(5, attachment.size());
                    insert.setString(6, attachment.sha256());
                    InputStream content = open(attachment);
                    insert.setBinaryStream(7, content, attachment.size());
                    if (attachment.size() > LARGEST_BATCHED_ATTACHMENT) {
                        try (content) {
                            insert.executeUpdate();
                        } catch (IOException closing) {
                            // a stream over bytes in memory has nothing to release
                        }
                    } else {
                        insert.addBatch();
                        batched = true;
                    }
                }
            }
            if (batched) {
                insert.executeBatch();
            }
        }
    }

    private static InputStream open(LetterAttachment attachment) throws SQLException {
        try {
            return attachment.openContent();
        } catch (IOException e) {
            throw new SQLException("attachment " + attachment.position() + " could not be re-read from the raw"
                    + " message: " + e.getMessage(), e);
        }
    }

    private static void advanceReadPosition(Connection db, String mailbox, long uidValidity, long highest,
                                            Instant now) throws SQLException {
        try (PreparedStatement upsert = db.prepareStatement("INSERT INTO mailbox_sync (mailbox, imap_uidvalidity,"
                + " last_seen_uid, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (mailbox, imap_uidvalidity)"
                + " DO UPDATE SET last_seen_uid = GREATEST(mailbox_sync.last_seen_uid, EXCLUDED.last_seen_uid),"
                + " updated_at = EXCLUDED.updated_at")) {
            upsert.setString(1, mailbox);
            upsert.setLong(2, uidValidity);
            upsert.setLong(3, highest);
            upsert.setTimestamp(4, Timestamp.from(now));
            upsert.executeUpdate();
        }
    }

    private static final String DEEMED_WITHOUT_HOLIDAY_DATA = "deemed received time computed without holiday data:"
            + " a day from arrival to the deemed time is in a year the holiday files do not cover; check it"
            + " against the cabinet's holiday resolution for that year";

    private static String problems(ReceivedLetter entry) {
        List<String> problems = new ArrayList<>(entry.letter().problems());
        if (entry.status() == EntryStatus.OVERSIZE) {
            problems.add(0, "message of " + entry.message().size()
                    + " bytes is over the size limit: registered from its headers, content left on the server");
        }
        if (entry.deemedWithoutHolidayData()) {
            problems.add(DEEMED_WITHOUT_HOLIDAY_DATA);
        }
        return problems.isEmpty() ? null : String.join("\n", problems);
    }

    /** PostgreSQL text cannot hold NUL; a hostile header must not fail the whole batch. */
    private static String text(String value) {
        return value == null ? null : value.replace("\u0000", "\uFFFD");
    }
}
