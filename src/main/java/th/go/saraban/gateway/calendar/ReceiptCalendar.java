package th.go.saraban.gateway.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * When a message counts as received under the Electronic Government Administration Act B.E. 2565:
 * at the time it entered the agency's system if that is inside business hours, otherwise at the
 * opening of the next business window (normally 08:30 of the next business day).
 */
public final class ReceiptCalendar {

    // Bounds the search when holidays swallow every business day; three years outlast any real file.
    private static final int SEARCH_DAYS = 3 * 366;

    private final BusinessHours hours;
    private final HolidayCalendar holidays;
    private final ZoneId zone;

    public ReceiptCalendar(BusinessHours hours, HolidayCalendar holidays, ZoneId zone) {
        this.hours = Objects.requireNonNull(hours, "hours");
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (Arrays.stream(DayOfWeek.values()).allMatch(day -> hours.windowsOn(day).isEmpty())) {
            throw new IllegalArgumentException("business hours have no window on any day, so nothing could ever be received");
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** A weekday with business windows that is not a government holiday. */
    public boolean isBusinessDay(LocalDate date) {
        return !hours.windowsOn(date.getDayOfWeek()).isEmpty() && !holidays.isHoliday(date);
    }

    /** {@code open <= t < close} in this calendar's zone, on a business day. */
    public boolean isBusinessInstant(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        if (!isBusinessDay(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return hours.windowsOn(local.getDayOfWeek()).stream().anyMatch(window -> window.contains(time));
    }

    /** The opening instant of the first business window that opens at or after {@code t}. */
    public Instant nextOpening(Instant t) {
        LocalDate start = t.atZone(zone).toLocalDate();
        for (int d = 0; d < SEARCH_DAYS; d++) {
            LocalDate date = start.plusDays(d);
            if (!isBusinessDay(date)) {
                continue;
            }
            for (BusinessHours.Window window : hours.windowsOn(date.getDayOfWeek())) {
                Instant opening = date.atTime(window.open()).atZone(zone).toInstant();
                if (!opening.isBefore(t)) {
                    return opening;
                }
            }
        }
        throw new IllegalStateException("no business window opens within " + SEARCH_DAYS + " days after " + t
                + "; check the business hours (" + hours + ") and the holiday files");
    }

    public Instant deemedReceivedAt(Instant receivedAt) {
        return isBusinessInstant(receivedAt) ? receivedAt : nextOpening(receivedAt);
    }

    /** {@link #deemedReceivedAt}, flagged when any date from arrival to the deemed date is not covered. */
    public DeemedReceipt deemedReceipt(Instant receivedAt) {
        Instant deemed = deemedReceivedAt(receivedAt);
        LocalDate deemedDate = deemed.atZone(zone).toLocalDate();
        for (LocalDate date = receivedAt.atZone(zone).toLocalDate(); !date.isAfter(deemedDate); date = date.plusDays(1)) {
            if (!holidays.covers(date)) {
                return new DeemedReceipt(deemed, true);
            }
        }
        return new DeemedReceipt(deemed, false);
    }

    public HolidayCalendar holidays() {
        return holidays;
    }

    public BusinessHours hours() {
        return hours;
    }
}
