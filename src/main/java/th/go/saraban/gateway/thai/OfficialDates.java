package th.go.saraban.gateway.thai;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.chrono.ThaiBuddhistDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times as Thai official documents write them: {@code ๒๔ ธันวาคม ๒๕๖๙} or
 * {@code ๒๔ ธ.ค. ๒๕๖๙}, and {@code ๐๙.๓๐ น.}. The names are spelled out here rather than taken
 * from the JDK's {@code th_TH} locale data, whose digits and names depend on locale extensions and
 * provider. Formatting uses the time's own zone: callers pass it already in the agency's zone.
 * Parsing is lenient about what letters and OCR actually contain (Thai or Arabic digits, a leading
 * {@code วันที่}/{@code ลงวันที่}, {@code พ.ศ.}, abbreviations with missing dots, odd spaces) but
 * strict about the date itself: a Christian-Era year or an impossible day is refused, not guessed.
 */
public final class OfficialDates {

    private static final String[] FULL_MONTHS = {
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"
    };

    private static final String[] SHORT_MONTHS = {
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."
    };

    private static final Map<String, Integer> MONTH_BY_NAME = new HashMap<>();

    static {
        for (int i = 0; i < 12; i++) {
            MONTH_BY_NAME.put(FULL_MONTHS[i], i + 1);
            MONTH_BY_NAME.put(monthKey(SHORT_MONTHS[i]), i + 1);
        }
    }

    private static final int MIN_BUDDHIST_YEAR = 2400;
    private static final int MAX_BUDDHIST_YEAR = 2700;
    private static final int BUDDHIST_ERA_OFFSET = 543;

    private static final Pattern ODD_SPACE = Pattern.compile("[\\s\\p{Z}\\u200B\\uFEFF]+");
    private static final Pattern DATE = Pattern.compile(
            "^(?:(?:ลง)?วันที่)?\\s*(\\d{1,2})\\s*(\\S.*?)\\s*(?:พ\\s*\\.\\s*ศ\\s*\\.)?\\s*(\\d{4})$");

    private static final DateTimeFormatter ENGLISH =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm", Locale.ENGLISH);

    private OfficialDates() {
    }

    public static String date(ZonedDateTime t) {
        return ThaiDigits.of(t.getDayOfMonth()) + " " + FULL_MONTHS[t.getMonthValue() - 1] + " "
                + ThaiDigits.of(buddhistYear(t));
    }

    public static String shortDate(ZonedDateTime t) {
        return ThaiDigits.of(t.getDayOfMonth()) + " " + SHORT_MONTHS[t.getMonthValue() - 1] + " "
                + ThaiDigits.of(buddhistYear(t));
    }

    public static String time(ZonedDateTime t) {
        return ThaiDigits.toThai(String.format(Locale.ROOT, "%02d.%02d", t.getHour(), t.getMinute())) + " น.";
    }

    public static String englishDateTime(ZonedDateTime t) {
        return ENGLISH.format(t) + " (" + t.getZone().getId() + ")";
    }

    public static LocalDate parseDate(String text) {
        if (text == null) {
            throw new IllegalArgumentException("No date given: expected e.g. '๒๔ ธันวาคม ๒๕๖๙'");
        }
        String normalised = ODD_SPACE.matcher(ThaiDigits.toArabic(text)).replaceAll(" ").strip();
        Matcher m = DATE.matcher(normalised);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Not a Thai official date: '" + text + "' (expected e.g. '๒๔ ธันวาคม ๒๕๖๙' or '๒๔ ธ.ค. ๒๕๖๙')");
        }
        Integer month = MONTH_BY_NAME.get(monthKey(m.group(2)));
        if (month == null) {
            throw new IllegalArgumentException(
                    "Unknown Thai month '" + m.group(2) + "' in '" + text + "'");
        }
        int year = Integer.parseInt(m.group(3));
        if (year < MIN_BUDDHIST_YEAR || year > MAX_BUDDHIST_YEAR) {
            throw new IllegalArgumentException("Year " + year + " in '" + text
                    + "' is not a Buddhist-Era year (พ.ศ.) between " + MIN_BUDDHIST_YEAR + " and " + MAX_BUDDHIST_YEAR);
        }
        try {
            return LocalDate.of(year - BUDDHIST_ERA_OFFSET, month, Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("No such day: '" + text + "' (" + e.getMessage() + ")", e);
        }
    }

    private static int buddhistYear(ZonedDateTime t) {
        return ThaiBuddhistDate.from(t.toLocalDate()).get(ChronoField.YEAR);
    }

    private static String monthKey(String name) {
        return name.replaceAll("[.\\s]", "");
    }
}
