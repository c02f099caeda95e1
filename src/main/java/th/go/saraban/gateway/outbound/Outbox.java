package th.go.saraban.gateway.outbound;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import th.go.saraban.gateway.mail.Digests;
import th.go.saraban.gateway.register.RegisterCounter;
import th.go.saraban.gateway.thai.BuddhistEra;
import th.go.saraban.gateway.thai.RegisterTag;

/**
 * The outbox: every message the agency sends waits here as a row, written in the same transaction
 * as whatever caused it, with its exact bytes and a Message-ID fixed when it was queued. The
 * send-outbox route claims due rows, and {@link #record} turns the SMTP answer into the row's next
 * state: sent (and numbered in the sending register), retried later with backoff, failed, or
 * uncertain when the server may have accepted it and only an operator can tell.
 */
public final class Outbox {

    private final DataSource dataSource;
    private final Clock clock;
    private final ZoneId zone;
    private final String centralAddress;
    private final LetterComposer composer;
    private final OutboxPolicy policy;

    public Outbox(DataSource dataSource, Clock clock, ZoneId zone, String centralAddress, OutboxPolicy policy) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
        this.centralAddress = centralAddress;
        this.composer = new LetterComposer(centralAddress, clock.withZone(zone));
        this.policy = policy;
    }

    public String centralAddress() {
        return centralAddress;
    }

    /** Queues a message inside the caller's transaction; its bytes are composed (and validated) now. */
    public long queue(Connection db, QueuedLetter queued) throws SQLException {
        byte[] raw = composerFor(queued.mailbox()).compose(queued.letter());
        return insert(db, queued, "queued", raw, null);
    }

    /** A mailbox is named by its central address: its letters are composed as sent from it. */
    private LetterComposer composerFor(String mailbox) {
        return mailbox.equalsIgnoreCase(centralAddress) ? composer
                : new LetterComposer(mailbox, clock.withZone(zone));
    }

    /**
     * Queues a reply to a registered entry: from the central address of the entry's mailbox, to the entry's sender unless
     * told otherwise, threaded to the citizen's message and tagged with the entry's register number.
     *
     * @return the {@code outgoing_message.id}
     * @throws ReplyRefusedException when it may not or cannot be sent; the refusal is recorded
     */
    public long queueReply(ReplyRequest request) throws SQLException {
        return queueReply(request, (db, outgoingId, status) -> { });
    }

    /**
     * The same, telling {@code trace} about the row (queued or refused) inside its transaction, so that
     * what the caller writes beside it (the audit trail of who asked) commits with it or not at all.
     */
    public long queueReply(ReplyRequest request, QueueTrace trace) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                Entry entry = entry(db, request.entryId());
                if (entry == null) {
                    throw new ReplyRefusedException("reply refused: no register entry " + request.entryId(), -1);
                }
                List<String> to = request.to().isEmpty() && entry.sender() != null ? List.of(entry.sender())
                        : request.to();
                java.util.Optional<String> cited = Threading.citable(entry.messageId());
                // the mailbox a letter was registered in is named by its central address, which answers it
                OutgoingLetter letter = new OutgoingLetter(request.from() == null ? entry.mailbox() : request.from(),
                        to, Threading.replySubject(entry.subject(), entry.tag()), LetterComposer.newMessageId(entry.mailbox()),
                        cited.orElse(null), cited.stream().toList(),
                        request.textBody(), request.htmlBody(), request.attachments(), false);
                QueuedLetter queued = new QueuedLetter(entry.mailbox(), "reply", request.entryId(), letter);
                long id;
                try {
                    id = queue(db, queued);
                } catch (InvalidOutgoingLetterException invalid) {
                    db.rollback();
                    long refused = insert(db, queued, "refused", null, "refused: " + invalid.getMessage());
                    trace.written(db, refused, "refused");
                    db.commit();
                    throw new ReplyRefusedException("reply refused: " + invalid.getMessage(), refused);
                }
                trace.written(db, id, "queued");
                db.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                if (!db.getAutoCommit()) {
                    db.rollback();
                }
                throw e;
            }
        }
    }

    /**
     * Takes the next due row for sending, or null when none is due. One row at a time, right before
     * it is sent, so that {@code claimed_at} says when its send began and a row is never taken by
     * two senders at once.
     */
    public OutgoingMessage claimNext() throws SQLException {
        Instant now = clock.instant();
        try (Connection db = dataSource.getConnection();
             PreparedStatement claim = db.prepareStatement("UPDATE outgoing_message SET status = 'sending',"
                     + " attempts = attempts + 1, claimed_at = ? WHERE id = (SELECT id FROM outgoing_message"
                     + " WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1"
                     + " FOR UPDATE SKIP LOCKED) RETURNING id, mailbox, kind, answers_entry_id, from_address,"
                     + " to_addresses, subject, message_id, attempts, max_attempts, raw_mime, raw_sha256")) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setTimestamp(2, Timestamp.from(now));
            try (ResultSet row = claim.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                // getObject, not getLong + wasNull: the arguments below are read in order, so wasNull would
                // ask about 'kind', and a row answering no entry (an alert) would cite entry 0
                Long entry = row.getObject("answers_entry_id", Long.class);
                return new OutgoingMessage(row.getLong("id"), row.getString("mailbox"), row.getString("kind"),
                        entry, row.getString("from_address"),
                        Arrays.asList(row.getString("to_addresses").split(",")), row.getString("subject"),
                        row.getString("message_id"), row.getInt("attempts"), row.getInt("max_attempts"),
                        row.getBytes("raw_mime"), row.getString("raw_sha256"));
            }
        }
    }

    /** Writes down what the SMTP server answered. */
    public SendAttempt record(SendAttempt attempt) throws SQLException {
        OutgoingMessage message = attempt.message();
        switch (attempt.outcome()) {
            case ACCEPTED -> recordSent(message);
            case REJECTED -> finish(message.id(), "failed", null, attempt.error());
            case UNCERTAIN -> finish(message.id(), "uncertain", null, "no answer after the whole message was sent;"
                    + " the server may have accepted it. Check before resending: " + attempt.error());
            case RETRY -> {
                if (message.attempts() >= message.maxAttempts()) {
                    finish(message.id(), "failed", null, "gave up after " + message.attempts() + " attempts: "
                            + attempt.error());
                } else {
                    finish(message.id(), "queued", clock.instant().plus(policy.backoff(message.attempts())),
                            attempt.error());
                }
            }
        }
        return attempt;
    }

    /**
     * Rows left in {@code sending} by a process that died mid-send: whether the server has them is
     * unknown, so they become {@code uncertain} instead of being sent a second time.
     */
    public int markAbandonedSends() throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("UPDATE outgoing_message SET status = 'uncertain',"
                     + " last_error = 'the gateway stopped while sending; the server may have accepted it."
                     + " Check before resending' WHERE status = 'sending' AND claimed_at < ?")) {
            update.setTimestamp(1, Timestamp.from(clock.instant().minus(policy.abandonedAfter())));
            return update.executeUpdate();
        }
    }

    /** An operator's decision to send an uncertain or failed row again, with the same Message-ID. */
    public void resend(long outgoingId) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            resend(db, outgoingId);
        }
    }

    /** The same inside the caller's transaction, so that the decision and its audit row commit together. */
    public void resend(Connection db, long outgoingId) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE outgoing_message SET status = 'queued',"
                     + " attempts = 0, next_attempt_at = ? WHERE id = ? AND status IN ('uncertain', 'failed')"
                     + " AND raw_mime IS NOT NULL")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setLong(2, outgoingId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("outgoing message " + outgoingId
                        + " is not uncertain or failed, or was never composed");
            }
        }
    }

    /**
     * An operator's finding that an {@code uncertain} row did reach the SMTP server (its log shows
     * the acceptance, or the citizen has the message). The row becomes {@code sent} and is numbered
     * in the sending register like an accepted send. Its {@code sent_at} is when its last send began,
     * the only time the server can have accepted it; {@code last_error} keeps who decided. Runs in
     * the caller's transaction, so that the decision and its audit row commit together.
     *
     * @return the time recorded as {@code sent_at}
     * @throws IllegalStateException when the row is not {@code uncertain}
     */
    public Instant recordDelivered(Connection db, long outgoingId, String decidedBy) throws SQLException {
        OutgoingMessage message;
        Instant sentAt;
        String error;
        try (PreparedStatement select = db.prepareStatement("SELECT id, mailbox, kind, answers_entry_id,"
                + " from_address, to_addresses, subject, message_id, attempts, max_attempts, raw_mime, raw_sha256,"
                + " claimed_at, queued_at, last_error FROM outgoing_message WHERE id = ? AND status = 'uncertain'"
                + " AND raw_mime IS NOT NULL FOR UPDATE")) {
            select.setLong(1, outgoingId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("outgoing message " + outgoingId + " is not uncertain");
                }
                long entry = row.getLong("answers_entry_id");
                Long answers = row.wasNull() ? null : entry;
                message = new OutgoingMessage(row.getLong("id"), row.getString("mailbox"), row.getString("kind"),
                        answers, row.getString("from_address"),
                        Arrays.asList(row.getString("to_addresses").split(",")), row.getString("subject"),
                        row.getString("message_id"), row.getInt("attempts"), row.getInt("max_attempts"),
                        row.getBytes("raw_mime"), row.getString("raw_sha256"));
                Timestamp claimed = row.getTimestamp("claimed_at");
                sentAt = (claimed != null ? claimed : row.getTimestamp("queued_at")).toInstant();
                error = row.getString("last_error");
            }
        }
        try (PreparedStatement sent = db.prepareStatement("UPDATE outgoing_message SET status = 'sent',"
                + " sent_at = ?, next_attempt_at = NULL, last_error = ? WHERE id = ? AND status = 'uncertain'")) {
            sent.setTimestamp(1, Timestamp.from(sentAt));
            sent.setString(2, "delivered according to " + decidedBy + " (recorded " + clock.instant() + ")"
                    + (error == null ? "" : "; before: " + error));
            sent.setLong(3, outgoingId);
            sent.executeUpdate();
        }
        numberInSendingRegister(db, message, sentAt);
        return sentAt;
    }

    private void recordSent(OutgoingMessage message) throws SQLException {
        Instant acceptedAt = clock.instant();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement sent = db.prepareStatement("UPDATE outgoing_message SET status = 'sent',"
                    + " sent_at = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?"
                    // 'uncertain': judged abandoned while this send was still going on; the server's
                    // acceptance settles it
                    + " AND status IN ('sending', 'uncertain')")) {
                sent.setTimestamp(1, Timestamp.from(acceptedAt));
                sent.setLong(2, message.id());
                if (sent.executeUpdate() != 1) {
                    throw new IllegalStateException("outgoing message " + message.id() + " was not being sent");
                }
                numberInSendingRegister(db, message, acceptedAt);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    /** The next เลขทะเบียนส่ง of the year of {@code sentAt}, under the counter row's lock. */
    private void numberInSendingRegister(Connection db, OutgoingMessage message, Instant sentAt) throws SQLException {
        int year = BuddhistEra.yearOf(sentAt, zone);
        int number = RegisterCounter.lockAndRead(db, message.mailbox(), RegisterCounter.OUTGOING, year) + 1;
        RegisterCounter.store(db, message.mailbox(), RegisterCounter.OUTGOING, year, number);
        try (PreparedStatement register = db.prepareStatement("INSERT INTO sending_register (mailbox,"
                + " register_year, register_no, sent_at, from_address, recipients, subject, message_id,"
                + " raw_mime, raw_sha256, outgoing_id, answers_entry_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            register.setString(++i, message.mailbox());
            register.setInt(++i, year);
            register.setInt(++i, number);
            register.setTimestamp(++i, Timestamp.from(sentAt));
            register.setString(++i, message.from());
            register.setString(++i, String.join(",", message.to()));
            register.setString(++i, message.subject());
            register.setString(++i, message.messageId());
            register.setBytes(++i, message.raw());
            register.setString(++i, message.rawSha256());
            register.setLong(++i, message.id());
            register.setObject(++i, message.answersEntryId(), Types.BIGINT);
            register.executeUpdate();
        }
    }

    private void finish(long id, String status, Instant nextAttempt, String error) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("UPDATE outgoing_message SET status = ?,"
                     + " next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending'")) {
            update.setString(1, status);
            update.setTimestamp(2, nextAttempt == null ? null : Timestamp.from(nextAttempt));
            update.setString(3, error);
            update.setLong(4, id);
            update.executeUpdate();
        }
    }

    private long insert(Connection db, QueuedLetter queued, String status, byte[] raw, String error)
            throws SQLException {
        OutgoingLetter letter = queued.letter();
        long id;
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO outgoing_message (mailbox, kind,"
                + " answers_entry_id, from_address, to_addresses, subject, body_text, body_html, message_id,"
                + " in_reply_to, references_header, status, max_attempts, next_attempt_at, last_error, queued_at,"
                + " raw_mime, raw_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            Instant now = clock.instant();
            int i = 0;
            insert.setString(++i, queued.mailbox());
            insert.setString(++i, queued.kind());
            insert.setObject(++i, queued.answersEntryId(), Types.BIGINT);
            insert.setString(++i, String.valueOf(letter.from()));
            insert.setString(++i, String.join(",", envelopeAddresses(letter.to())));
            insert.setString(++i, String.valueOf(letter.subject()));
            insert.setString(++i, letter.textBody());
            insert.setString(++i, letter.htmlBody());
            insert.setString(++i, letter.messageId());
            insert.setString(++i, letter.inReplyTo());
            insert.setString(++i, letter.references().isEmpty() ? null : String.join(" ", letter.references()));
            insert.setString(++i, status);
            insert.setInt(++i, policy.maxAttempts());
            insert.setTimestamp(++i, status.equals("queued") ? Timestamp.from(now) : null);
            insert.setString(++i, error);
            insert.setTimestamp(++i, Timestamp.from(now));
            insert.setBytes(++i, raw);
            insert.setString(++i, raw == null ? null : Digests.sha256Hex(raw));
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                id = key.getLong(1);
            }
        }
        if (raw != null && !letter.attachments().isEmpty()) {
            try (PreparedStatement attachment = db.prepareStatement("INSERT INTO outgoing_attachment (outgoing_id,"
                    + " position, filename, content_type, content) VALUES (?, ?, ?, ?, ?)")) {
                int position = 0;
                for (OutgoingAttachment file : letter.attachments()) {
                    attachment.setLong(1, id);
                    attachment.setInt(2, ++position);
                    attachment.setString(3, file.filename());
                    attachment.setString(4, file.contentType());
                    attachment.setBytes(5, file.content());
                    attachment.addBatch();
                }
                attachment.executeBatch();
            }
        }
        return id;
    }

    /**
     * The bare addresses the server is given as recipients: a display name such as "Doe, John" must not
     * split one recipient into two. Values that do not parse (a refused request) are kept as written.
     */
    private static List<String> envelopeAddresses(List<String> to) {
        return to.stream().map(value -> {
            try {
                return new InternetAddress(value, true).getAddress();
            } catch (AddressException | RuntimeException e) {
                return String.valueOf(value);
            }
        }).toList();
    }

    private static Entry entry(Connection db, long entryId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT mailbox, register_year, register_no,"
                + " sender_address, subject, message_id FROM incoming_register WHERE id = ?")) {
            select.setLong(1, entryId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new Entry(row.getString("mailbox"), new RegisterTag(row.getInt("register_year"),
                        row.getInt("register_no")), row.getString("sender_address"), row.getString("subject"),
                        row.getString("message_id"));
            }
        }
    }

    private record Entry(String mailbox, RegisterTag tag, String sender, String subject, String messageId) {
    }

    /** Writes what belongs with a reply's outbox row, in the row's own transaction. */
    @FunctionalInterface
    public interface QueueTrace {
        void written(Connection db, long outgoingId, String status) throws SQLException;
    }

    /** How hard the outbox tries. */
    public record OutboxPolicy(int maxAttempts, Duration firstRetry, Duration longestRetry, Duration abandonedAfter) {

        /** Doubling delays from {@code firstRetry}, never longer than {@code longestRetry}. */
        Duration backoff(int attemptsSoFar) {
            Duration delay = firstRetry.multipliedBy(1L << Math.min(attemptsSoFar - 1, 20));
            return delay.compareTo(longestRetry) > 0 ? longestRetry : delay;
        }
    }
}
