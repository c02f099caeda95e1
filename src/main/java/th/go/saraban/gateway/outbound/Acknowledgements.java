package th.go.saraban.gateway.outbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import th.go.saraban.gateway.mail.AutomaticMail;
import th.go.saraban.gateway.mail.SenderAuthentication;
import th.go.saraban.gateway.register.EntryStatus;
import th.go.saraban.gateway.register.ReceivedLetter;
import th.go.saraban.gateway.register.RegistrationListener;
import th.go.saraban.gateway.thai.Agency;
import th.go.saraban.gateway.thai.OfficialDates;
import th.go.saraban.gateway.thai.ReceiptStamp;
import th.go.saraban.gateway.thai.RegisterTag;
import th.go.saraban.gateway.thai.ThaiDigits;

/**
 * The automatic acknowledgement of receipt: decided for every newly registered letter inside the
 * transaction that registers it, so a letter is never registered without its decision nor
 * acknowledged twice. Automatic mail is never answered (RFC 3834), nor our own address, and a daily
 * cap per recipient stops loops with robots that do not say they are robots. Anyone can write any
 * {@code From:}, so an acknowledgement must not become backscatter: a letter our receiving server
 * found failing DMARC is not answered (nor, when the operator requires it, one without a DMARC
 * pass), an unauthenticated sender's subject is never repeated to the address it claims, and an
 * hourly cap over all recipients bounds what a flood of forged letters can make us send. Every
 * decision is recorded with its reason.
 */
public final class Acknowledgements {

    private final boolean enabled;
    private final AcknowledgementTemplate template;
    private final int dailyCapPerRecipient;
    private final Duration maxAge;
    private final Outbox outbox;
    private final ZoneId zone;
    private final Clock clock;
    private final String authservId;
    private final boolean requireDmarcPass;
    private final int hourlyCap;
    private final Agency agency;

    /**
     * @param maxAge           older letters (a backlog found on a first connection) are not acknowledged now
     * @param authservId       our receiving server's authserv-id; blank = no Authentication-Results is believed
     * @param requireDmarcPass acknowledge only letters our receiving server found passing DMARC
     * @param hourlyCap        the most acknowledgements queued in any rolling hour, all recipients together
     * @param agency           who signs the acknowledgement and heads the receipt stamp
     */
    public Acknowledgements(boolean enabled, AcknowledgementTemplate template, int dailyCapPerRecipient,
                            Duration maxAge, Outbox outbox, ZoneId zone, Clock clock,
                            String authservId, boolean requireDmarcPass, int hourlyCap, Agency agency) {
        this.enabled = enabled;
        this.template = template;
        this.dailyCapPerRecipient = dailyCapPerRecipient;
        this.maxAge = maxAge;
        this.outbox = outbox;
        this.zone = zone;
        this.clock = clock;
        this.authservId = authservId;
        this.requireDmarcPass = requireDmarcPass;
        this.hourlyCap = hourlyCap;
        this.agency = agency;
    }

    /**
     * Decides for each entry of a batch just written, in register order, in the registering
     * transaction: a RegistrationListener. The caps are read once for the batch and counted on in
     * memory as acknowledgements are queued, which gives what asking the database before each letter
     * gave (the mailbox row lock keeps every other writer of this mailbox's acknowledgements out),
     * without a count per letter over a table that grows with the backlog.
     */
    public void decide(Connection db, String mailbox, List<RegistrationListener.Registered> entries)
            throws SQLException {
        // with acknowledgements off no cap is ever asked (reasonNotToAcknowledge says so first)
        Caps caps = !enabled ? null : Caps.read(db, mailbox, entries,
                LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant(),
                clock.instant().minus(Duration.ofHours(1)));
        List<Decision> decisions = new ArrayList<>(entries.size());
        for (RegistrationListener.Registered entry : entries) {
            decisions.add(decide(db, entry.entryId(), mailbox, entry.registerNo(), entry.letter(), caps));
        }
        record(db, decisions);
    }

    /** What was decided for one entry, written with the batch's other decisions. */
    private record Decision(long entryId, String decision, String reason, Long outgoingId) {
    }

