package th.go.saraban.gateway.thai;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag {@code [รับ ๒๕๖๙/๑๒๓]} (receiving-register year and number) that replies carry in their
 * subject, so that a citizen's follow-up can be linked to its register entry even when the mail
 * client dropped {@code In-Reply-To}/{@code References}. Citizens' clients and keyboards rewrite
 * it (Arabic digits, extra spaces, "Re: Re:"), so {@link #find} is lenient about form; it is strict
 * about values, so a mistyped year or number 0 never links mail to the wrong entry.
 */
public record RegisterTag(int registerYear, int registerNo) {

    private static final int MIN_YEAR = 2400;
    private static final int MAX_YEAR = 2700;

    private static final Pattern TAG = Pattern.compile(
            "\\[[\\s\\p{Z}]*รับ[\\s\\p{Z}]*([0-9๐-๙]{4})[\\s\\p{Z}]*/[\\s\\p{Z}]*([0-9๐-๙]{1,9})[\\s\\p{Z}]*]");

    public RegisterTag {
        if (registerYear < MIN_YEAR || registerYear > MAX_YEAR) {
            throw new IllegalArgumentException("Register year must be a Buddhist-Era year between "
                    + MIN_YEAR + " and " + MAX_YEAR + ", got " + registerYear);
        }
        if (registerNo < 1) {
            throw new IllegalArgumentException("Register numbers start at 1, got " + registerNo);
        }
    }

    public String text() {
        return "[รับ " + ThaiDigits.of(registerYear) + "/" + ThaiDigits.of(registerNo) + "]";
    }

    public static Optional<RegisterTag> find(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(subject);
        while (m.find()) {
            int year = Integer.parseInt(ThaiDigits.toArabic(m.group(1)));
            int number = Integer.parseInt(ThaiDigits.toArabic(m.group(2)));
            if (year >= MIN_YEAR && year <= MAX_YEAR && number >= 1) {
                return Optional.of(new RegisterTag(year, number));
            }
        }
        return Optional.empty();
    }
}
