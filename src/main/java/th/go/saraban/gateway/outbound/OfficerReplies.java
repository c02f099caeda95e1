package th.go.saraban.gateway.outbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import th.go.saraban.gateway.register.Actor;
import th.go.saraban.gateway.register.AuditTrail;
import th.go.saraban.gateway.register.UnknownEntryException;

/**
 * A reply an officer writes to a registered letter (through the API or the web console): checked
 * field by field, then queued through the {@link Outbox} like every other message, with who asked
 * for it written to the audit trail in the outbox row's own transaction.
 */
public final class OfficerReplies {

    public static final int MAX_OFFICER_CHARS = 200;
    public static final int MAX_BODY_CHARS = 1_000_000;
    public static final int MAX_ATTACHMENTS = 50;
    public static final int MAX_IDEMPOTENCY_KEY_CHARS = 200;

    private final Outbox outbox;
    private final DataSource dataSource;
    private final Clock clock;
    private final long maxAttachmentBytes;
    private final LetterComposer trial;

    /** @param maxAttachmentBytes the most attachment bytes one reply may carry, all files together */
    public OfficerReplies(Outbox outbox, DataSource dataSource, Clock clock, long maxAttachmentBytes) {
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.trial = new LetterComposer(outbox.centralAddress(), clock);
    }

    public long maxAttachmentBytes() {
        return maxAttachmentBytes;
    }

    /**
     * Queues the reply and returns its {@code outgoing_message.id}.
     *
     * @throws InvalidReplyException   a field of the request is wrong (nothing recorded)
     * @throws UnknownEntryException   no such entry
     * @throws ReplyRefusedException   the outbound rules refused it (recorded as a refused row, audited)
     */
    public long queue(ReplyRequest request, Actor actor) throws SQLException {
        return queue(request, actor, null);
    }

    /**
     * The same, remembered under {@code idempotencyKey} for the actor's API key: asked again with the
     * same key (a client retrying after a lost answer), it queues nothing and returns the message the
     * first request queued. A refused request is not remembered.
     *
     * @throws InvalidReplyException also when the key was used for a reply to another entry
     */
    public long queue(ReplyRequest request, Actor actor, String idempotencyKey) throws SQLException {
        Actor who = officer(actor);
        String requestKey = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (requestKey != null) {
            if (requestKey.length() > MAX_IDEMPOTENCY_KEY_CHARS || requestKey.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidReplyException("Idempotency-Key", "at most " + MAX_IDEMPOTENCY_KEY_CHARS
                        + " characters on one line");
            }
            Long earlier = earlierReply(who, requestKey, request.entryId());
            if (earlier != null) {
                return earlier;
            }
        }
        try {
            return queueOnce(request, who, requestKey);
        } catch (SQLException e) {
            // the same key sent twice at once: the other request queued the reply and this one rolled back
            Long earlier = requestKey == null || !"23505".equals(e.getSQLState()) ? null
                    : earlierReply(who, requestKey, request.entryId());
            if (earlier == null) {
                throw e;
            }
            return earlier;
        }
    }

    private long queueOnce(ReplyRequest request, Actor who, String requestKey) throws SQLException {
        check(request);
        if (!entryExists(request.entryId())) {
            throw new UnknownEntryException(request.entryId());
        }
        return outbox.queueReply(request, (db, outgoingId, status) -> {
            AuditTrail.write(db, clock.instant(), who, request.entryId(), null, List.of(
                    new AuditTrail.Change("outgoing_message", outgoingId, "status", null, status),
                    new AuditTrail.Change("outgoing_message", outgoingId, "to_addresses", null,
                            String.join(",", recipients(db, outgoingId)))));
            if (requestKey != null && status.equals("queued")) {
                remember(db, who, requestKey, request.entryId(), outgoingId);
            }
        });
    }

    private static Actor officer(Actor actor) {
        String officer = actor == null || actor.officer() == null ? "" : actor.officer().strip();
        if (officer.isEmpty()) {
            throw new InvalidReplyException("officer", "is required: the name of the officer who sends the reply");
        }
        if (officer.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidReplyException("officer", "must be one line without control characters");
        }
        if (officer.codePointCount(0, officer.length()) > MAX_OFFICER_CHARS) {
            throw new InvalidReplyException("officer", "is longer than " + MAX_OFFICER_CHARS + " characters");
        }
        return new Actor(officer, actor.apiKeyName());
    }