    private Decision decide(Connection db, long entryId, String mailbox, int registerNo, ReceivedLetter received,
                            Caps caps) throws SQLException {
        SenderAuthentication authentication = authentication(received);
        // an unreadable letter has no sender anyone read, let alone one to trust
        Optional<String> reason = received.status() == EntryStatus.UNREADABLE
                ? Optional.of("the letter could not be read (status unreadable): it has no trustworthy sender")
                : reasonNotToAcknowledge(received, authentication, caps);
        if (reason.isPresent()) {
            return new Decision(entryId, "not_sent", reason.get(), null);
        }
        RegisterTag tag = new RegisterTag(received.registerYear(), registerNo);
        String sender = received.letter().senderAddress();
        Optional<String> cited = Threading.citable(received.letter().messageId());
        OutgoingLetter letter = new OutgoingLetter(outbox.centralAddress(), List.of(sender),
                Threading.replySubject(subjectWeMayRepeat(received), tag), LetterComposer.newMessageId(outbox.centralAddress()),
                cited.orElse(null), cited.stream().toList(),
                template.render(values(received, registerNo, tag)), null, List.of(), true);
        long outgoingId;
        try {
            // composing validates before anything is written, so a refusal leaves the transaction clean
            outgoingId = outbox.queue(db, new QueuedLetter(mailbox, "acknowledgement", entryId, letter));
        } catch (InvalidOutgoingLetterException invalid) {
            // a letter we cannot answer safely is still registered; the reason says why
            return new Decision(entryId, "not_sent", "cannot compose: " + invalid.getMessage(), null);
        }
        caps.queuedTo(sender);
        return new Decision(entryId, "queued", authentication.dmarcPassed() ? "acknowledgement queued"
                : "acknowledgement queued without the letter's subject, as the sender is not authenticated ("
                + authentication.describe() + ")", outgoingId);
    }

    /**
     * The body's ${subject} for a sender who is not authenticated: the templates read "อ้างถึง
     * หนังสือของท่าน เรื่อง ${subject}", so the neutral subject of the header ("หนังสือของท่าน") would
     * repeat itself there; say instead why the subject is not shown, in both template languages.
     */
    static final String SUBJECT_NOT_SHOWN = "(ไม่แสดงชื่อเรื่อง เนื่องจากยืนยันตัวผู้ส่งไม่ได้ / not shown: the sender could not be verified)";

    private SenderAuthentication authentication(ReceivedLetter received) {
        return SenderAuthentication.of(received.letter().authenticationResults(), authservId,
                received.letter().senderAddress());
    }

    /**
     * The letter's own subject only when our receiving server found its sender authentic (DMARC
     * pass); otherwise a neutral text, so a forger cannot make the agency's domain carry his words
     * to the address he forged.
     */
    private String subjectWeMayRepeat(ReceivedLetter received) {
        return authentication(received).dmarcPassed() ? received.letter().subject() : Threading.YOUR_LETTER;
    }

    private Optional<String> reasonNotToAcknowledge(ReceivedLetter received, SenderAuthentication authentication,
                                                    Caps caps) {
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
        String machine = AutomaticMail.machineMailbox(sender);
        if (machine != null) {
            return Optional.of("sender is " + machine + ": never answered automatically");
        }
        if (sender.equalsIgnoreCase(outbox.centralAddress())) {
            return Optional.of("sent from the central address itself");
        }
        Duration age = Duration.between(received.receivedAt(), clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Optional.of("received " + age.toHours() + " hours before it was registered: too old to"
                    + " acknowledge automatically (saraban.ack.max-age-hours=" + maxAge.toHours() + ")");
        }
        if (authentication.dmarcFailed()) {
            return Optional.of("DMARC failed at our receiving server " + authservId + ": the From address may be"
                    + " forged, so it is not answered automatically (" + authentication.describe() + ")");
        }
        if (requireDmarcPass && !authentication.dmarcPassed()) {
            return Optional.of("no DMARC pass from our receiving server " + authservId
                    + " (saraban.auth.require-dmarc-pass=true): " + authentication.describe());
        }
        int sentToday = caps.today(sender);
        if (sentToday >= dailyCapPerRecipient) {
            return Optional.of("daily cap reached: " + sentToday + " acknowledgements to " + sender
                    + " today (saraban.ack.daily-cap-per-recipient=" + dailyCapPerRecipient + ")");
        }
        int sentThisHour = caps.lastHour();
        if (sentThisHour >= hourlyCap) {
            return Optional.of("hourly cap reached: " + sentThisHour + " acknowledgements to all recipients in the"
                    + " last hour (saraban.ack.hourly-cap=" + hourlyCap + ")");
        }
        return Optional.empty();
    }

