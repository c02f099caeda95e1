package th.go.saraban.gateway.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Thai government holidays (วันหยุดราชการ), read from the project's CSV data files because no Java
 * library has them: the cabinet sets them each year, with substitute (ชดเชย) and special days.
 *
 * <p>File format: UTF-8, a header row naming at least {@code date,weekday,name_th,kind,note,source}
 * (any order, extra columns ignored), fields quoted with {@code "} when they contain commas.
 * Blank lines and lines starting with {@code #} are skipped, so a file may carry a comment.
 * Every row must say where the date came from ({@code source}). When several files give the same
 * date, the first one read wins.
 *
 * <p>An optional {@code status} column says whether a row is {@code confirmed} or {@code provisional}
 * (a year whose special days are not announced yet); files without the column are read as confirmed.
 * Coverage is by whole calendar years: a year is covered when any file has a row for it, because a
 * year's holidays come from one cabinet resolution and are added together. On a date outside the
 * covered years nothing says whether it is a holiday, so receipt times computed there are flagged.
 */
public final class HolidayCalendar {

    public record Holiday(LocalDate date, String nameTh, String kind, String note, String source,
                          boolean provisional) {
        public Holiday {
            Objects.requireNonNull(date, "date");
        }
    }

    private static final Set<String> KINDS = Set.of("holiday", "substitute", "special", "government-only");

    private static final List<String> COLUMNS = List.of("date", "weekday", "name_th", "kind", "note", "source");

    private static final String STATUS = "status";

    /** How far ahead {@link #coverage(LocalDate)} looks for provisional or missing data. */
    public static final int WARNING_DAYS = 60;

    private final NavigableMap<LocalDate, Holiday> byDate;
    private final List<Path> files;

    private HolidayCalendar(NavigableMap<LocalDate, Holiday> byDate, List<Path> files) {
        this.byDate = byDate;
        this.files = files;
    }

    public static HolidayCalendar load(List<Path> files) {
        NavigableMap<LocalDate, Holiday> byDate = new TreeMap<>();
        for (Path file : files) {
            for (Holiday holiday : read(file)) {
                byDate.putIfAbsent(holiday.date(), holiday);
            }
        }
        return new HolidayCalendar(Collections.unmodifiableNavigableMap(byDate), List.copyOf(files));
    }

    public boolean isHoliday(LocalDate date) {
        return byDate.containsKey(date);
    }

    public Optional<Holiday> holiday(LocalDate date) {
        return Optional.ofNullable(byDate.get(date));
    }

    /** 31 December of the last year the files cover; after it every weekday would look like a business day. */
    public Optional<LocalDate> lastCoveredDate() {
        return byDate.isEmpty()
                ? Optional.empty()
                : Optional.of(LocalDate.of(byDate.lastKey().getYear(), 12, 31));
    }

    public Set<Integer> coveredYears() {
        Set<Integer> years = new TreeSet<>();
        byDate.keySet().forEach(date -> years.add(date.getYear()));
        return Collections.unmodifiableSet(years);
    }

    /** Whether the files have rows for the year of {@code date}; outside it holidays are unknown. */
    public boolean covers(LocalDate date) {
        return !byDate.subMap(LocalDate.of(date.getYear(), 1, 1), true,
                LocalDate.of(date.getYear(), 12, 31), true).isEmpty();
    }

    /** Years with at least one row marked provisional. */
    public Set<Integer> provisionalYears() {
        Set<Integer> years = new TreeSet<>();
        byDate.values().stream().filter(Holiday::provisional).forEach(h -> years.add(h.date().getYear()));
        return Collections.unmodifiableSet(years);
    }

    /**
     * What an operator must do about the data for {@code today} through {@code today + 60 days}: one
     * message per year in that period that has no rows, or whose rows are provisional (special days
     * may be announced late, so any day of such a year may still become a holiday). No messages when
     * the period is fully covered by confirmed data.
     */
    public HolidayCoverage coverage(LocalDate today) {
        LocalDate until = today.plusDays(WARNING_DAYS);
        Set<Integer> provisional = provisionalYears();
        List<String> warnings = new ArrayList<>();
        for (int year = today.getYear(); year <= until.getYear(); year++) {
            LocalDate first = year == today.getYear() ? today : LocalDate.of(year, 1, 1);
            String when = year == today.getYear() ? year + " is the current year"
                    : year + " starts in " + ChronoUnit.DAYS.between(today, first) + " days";
            if (!covers(first)) {
                warnings.add("Holiday data has no rows for " + year + " and " + when + ": from " + first
                        + " every weekday counts as a business day and new entries are marked"
                        + " deemed_without_holiday_data. Add the cabinet's " + year + " government holidays to "
                        + fileNames());
            } else if (provisional.contains(year)) {
                long rows = byDate.subMap(first.withDayOfYear(1), true, LocalDate.of(year, 12, 31), true)
                        .values().stream().filter(Holiday::provisional).count();
                warnings.add("Holiday data for " + year + " is provisional (" + rows + " rows) and " + when
                        + ": special days and Royal Ploughing Day may still be announced. When the cabinet"
                        + " resolution for " + year + " is published, correct the rows and mark them confirmed in "
                        + fileNames());
            }
        }
        return new HolidayCoverage(today, until, warnings);
    }

    private String fileNames() {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    private static List<Holiday> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("holiday file " + file + " cannot be read: " + e, e);
        }
        List<Holiday> holidays = new ArrayList<>();
        Header header = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = i == 0 ? stripBom(lines.get(i)) : lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            List<String> fields = fields(line, file, lineNumber);
            if (header == null) {
                header = header(fields, file, lineNumber);
            } else {
                holidays.add(holiday(fields, header, file, lineNumber));
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("holiday file " + file + " is empty; it needs the header "
                    + String.join(",", COLUMNS));
        }
        return holidays;
    }

    private record Header(Map<String, Integer> index, int width) {
    }

    private static Header header(List<String> fields, Path file, int lineNumber) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < fields.size(); c++) {
            index.putIfAbsent(fields.get(c).strip().toLowerCase(Locale.ROOT), c);
        }
        for (String column : COLUMNS) {
            if (!index.containsKey(column)) {
                throw problem(file, lineNumber, "the header has no '" + column + "' column; expected "
                        + String.join(",", COLUMNS) + " and optionally " + STATUS);
            }
        }
        return new Header(index, fields.size());
    }

    private static Holiday holiday(List<String> fields, Header header, Path file, int lineNumber) {
        if (fields.size() != header.width()) {
            throw problem(file, lineNumber, "has " + fields.size() + " fields but the header has " + header.width()
                    + "; quote fields that contain commas");
        }
        String dateText = field(fields, header, "date");
        LocalDate date;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw problem(file, lineNumber, "'" + dateText + "' is not a date; write it as YYYY-MM-DD (ISO year, not Buddhist Era)");
        }
        String weekday = field(fields, header, "weekday");
        String actual = abbreviation(date.getDayOfWeek());
        if (!weekday.equalsIgnoreCase(actual)) {
            throw problem(file, lineNumber, "weekday '" + weekday + "' does not match " + date + ", which is a "
                    + actual + "; check the date");
        }
        String kind = field(fields, header, "kind");
        if (!KINDS.contains(kind)) {
            throw problem(file, lineNumber, "unknown kind '" + kind + "'; use holiday, substitute, special or government-only");
        }
        String nameTh = field(fields, header, "name_th");
        if (nameTh.isEmpty()) {
            throw problem(file, lineNumber, "name_th is empty; give the holiday's Thai name");
        }
        String source = field(fields, header, "source");
        if (source.isEmpty()) {
            throw problem(file, lineNumber, "source is empty; say where the date comes from (e.g. the cabinet resolution)");
        }
        return new Holiday(date, nameTh, kind, field(fields, header, "note"), source,
                provisional(fields, header, file, lineNumber));
    }

    private static boolean provisional(List<String> fields, Header header, Path file, int lineNumber) {
        if (!header.index().containsKey(STATUS)) {
            return false;
        }
        String status = field(fields, header, STATUS);
        return switch (status) {
            case "confirmed" -> false;
            case "provisional" -> true;
            default -> throw problem(file, lineNumber, "status '" + status
                    + "' is neither confirmed nor provisional");
        };
    }

    private static String field(List<String> fields, Header header, String column) {
        return fields.get(header.index().get(column)).strip();
    }

    /** One CSV line: fields separated by commas, optionally quoted, {@code ""} for a quote inside quotes. */
    private static List<String> fields(String line, Path file, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw problem(file, lineNumber, "text after a closing quote; double a quote inside a quoted field (\"\")");
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw problem(file, lineNumber, "a quoted field is not closed; fields cannot span lines");
        }
        fields.add(field.toString());
        return fields;
    }

    private static IllegalArgumentException problem(Path file, int lineNumber, String what) {
        return new IllegalArgumentException("holiday file " + file.getFileName() + " line " + lineNumber + ": " + what);
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static String abbreviation(DayOfWeek day) {
        String name = day.name();
        return name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT);
    }
}
