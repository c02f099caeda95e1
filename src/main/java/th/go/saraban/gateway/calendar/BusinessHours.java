package th.go.saraban.gateway.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An agency's weekly business hours, e.g. {@code MON-THU 08:30-12:00,13:00-16:30; FRI 08:30-15:30}.
 * Hours differ between agencies, so they come from configuration; parse errors are written for
 * the operator who typed the spec, not for a developer.
 */
public final class BusinessHours {

    /** Open from {@code open} (inclusive) to {@code close} (exclusive), minute precision. */
    public record Window(LocalTime open, LocalTime close) {
        public Window {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException(
                        "window " + format(open) + "-" + format(close) + " must open before it closes");
            }
        }

        public boolean contains(LocalTime time) {
            return !time.isBefore(open) && time.isBefore(close);
        }

        @Override
        public String toString() {
            return format(open) + "-" + format(close);
        }
    }

    private static final String EXAMPLE = "e.g. 'MON-FRI 08:30-16:30' or 'MON-THU 08:30-12:00,13:00-16:30; FRI 08:30-15:30'";
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z][A-Za-z,\\-\\s]*?)\\s+(\\d.*)");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();

    static {
        for (DayOfWeek day : DayOfWeek.values()) {
            DAYS.put(abbreviation(day), day);
        }
    }

    private final Map<DayOfWeek, List<Window>> windows;

    private BusinessHours(Map<DayOfWeek, List<Window>> windows) {
        this.windows = windows;
    }

    public static BusinessHours parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("business hours are empty; give days and times, " + EXAMPLE);
        }
        Map<DayOfWeek, List<Window>> byDay = new EnumMap<>(DayOfWeek.class);
        for (String rawEntry : spec.split(";")) {
            String entry = rawEntry.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "'" + entry + "' is not days followed by times, " + EXAMPLE);
            }
            List<DayOfWeek> days = parseDays(m.group(1), entry);
            List<Window> dayWindows = parseWindows(m.group(2), entry);
            for (DayOfWeek day : days) {
                if (byDay.containsKey(day)) {
                    throw new IllegalArgumentException(
                            abbreviation(day) + " is given twice; list each day once (in '" + entry + "')");
                }
                byDay.put(day, dayWindows);
            }
        }
        if (byDay.isEmpty()) {
            throw new IllegalArgumentException("business hours are empty; give days and times, " + EXAMPLE);
        }
        return new BusinessHours(byDay);
    }

    /** The windows of that weekday in time order; empty when the office is closed that day. */
    public List<Window> windowsOn(DayOfWeek day) {
        return windows.getOrDefault(day, List.of());
    }

    /** The canonical spec: days with identical windows grouped, consecutive days written as ranges. */
    @Override
    public String toString() {
        Map<List<Window>, List<DayOfWeek>> groups = new LinkedHashMap<>();
        windows.forEach((day, dayWindows) -> groups.computeIfAbsent(dayWindows, w -> new ArrayList<>()).add(day));
        List<String> entries = new ArrayList<>();
        groups.forEach((dayWindows, days) -> entries.add(daysToString(days) + " "
                + dayWindows.stream().map(Window::toString).collect(Collectors.joining(","))));
        return String.join("; ", entries);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessHours other && windows.equals(other.windows);
    }

    @Override
    public int hashCode() {
        return windows.hashCode();
    }

    private static List<DayOfWeek> parseDays(String text, String entry) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String rawPart : text.split(",")) {
            String part = rawPart.strip();
            String[] range = part.split("\\s*-\\s*", -1);
            if (range.length == 1) {
                addDay(days, day(range[0], entry), entry);
            } else if (range.length == 2) {
                DayOfWeek first = day(range[0], entry);
                DayOfWeek last = day(range[1], entry);
                if (last.compareTo(first) < 0) {
                    throw new IllegalArgumentException("day range " + part.toUpperCase(Locale.ROOT)
                            + " runs backwards; weeks run MON to SUN (in '" + entry + "')");
                }
                for (int d = first.getValue(); d <= last.getValue(); d++) {
                    addDay(days, DayOfWeek.of(d), entry);
                }
            } else {
                throw new IllegalArgumentException("'" + part + "' is not a day or a day range like MON-FRI (in '" + entry + "')");
            }
        }
        return days;
    }

    private static void addDay(List<DayOfWeek> days, DayOfWeek day, String entry) {
        if (days.contains(day)) {
            throw new IllegalArgumentException(
                    abbreviation(day) + " is given twice; list each day once (in '" + entry + "')");
        }
        days.add(day);
    }

    private static DayOfWeek day(String text, String entry) {
        DayOfWeek day = DAYS.get(text.strip().toUpperCase(Locale.ROOT));
        if (day == null) {
            throw new IllegalArgumentException("unknown day '" + text.strip()
                    + "'; use MON, TUE, WED, THU, FRI, SAT or SUN (in '" + entry + "')");
        }
        return day;
    }

    private static List<Window> parseWindows(String text, String entry) {
        List<Window> result = new ArrayList<>();
        for (String rawPart : text.split(",")) {
            String part = rawPart.strip();
            String[] times = part.split("\\s*-\\s*", -1);
            if (times.length != 2) {
                throw new IllegalArgumentException(
                        "'" + part + "' is not a time window like 08:30-16:30 (in '" + entry + "')");
            }
            LocalTime open = time(times[0], entry);
            LocalTime close = time(times[1], entry);
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("window " + part + " must open before it closes (in '" + entry + "')");
            }
            result.add(new Window(open, close));
        }
        result.sort(Comparator.comparing(Window::open));
        for (int i = 1; i < result.size(); i++) {
            Window before = result.get(i - 1);
            Window after = result.get(i);
            if (after.open().isBefore(before.close())) {
                throw new IllegalArgumentException(
                        "windows " + before + " and " + after + " overlap (in '" + entry + "')");
            }
        }
        return List.copyOf(result);
    }

    private static LocalTime time(String text, String entry) {
        Matcher m = TIME.matcher(text.strip());
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            if (hour <= 23 && minute <= 59) {
                return LocalTime.of(hour, minute);
            }
        }
        throw new IllegalArgumentException("'" + text.strip()
                + "' is not a time; use HH:mm from 00:00 to 23:59 (in '" + entry + "')");
    }

    private static String daysToString(List<DayOfWeek> days) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).getValue() == days.get(j).getValue() + 1) {
                j++;
            }
            parts.add(j == i ? abbreviation(days.get(i)) : abbreviation(days.get(i)) + "-" + abbreviation(days.get(j)));
            i = j + 1;
        }
        return String.join(",", parts);
    }

    private static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static String format(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }
}
