package th.go.saraban.gateway.calendar;

import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;

/**
 * The Act asks that the central mailbox be checked at least twice a day during business hours;
 * this tells whether a polling cron keeps that promise on every business day, holidays included.
 */
public final class CheckSchedule {

    private static final int REQUIRED_CHECKS = 2;

    private CheckSchedule() {
    }

    /**
     * Empty when {@code cron} fires at least twice inside business windows on every business day in
     * {@code [from, from + days)}; otherwise one sentence naming the first day that falls short.
     */
    public static Optional<String> violation(String cron, ReceiptCalendar calendar, LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        CronExpression expression = parse(cron);
        expression.setTimeZone(TimeZone.getTimeZone(calendar.zone()));
        for (int d = 0; d < days; d++) {
            LocalDate date = from.plusDays(d);
            if (!calendar.isBusinessDay(date)) {
                continue;
            }
            int checks = checksOn(date, expression, calendar);
            if (checks < REQUIRED_CHECKS) {
                return Optional.of("fires " + checks + " time(s) inside business hours on "
                        + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + date
                        + "; the Act requires checking at least twice per business day");
            }
        }
        return Optional.empty();
    }

    // Stops counting at the requirement so a cron firing every second costs a few calls per day.
    private static int checksOn(LocalDate date, CronExpression expression, ReceiptCalendar calendar) {
        int checks = 0;
        for (BusinessHours.Window window : calendar.hours().windowsOn(date.getDayOfWeek())) {
            Instant open = date.atTime(window.open()).atZone(calendar.zone()).toInstant();
            Instant close = date.atTime(window.close()).atZone(calendar.zone()).toInstant();
            // Quartz looks strictly after the given second; start one second early so a fire at opening counts.
            Date fire = expression.getNextValidTimeAfter(Date.from(open.minusSeconds(1)));
            while (fire != null && fire.toInstant().isBefore(close) && checks < REQUIRED_CHECKS) {
                checks++;
                fire = expression.getNextValidTimeAfter(fire);
            }
            if (checks >= REQUIRED_CHECKS) {
                break;
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
