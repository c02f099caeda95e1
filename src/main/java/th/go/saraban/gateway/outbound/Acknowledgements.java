package th.go.saraban.gateway.outbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import th.go.saraban.gateway.register.EntryStatus;
import th.go.saraban.gateway.register.ReceivedLetter;
import th.go.saraban.gateway.thai.OfficialDates;
import th.go.saraban.gateway.thai.ReceiptStamp;
import th.go.saraban.gateway.thai.RegisterTag;
import th.go.saraban.gateway.thai.ThaiDigits;

/**
 * The automatic acknowledgement of receipt: decided for every newly registered letter inside the
 * transaction that registers it, so a letter is never registered without its decision nor
 * acknowledged twice. Automatic mail is never answered (RFC 3834), nor our own address, and a daily
 * cap per recipient stops loops with robots that do not say they are robots. Every decision not to
 * acknowledge is recorded with its reason.
 */
public final class Acknowledgements {

    private final boolean enabled;
    private final AcknowledgementTemplate template;
    private final int dailyCapPerRecipient;
    private final Duration maxAge;
    private final Outbox outbox;
    private final ZoneId zone;
    private final Clock clock;

    /** @param maxAge older letters (a backlog found on a first connection) are not acknowledged now */
    public Acknowledgements(boolean enabled, AcknowledgementTemplate template, int dailyCapPerRecipient,
                            Duration maxAge, Outbox outbox, ZoneId zone, Clock clock) {
        this.enabled = enabled;
        this.template = template;
        this.dailyCapPerRecipient = dailyCapPerRecipient;
        this.maxAge = maxAge;
        this.outbox = outbox;
        this.zone = zone;
        this.clock = clock;
    }

    /** Decides for one entry just written, in the registering transaction. */
    public void decide(Connection db, long entryId, String mailbox, int registerNo, ReceivedLetter received)
            throws SQLException {
        // an unreadable letter has no sender anyone read, let alone one to trust
        Optional<String> reason = received.status() == EntryStatus.UNREADABLE
                ? Optional.of("the letter could not be read (status unreadable): it has no trustworthy sender")
                : reasonNotToAcknowledge(db, mailbox, received);
        if (reason.isPresent()) {
            record(db, entryId, "not_sent", reason.get(), null);
            return;
        }
        RegisterTag tag = new RegisterTag(received.registerYear(), registerNo);
        String sender = received.letter().senderAddress();
        Optional<String> cited = Threading.citable(received.letter().messageId());
        OutgoingLetter letter = new OutgoingLetter(outbox.centralAddress(), List.of(sender),
                Threading.replySubject(received.letter().subject(), tag), LetterComposer.newMessageId(outbox.centralAddress()),
                cited.orElse(null), cited.stream().toList(),
                template.render(values(received, registerNo, tag)), null, List.of(), true);
        long outgoingId;
        try {
            // composing validates before anything is written, so a refusal leaves the transaction clean
            outgoingId = outbox.queue(db, new QueuedLetter(mailbox, "acknowledgement", entryId, letter));
        } catch (InvalidOutgoingLetterException invalid) {
            // a letter we cannot answer safely is still registered; the reason says why
            record(db, entryId, "not_sent", "cannot compose: " + invalid.getMessage(), null);
            return;
        }
        record(db, entryId, "queued", "acknowledgement queued", outgoingId);
    }

    private Optional<String> reasonNotToAcknowledge(Connection db, String mailbox, ReceivedLetter received)
            throws SQLException {
        if (!enabled) {
            return Optional.of("acknowledgements are off (saraban.ack.enabled=false)");
        }
        var letter = received.letter();
        if (letter.autoSubmitted()) {
            return Optional.of("automatic mail (Auto-Submitted, Precedence bulk/junk/list, List-*,"
                    + " empty return path or mailer-daemon/postmaster): never answered automatically");
        }
        String sender = letter.senderAddress();
        if (sender == null || sender.isBlank()) {
            return Optional.of("no usable sender address");
        }
        String local = sender.substring(0, Math.max(sender.indexOf('@'), 0)).toLowerCase(Locale.ROOT);
        if (local.equals("mailer-daemon") || local.equals("postmaster")) {
            return Optional.of("sender is " + local + ": never answered automatically");
        }
        if (sender.equalsIgnoreCase(outbox.centralAddress())) {
            return Optional.of("sent from the central address itself");
        }
        Duration age = Duration.between(received.receivedAt(), clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Optional.of("received " + age.toHours() + " hours before it was registered: too old to"
                    + " acknowledge automatically (saraban.ack.max-age-hours=" + maxAge.toHours() + ")");
        }
        int sentToday = acknowledgementsToday(db, mailbox, sender);
        if (sentToday >= dailyCapPerRecipient) {
            return Optional.of("daily cap reached: " + sentToday + " acknowledgements to " + sender
                    + " today (saraban.ack.daily-cap-per-recipient=" + dailyCapPerRecipient + ")");
        }
        return Optional.empty();
    }

    private int acknowledgementsToday(Connection db, String mailbox, String recipient) throws SQLException {
        ZonedDateTime startOfDay = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone);
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM outgoing_message WHERE mailbox = ?"
                + " AND kind = 'acknowledgement' AND lower(to_addresses) = lower(?) AND queued_at >= ?")) {
            count.setString(1, mailbox);
            count.setString(2, recipient);
            count.setTimestamp(3, Timestamp.from(startOfDay.toInstant()));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private Map<String, String> values(ReceivedLetter received, int registerNo, RegisterTag tag) {
        ZonedDateTime receivedAt = received.receivedAt().atZone(zone);
        ZonedDateTime deemed = received.deemedReceivedAt().atZone(zone);
        Map<String, String> values = new HashMap<>();
        values.put("stamp", ReceiptStamp.text(registerNo, receivedAt));
        values.put("register_no", ThaiDigits.of(registerNo));
        values.put("register_year", ThaiDigits.of(received.registerYear()));
        values.put("tag", tag.text());
        values.put("received_at", OfficialDates.date(receivedAt) + " เวลา " + OfficialDates.time(receivedAt));
        values.put("deemed_received_at", OfficialDates.date(deemed) + " เวลา " + OfficialDates.time(deemed));
        values.put("received_at_en", OfficialDates.englishDateTime(receivedAt));
        values.put("deemed_received_at_en", OfficialDates.englishDateTime(deemed));
        values.put("subject", received.letter().subject() == null ? "" : received.letter().subject());
        values.put("central_address", outbox.centralAddress());
        return values;
    }

    private void record(Connection db, long entryId, String decision, String reason, Long outgoingId)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO acknowledgement_decision (entry_id,"
                + " decision, reason, outgoing_id, decided_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, entryId);
            insert.setString(2, decision);
            insert.setString(3, reason);
            insert.setObject(4, outgoingId, Types.BIGINT);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        }
    }
}