    /**
     * Acknowledgements already queued in this mailbox: to each sender of the batch since the start
     * of today (agency zone), and to everyone in the last hour. Read in one round trip per batch,
     * then counted on as the batch queues more.
     */
    private static final class Caps {
        /** by recipient, lower-cased as the daily cap compares them */
        private final Map<String, Integer> today = new HashMap<>();
        private int lastHour;

        static Caps read(Connection db, String mailbox, List<RegistrationListener.Registered> entries,
                         Instant startOfDay, Instant hourAgo) throws SQLException {
            Caps caps = new Caps();
            Object[] senders = entries.stream().map(e -> e.letter().letter().senderAddress())
                    .filter(sender -> sender != null && !sender.isBlank()).distinct().toArray();
            try (PreparedStatement count = db.prepareStatement("SELECT s.recipient, (SELECT count(*) FROM"
                    + " outgoing_message WHERE mailbox = ? AND kind = 'acknowledgement'"
                    + " AND lower(to_addresses) = lower(s.recipient) AND queued_at >= ?),"
                    + " (SELECT count(*) FROM outgoing_message WHERE mailbox = ? AND kind = 'acknowledgement'"
                    + " AND queued_at > ?)"
                    + " FROM (SELECT NULL::text UNION ALL SELECT unnest(?::text[])) AS s (recipient)")) {
                count.setString(1, mailbox);
                count.setTimestamp(2, Timestamp.from(startOfDay));
                count.setString(3, mailbox);
                count.setTimestamp(4, Timestamp.from(hourAgo));
                count.setArray(5, db.createArrayOf("text", senders));
                try (ResultSet rows = count.executeQuery()) {
                    while (rows.next()) {
                        String recipient = rows.getString(1);
                        if (recipient == null) {
                            caps.lastHour = rows.getInt(3);
                        } else {
                            caps.today.merge(key(recipient), rows.getInt(2), Math::max);
                        }
                    }
                }
            }
            return caps;
        }

        int today(String recipient) {
            return today.getOrDefault(key(recipient), 0);
        }

        int lastHour() {
            return lastHour;
        }

        /** One more acknowledgement queued to {@code recipient}, now. */
        void queuedTo(String recipient) {
            today.merge(key(recipient), 1, Integer::sum);
            lastHour++;
        }

        private static String key(String recipient) {
            return recipient.toLowerCase(Locale.ROOT);
        }
    }

    private Map<String, String> values(ReceivedLetter received, int registerNo, RegisterTag tag) {
        ZonedDateTime receivedAt = received.receivedAt().atZone(zone);
        ZonedDateTime deemed = received.deemedReceivedAt().atZone(zone);
        Map<String, String> values = new HashMap<>();
        // the stamp is dated at the legal receipt time, the time that chose its register year
        values.put("stamp", ReceiptStamp.of(agency, tag, received.deemedReceivedAt(), zone).text());
        values.put("register_no", ThaiDigits.of(registerNo));
        values.put("register_year", ThaiDigits.of(received.registerYear()));
        values.put("tag", tag.text());
        values.put("received_at", OfficialDates.date(receivedAt) + " เวลา " + OfficialDates.time(receivedAt));
        values.put("deemed_received_at", OfficialDates.date(deemed) + " เวลา " + OfficialDates.time(deemed));
        values.put("received_at_en", OfficialDates.englishDateTime(receivedAt));
        values.put("deemed_received_at_en", OfficialDates.englishDateTime(deemed));
        String subject = authentication(received).dmarcPassed() ? received.letter().subject() : SUBJECT_NOT_SHOWN;
        values.put("subject", subject == null ? "" : subject);
        values.put("central_address", outbox.centralAddress());
        values.put("agency_name", agency.name());
        values.put("agency_code", agency.code());
        values.put("agency_contact", agency.contact());
        // an unauthenticated sender's display name is his own words, like his subject: not repeated
        values.put("sender_name", SenderName.of(authentication(received).dmarcPassed() ? received.letter().senderName() : null,
                received.letter().senderAddress()));
        return values;
    }

    private void record(Connection db, List<Decision> decisions) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO acknowledgement_decision (entry_id,"
                + " decision, reason, outgoing_id, decided_at) VALUES (?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.from(clock.instant());
            for (Decision decision : decisions) {
                insert.setLong(1, decision.entryId());
                insert.setString(2, decision.decision());
                insert.setString(3, decision.reason());
                insert.setObject(4, decision.outgoingId(), Types.BIGINT);
                insert.setTimestamp(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
