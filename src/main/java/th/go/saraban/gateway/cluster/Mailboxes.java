package th.go.saraban.gateway.cluster;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import th.go.saraban.gateway.outbound.OutgoingMessage;
import th.go.saraban.gateway.outbound.SendAttempt;
import th.go.saraban.gateway.outbound.SendOutcome;
import th.go.saraban.gateway.outbound.SentFolder;
import th.go.saraban.gateway.outbound.SmtpEndpoint;

/**
 * The configured mailboxes, by name, for the one outbox route all of them share: a queued message
 * names its mailbox (the central address it leaves from), and leaves through that mailbox's SMTP
 * settings with its copy in that mailbox's sent folder. Each mailbox's check beans are bound in the
 * registry under its name (see {@code routes/check-mailbox.camel.yaml}), not held here.
 */
public final class Mailboxes {

    /** What the outbox needs of one mailbox. */
    public record Mailbox(String name, String centralAddress, String cron, String zone, SmtpEndpoint smtp,
                          SentFolder sentFolder) {
    }

    private final Map<String, Mailbox> byName = new LinkedHashMap<>();
    private final Map<String, Mailbox> byAddress = new LinkedHashMap<>();

    public void add(Mailbox mailbox) {
        byName.put(mailbox.name(), mailbox);
        byAddress.put(mailbox.centralAddress().toLowerCase(Locale.ROOT), mailbox);
    }

    /** The first configured mailbox: the one {@code direct:check-mailbox} and today's keys stand for. */
    public String first() {
        return byName.keySet().iterator().next();
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    public List<Mailbox> all() {
        return List.copyOf(byName.values());
    }

    /** The mailbox whose central address this is, or null. */
    public Mailbox withAddress(String centralAddress) {
        return byAddress.get(centralAddress.toLowerCase(Locale.ROOT));
    }

    /**
     * Sends through the SMTP settings of the message's mailbox. A message queued by a mailbox that is
     * no longer configured is not sent from anywhere else: it fails, with the reason on its row.
     */
    public SendAttempt send(OutgoingMessage message) {
        Mailbox mailbox = withAddress(message.mailbox());
        if (mailbox == null) {
            return new SendAttempt(message, SendOutcome.REJECTED, "mailbox " + message.mailbox()
                    + " is no longer configured (saraban.mailboxes): not sent from another mailbox's address");
        }
        return mailbox.smtp().send(message);
    }

    /** Keeps the copy in the sent folder of the message's own mailbox. */
    public SendAttempt keepCopy(SendAttempt attempt) throws SQLException {
        Mailbox mailbox = withAddress(attempt.message().mailbox());
        return mailbox == null ? attempt : mailbox.sentFolder().keepCopy(attempt);
    }
}
