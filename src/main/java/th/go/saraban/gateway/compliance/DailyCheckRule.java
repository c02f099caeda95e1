package th.go.saraban.gateway.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import th.go.saraban.gateway.calendar.BusinessHours;
import th.go.saraban.gateway.calendar.CheckSchedule;
import th.go.saraban.gateway.calendar.HolidayCalendar;
import th.go.saraban.gateway.calendar.ReceiptCalendar;

/**
 * The twice-daily rule (starter-level electronic method, cabinet 9 May 2566; Correspondence
 * Regulation No. 4) judged on the checks that actually ran, as {@link CheckSchedule} judges the cron
 * at start-up: on a business day at least two successful checks inside business hours, one in the
 * morning and one in the afternoon (split at {@code saraban.check.afternoon-from}); a day whose hours
 * lie in one half only needs its two checks in that half. Two checks a minute apart in the morning
 * therefore do not keep it.
 */
public final class DailyCheckRule {

    private final ReceiptCalendar calendar;
    private final LocalTime afternoonFrom;

    public DailyCheckRule(ReceiptCalendar calendar, LocalTime afternoonFrom) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.afternoonFrom = Objects.requireNonNull(afternoonFrom, "afternoonFrom");
    }

    /** How many successful checks fell in each half of a day's business hours, and whether that keeps the rule. */
    public record Verdict(int morningChecks, int afternoonChecks, boolean met) {
        public int inHours() {
            return morningChecks + afternoonChecks;
        }
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    public LocalTime afternoonFrom() {
        return afternoonFrom;
    }

    public BusinessHours hours() {
        return calendar.hours();
    }

    public HolidayCalendar holidays() {
        return calendar.holidays();
    }

    /** A holiday from the data files first (even on a weekend, so its name shows), then a day without hours. */
    public DayKind kind(LocalDate date) {
        if (calendar.holidays().isHoliday(date)) {
            return DayKind.HOLIDAY;
        }
        return calendar.isBusinessDay(date) ? DayKind.BUSINESS_DAY : DayKind.WEEKEND;
    }

    public Optional<String> holidayName(LocalDate date) {
        return calendar.holidays().holiday(date).map(HolidayCalendar.Holiday::nameTh);
    }

    public List<BusinessHours.Window> morning(LocalDate date) {
        return CheckSchedule.morning(calendar.hours().windowsOn(date.getDayOfWeek()), afternoonFrom);
    }

    public List<BusinessHours.Window> afternoon(LocalDate date) {
        return CheckSchedule.afternoon(calendar.hours().windowsOn(date.getDayOfWeek()), afternoonFrom);
    }

    /** When the last business window of a business day closes; empty on other days. */
    public Optional<Instant> closes(LocalDate date) {
        if (!calendar.isBusinessDay(date)) {
            return Optional.empty();
        }
        List<BusinessHours.Window> windows = calendar.hours().windowsOn(date.getDayOfWeek());
        return Optional.of(date.atTime(windows.get(windows.size() - 1).close()).atZone(zone()).toInstant());
    }

    /** Which half of the business hours {@code check} started in, if any (lunch breaks and evenings are neither). */
    public Optional<Half> halfOf(Instant check) {
        ZonedDateTime local = check.atZone(zone());
        LocalDate date = local.toLocalDate();
        if (!calendar.isBusinessDay(date)) {
            return Optional.empty();
        }
        LocalTime time = local.toLocalTime();
        if (morning(date).stream().anyMatch(window -> window.contains(time))) {
            return Optional.of(Half.MORNING);
        }
        if (afternoon(date).stream().anyMatch(window -> window.contains(time))) {
            return Optional.of(Half.AFTERNOON);
        }
        return Optional.empty();
    }

    /** The rule applied to the successful checks of one day (checks of other days are ignored). */
    public Verdict verdict(LocalDate date, Collection<Instant> successfulChecks) {
        int inMorning = 0;
        int inAfternoon = 0;
        for (Instant check : successfulChecks) {
            if (!check.atZone(zone()).toLocalDate().equals(date)) {
                continue;
            }
            Optional<Half> half = halfOf(check);
            if (half.isPresent()) {
                if (half.get() == Half.MORNING) {
                    inMorning++;
                } else {
                    inAfternoon++;
                }
            }
        }
        return new Verdict(inMorning, inAfternoon, met(date, inMorning, inAfternoon));
    }

    private boolean met(LocalDate date, int inMorning, int inAfternoon) {
        if (!calendar.isBusinessDay(date)) {
            return false;
        }
        boolean morningKept = morning(date).isEmpty() || inMorning > 0;
        boolean afternoonKept = afternoon(date).isEmpty() || inAfternoon > 0;
        return morningKept && afternoonKept && inMorning + inAfternoon >= CheckSchedule.REQUIRED_CHECKS;
    }

    /** The two halves of a business day. */
    public enum Half {
        MORNING, AFTERNOON;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
