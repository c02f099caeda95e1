package th.go.saraban.gateway.thai;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The agency (ส่วนราชการ) as its letters and its receipt stamp present it: its name, its code
 * (รหัสตัวพยัญชนะและตัวเลขประจำส่วนราชการ, the {@code สน ๐๐๑๘.๑} of {@code ที่ สน ๐๐๑๘.๑/ว ๒๖๒๖๐})
 * and the contact block under its signature. A paper ตรารับ carries the agency's name, so the
 * e-mail stamp does too; an agency that has not configured a name is named by its central
 * address, which identifies it just as uniquely and is never wrong.
 *
 * @param name    never blank
 * @param code    in Thai digits with one space, e.g. {@code สน ๐๐๑๘.๑}; empty when not configured
 * @param contact lines separated by {@code \n}; empty when not configured
 */
public record Agency(String name, String code, String contact) {

    // Two to four Thai consonants, then the agency's number with optional sub-unit numbers after dots.
    private static final Pattern CODE = Pattern.compile("([ก-ฮ]{2,4})\\s*([0-9]{2,5}(?:\\.[0-9]{1,4})*)");

    public Agency {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an agency needs a name (or its central address in place of one)");
        }
        code = Objects.requireNonNullElse(code, "");
        contact = Objects.requireNonNullElse(contact, "");
    }

    /** {@code name (code)}, or the name alone when there is no code: how the stamp heads itself. */
    public String stampHeading() {
        return code.isEmpty() ? name : name + " (" + code + ")";
    }

    /**
     * An agency code as written in official letters, from Thai or Arabic digits and any spacing:
     * {@code "สน 0018.1"} and {@code "สน๐๐๑๘.๑"} both give {@code "สน ๐๐๑๘.๑"}.
     *
     * @throws IllegalArgumentException when it is not a code like {@code สน ๐๐๑๘.๑} or {@code มท ๐๓๑๔}
     */
    public static String officialCode(String text) {
        var m = CODE.matcher(ThaiDigits.toArabic(text.strip()));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an agency code like 'สน ๐๐๑๘.๑' or 'มท ๐๓๑๔'"
                    + " (Thai consonants, a space, the agency's number; Thai or Arabic digits)");
        }
        return m.group(1) + " " + ThaiDigits.toThai(m.group(2));
    }
}
