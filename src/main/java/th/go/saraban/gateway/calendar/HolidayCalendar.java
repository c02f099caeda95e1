package th.go.saraban.gateway.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

/**
 * Thai government holidays (วันหยุดราชการ), read from the project's CSV data files because no Java
 * library has them: the cabinet sets them each year, with substitute (ชดเชย) and special days.
 *
 * <p>File format: UTF-8, a header row naming at least {@code date,weekday,name_th,kind,note,source}
 * (any order, extra columns ignored), fields quoted with {@code "} when they contain commas.
 * Blank lines and lines starting with {@code #} are skipped, so a file may carry a comment.
 * Every row must say where the date came from ({@code source}). When several files give the same
 * date, the first one read wins.
 */
public final class HolidayCalendar {

    public record Holiday(LocalDate date, String nameTh, String kind, String note, String source) {
        public Holiday {
            Objects.requireNonNull(date, "date");
        }
    }

    private static final Set<String> KINDS = Set.of("holiday", "substitute", "special", "government-only");

    private static final List<String> COLUMNS = List.of("date", "weekday", "name_th", "kind", "note", "source");

    private final NavigableMap<LocalDate, Holiday> byDate;

    private HolidayCalendar(NavigableMap<LocalDate, Holiday> byDate) {
        this.byDate = byDate;
    }

    public static HolidayCalendar load(List<Path> files) {
        NavigableMap<LocalDate, Holiday> byDate = new TreeMap<>();
        for (Path file : files) {
            for (Holiday holiday : read(file)) {
                byDate.putIfAbsent(holiday.date(), holiday);
            }
        }
        return new HolidayCalendar(Collections.unmodifiableNavigableMap(byDate));
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
                        + String.join(",", COLUMNS));
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
        return new Holiday(date, nameTh, kind, field(fields, header, "note"), source);
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
