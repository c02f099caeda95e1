package th.go.saraban.gateway.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator, in the log, that the holiday data is about to stop being trustworthy: each
 * year's holidays must be copied from a cabinet resolution by hand, and nothing else would notice
 * that nobody did. Runs at start-up and every morning (routes/holiday-data.camel.yaml); silent when
 * the next 60 days are covered by confirmed data.
 */
public final class HolidayDataCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HolidayDataCheck.class);

    private final HolidayCalendar holidays;
    private final Clock clock;
    private final ZoneId zone;

    public HolidayDataCheck(HolidayCalendar holidays, Clock clock, ZoneId zone) {
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Logs one WARN line per problem in the next 60 days (agency zone) and returns them. */
    public HolidayCoverage warnIfRunningOut() {
        HolidayCoverage coverage = holidays.coverage(LocalDate.now(clock.withZone(zone)));
        for (String warning : coverage.warnings()) {
            LOG.warn(warning);
        }
        return coverage;
    }
}
