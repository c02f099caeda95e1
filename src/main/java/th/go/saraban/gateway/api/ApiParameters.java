package th.go.saraban.gateway.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Query and path parameters of an API call, as platform-http hands them over (message headers),
 * each checked with a 400 that names it. A parameter given twice is refused rather than guessed at.
 */
public final class ApiParameters {

    private final Exchange exchange;

    public ApiParameters(Exchange exchange) {
        this.exchange = exchange;
    }

    /** The parameter's value, trimmed; empty when absent or blank. */
    public Optional<String> text(String name) {
        Object value = exchange.getMessage().getHeader(name);
        if (value instanceof Collection<?> values) {
            if (values.size() > 1) {
                throw ApiException.badParameter(name, "is given more than once");
            }
            value = values.isEmpty() ? null : values.iterator().next();
        }
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A text of at most {@code maxLength} characters. */
    public Optional<String> text(String name, int maxLength) {
        Optional<String> text = text(name);
        if (text.isPresent() && text.get().length() > maxLength) {
            throw ApiException.badParameter(name, "is longer than " + maxLength + " characters");
        }
        return text;
    }

    /**
     * One of {@code allowed}, exactly as written there (a filter on a column with a fixed set of values):
     * anything else is refused with the list, so a typo is not answered with an empty page.
     */
    public Optional<String> oneOf(String name, List<String> allowed) {
        Optional<String> text = text(name);
        if (text.isPresent() && !allowed.contains(text.get())) {
            throw ApiException.badParameter(name, "'" + shown(text.get()) + "' is not one of "
                    + String.join(", ", allowed));
        }
        return text;
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public long integer(String name, long min, long max, long fallback) {
        return integer(name, min, max).orElse(fallback);
    }

    public Optional<Long> integer(String name, long min, long max) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + shown(text.get()) + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw ApiException.badParameter(name, value + " is outside " + min + ".." + max);
        }
        return Optional.of(value);
    }

    /** A required id in the path: a positive whole number. */
    public long id(String name) {
        return integer(name, 1, Long.MAX_VALUE)
                .orElseThrow(() -> ApiException.badParameter(name, "is required"));
    }

    /**
     * The lower bound of a time range, inclusive: a date-time with offset ({@code 2026-11-24T10:15:00+07:00},
     * {@code ...Z}), a date-time without one (read in {@code zone}), or a plain date (its start in
     * {@code zone}).
     */
    public Optional<Instant> from(String name, ZoneId zone) {
        return text(name).map(value -> instant(name, value, zone, false));
    }

    /**
     * The upper bound, exclusive for a date-time; a plain date includes that whole day (the bound is
     * the start of the next day).
     */
    public Optional<Instant> to(String name, ZoneId zone) {
        return text(name).map(value -> instant(name, value, zone, true));
    }

    private static Instant instant(String name, String value, ZoneId zone, boolean upper) {
        // an unencoded '+' of the offset arrives as a space (form decoding): take it back
        String text = value.length() > 19 ? value.replace(' ', '+') : value;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return (upper ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notDate) {
            throw ApiException.badParameter(name, "'" + shown(value) + "' is not an ISO-8601 date or date-time"
                    + " (2026-11-24, 2026-11-24T10:15:00+07:00 or 2026-11-24T03:15:00Z)");
        }
    }

    /** A value echoed in an error detail, cut short: the detail is for the reader, not a mirror. */
    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
