package th.go.saraban.gateway.calendar;

import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;

import org.quartz.CronExpression;

/**
 * The rule (starter-level electronic method, cabinet 9 May 2566; Correspondence Regulation No. 4)
 * asks that the central mailbox be checked at least twice a day during business hours. Two checks a
 * minute apart keep the letter of that and not its point, so this asks for a check in the morning
 * and one in the afternoon of every business day, holidays excluded, split at a configured time.
 * Business hours before the split are the morning, hours after it the afternoon; a window across the
 * split is cut in two. A day with hours in one half only (a Friday closing at 12:00) needs its two
 * checks in that half.
 */
public final class CheckSchedule {

    /** Successful checks inside business hours that every business day needs. */
    public static final int REQUIRED_CHECKS = 2;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);

    private CheckSchedule() {
    }

    /**
     * Empty when {@code cron} fires inside business hours both before and after {@code afternoonFrom}
     * (where the day has hours), and at least twice in all, on every business day in
     * {@code [from, from + days)}; otherwise one sentence naming the first day that falls short and why.
     */
    public static Optional<String> violation(String cron, ReceiptCalendar calendar, LocalTime afternoonFrom,
                                             LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        CronExpression expression = parse(cron);
        expression.setTimeZone(TimeZone.getTimeZone(calendar.zone()));
        Map<DayOfWeek, List<BusinessHours.Window>> mornings = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, List<BusinessHours.Window>> afternoons = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<BusinessHours.Window> windows = calendar.hours().windowsOn(day);
            mornings.put(day, morning(windows, afternoonFrom));
            afternoons.put(day, afternoon(windows, afternoonFrom));
        }
        for (int d = 0; d < days; d++) {
            LocalDate date = from.plusDays(d);
            if (!calendar.isBusinessDay(date)) {
                continue;
            }
            List<BusinessHours.Window> morning = mornings.get(date.getDayOfWeek());
            List<BusinessHours.Window> afternoon = afternoons.get(date.getDayOfWeek());
            // with hours in both halves one check in each is two in all; a half day needs both in its half
            int inMorning = checks(date, morning, expression, calendar, afternoon.isEmpty() ? REQUIRED_CHECKS : 1);
            if (!morning.isEmpty() && inMorning == 0) {
                return Optional.of(shortfall(date, "no check falls in the morning", morning));
            }
            int inAfternoon = checks(date, afternoon, expression, calendar, morning.isEmpty() ? REQUIRED_CHECKS : 1);
            if (!afternoon.isEmpty() && inAfternoon == 0) {
                return Optional.of(shortfall(date, "no check falls in the afternoon", afternoon));
            }
            if (inMorning + inAfternoon < REQUIRED_CHECKS) {
                List<BusinessHours.Window> all = new ArrayList<>(morning);
                all.addAll(afternoon);
                return Optional.of(shortfall(date, "only one check falls inside business hours", all));
            }
        }
        return Optional.empty();
    }

    private static String shortfall(LocalDate date, String what, List<BusinessHours.Window> windows) {
        return "on " + DAY.format(date) + " " + what + " ("
                + windows.stream().map(BusinessHours.Window::toString).collect(Collectors.joining(", "))
                + "); every business day needs a check in the morning and one in the afternoon, and two in all";
    }

    /** The parts of {@code windows} before {@code split}: the morning of the rule (the compliance report uses it too). */
    public static List<BusinessHours.Window> morning(List<BusinessHours.Window> windows, LocalTime split) {
        List<BusinessHours.Window> parts = new ArrayList<>();
        for (BusinessHours.Window window : windows) {
            LocalTime close = window.close().isBefore(split) ? window.close() : split;
            if (window.open().isBefore(close)) {
                parts.add(new BusinessHours.Window(window.open(), close));
            }
        }
        return List.copyOf(parts);
    }

    /** The parts of {@code windows} from {@code split} on: the afternoon of the rule. */
    public static List<BusinessHours.Window> afternoon(List<BusinessHours.Window> windows, LocalTime split) {
        List<BusinessHours.Window> parts = new ArrayList<>();
        for (BusinessHours.Window window : windows) {
            LocalTime open = window.open().isAfter(split) ? window.open() : split;
            if (open.isBefore(window.close())) {
                parts.add(new BusinessHours.Window(open, window.close()));
            }
        }
        return List.copyOf(parts);
    }

    // Stops at the limit: Quartz's next-fire search is the whole cost of the start-up check (366 days),
    // so a day costs two searches whether the cron fires twice a day or every second.
    private static int checks(LocalDate date, List<BusinessHours.Window> windows, CronExpression expression,
                              ReceiptCalendar calendar, int limit) {
        int checks = 0;
        for (BusinessHours.Window window : windows) {
            Instant open = date.atTime(window.open()).atZone(calendar.zone()).toInstant();
            Instant close = date.atTime(window.close()).atZone(calendar.zone()).toInstant();
            // Quartz looks strictly after the given second; start one second early so a fire at opening counts.
            Date fire = expression.getNextValidTimeAfter(Date.from(open.minusSeconds(1)));
            while (fire != null && fire.toInstant().isBefore(close)) {
                if (++checks >= limit) {
                    return checks;
                }
                fire = expression.getNextValidTimeAfter(fire);
            }
        }
        return checks;
    }

    private static CronExpression parse(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("the check schedule cron is empty");
        }
        try {
            return new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
