package th.go.saraban.gateway.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator, in the log, that the holiday data is about to stop being trustworthy: each
 * year's holidays must be copied from a cabinet resolution by hand, and nothing else would notice
 * that nobody did. Runs at start-up and every morning (routes/holiday-data.camel.yaml); silent when
 * the next 60 days are covered by confirmed data.
 *
 * <p>Every mailbox is checked on its own holiday files, from today in its own zone. Mailboxes that
 * read the same files usually get the same warning: it is logged once, naming them all, so a
 * gateway of many mailboxes on the shipped file says each thing once. A gateway with one mailbox
 * logs the warning as it always did, without a name.
 */
public final class HolidayDataCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HolidayDataCheck.class);

    /** One mailbox's holiday data ({@code saraban.mailbox.<name>.holidays}) and zone. */
    public record MailboxHolidays(String name, HolidayCalendar holidays, ZoneId zone) {
        public MailboxHolidays {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(holidays, "holidays");
            Objects.requireNonNull(zone, "zone");
        }
    }

    private final List<MailboxHolidays> mailboxes;
    private final Clock clock;

    public HolidayDataCheck(List<MailboxHolidays> mailboxes, Clock clock) {
        if (mailboxes.isEmpty()) {
            throw new IllegalArgumentException("no mailbox to check the holiday data of");
        }
        this.mailboxes = List.copyOf(mailboxes);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Logs one WARN line per problem in the next 60 days, each once for all the mailboxes it concerns,
     * and returns the lines as logged (empty when all is well).
     */
    public List<String> warnIfRunningOut() {
        // a warning names its files and counts days from the mailbox's today: equal text, equal problem
        Map<String, List<String>> mailboxesByWarning = new LinkedHashMap<>();
        for (MailboxHolidays mailbox : mailboxes) {
            HolidayCoverage coverage = mailbox.holidays().coverage(LocalDate.now(clock.withZone(mailbox.zone())));
            for (String warning : coverage.warnings()) {
                mailboxesByWarning.computeIfAbsent(warning, w -> new ArrayList<>()).add(mailbox.name());
            }
        }
        List<String> lines = new ArrayList<>();
        mailboxesByWarning.forEach((warning, names) ->
                lines.add(mailboxes.size() == 1 ? warning : String.join(", ", names) + ": " + warning));
        lines.forEach(LOG::warn);
        return lines;
    }
}