    /** The message queued earlier under this key by this API key (or officer, without one), or null. */
    private Long earlierReply(Actor actor, String requestKey, long entryId) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT entry_id, outgoing_id FROM reply_request"
                     + " WHERE api_key_name = ? AND idempotency_key = ?")) {
            select.setString(1, requester(actor));
            select.setString(2, requestKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                if (row.getLong("entry_id") != entryId) {
                    throw new InvalidReplyException("Idempotency-Key", "was used for a reply to entry "
                            + row.getLong("entry_id") + "; a new reply needs a new key");
                }
                return row.getLong("outgoing_id");
            }
        }
    }

    private void remember(Connection db, Actor actor, String requestKey, long entryId, long outgoingId)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO reply_request (api_key_name,"
                + " idempotency_key, entry_id, outgoing_id, requested_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, requester(actor));
            insert.setString(2, requestKey);
            insert.setLong(3, entryId);
            insert.setLong(4, outgoingId);
            insert.setTimestamp(5, java.sql.Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
    }

    /** Keys are per API key; a caller without one (the web console) is known by the officer's name. */
    private static String requester(Actor actor) {
        return actor.apiKeyName() != null ? actor.apiKeyName() : "officer:" + actor.officer();
    }

    private void check(ReplyRequest request) {
        if (request.from() != null) {
            throw new InvalidReplyException("from", "a reply always leaves from the central address "
                    + outbox.centralAddress());
        }
        if (isBlank(request.textBody()) && isBlank(request.htmlBody())) {
            throw new InvalidReplyException("text", "a text or an HTML body is required");
        }
        if (request.textBody() != null && request.textBody().length() > MAX_BODY_CHARS) {
            throw new InvalidReplyException("text", "is longer than " + MAX_BODY_CHARS + " characters");
        }
        if (request.htmlBody() != null && request.htmlBody().length() > MAX_BODY_CHARS) {
            throw new InvalidReplyException("html", "is longer than " + MAX_BODY_CHARS + " characters");
        }
        if (request.attachments().size() > MAX_ATTACHMENTS) {
            throw new InvalidReplyException("attachments", request.attachments().size() + " files; at most "
                    + MAX_ATTACHMENTS);
        }
        long bytes = 0;
        for (int n = 0; n < request.attachments().size(); n++) {
            OutgoingAttachment file = request.attachments().get(n);
            bytes += file == null || file.content() == null ? 0 : file.content().length;
            if (bytes > maxAttachmentBytes) {
                throw new InvalidReplyException("attachments[" + n + "]", "the attachments come to more than "
                        + maxAttachmentBytes + " bytes, the most one reply may carry");
            }
        }
        // the composer's own rules, on trial letters, so that a wrong field is named in the answer instead
        // of becoming a refused row; an empty 'to' (the entry's sender) is checked when queued
        for (int n = 0; n < request.to().size(); n++) {
            trialCompose(List.of(request.to().get(n)), "x", null, List.of(), "to[" + n + "]");
        }
        trialCompose(List.of(outbox.centralAddress()), request.textBody(), request.htmlBody(),
                request.attachments(), null);
    }

    private void trialCompose(List<String> to, String text, String html, List<OutgoingAttachment> attachments,
                              String recipientField) {
        try {
            trial.compose(new OutgoingLetter(outbox.centralAddress(), to, "reply",
                    LetterComposer.newMessageId(outbox.centralAddress()), null, List.of(), text, html, attachments,
                    false));
        } catch (InvalidOutgoingLetterException invalid) {
            String field = recipientField != null && invalid.field().equals("to") ? recipientField
                    : apiField(invalid.field());
            throw new InvalidReplyException(field, invalid.getMessage().substring(invalid.field().length() + 2));
        }
    }

    /** The composer's field names as the API's JSON spells them. */
    private static String apiField(String field) {
        if (field.equals("textBody")) {
            return "text";
        }
        if (field.equals("htmlBody")) {
            return "html";
        }
        if (field.endsWith(".contentType")) {
            return field.substring(0, field.length() - ".contentType".length()) + ".content_type";
        }
        if (field.endsWith(".content")) {
            return field + "_base64";
        }
        return field;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private boolean entryExists(long entryId) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT 1 FROM incoming_register WHERE id = ?")) {
            select.setLong(1, entryId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static List<String> recipients(Connection db, long outgoingId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT to_addresses FROM outgoing_message WHERE id = ?")) {
            select.setLong(1, outgoingId);
            try (ResultSet row = select.executeQuery()) {
                List<String> to = new ArrayList<>();
                if (row.next() && row.getString(1) != null) {
                    to.add(row.getString(1));
                }
                return to;
            }
        }
    }
}
