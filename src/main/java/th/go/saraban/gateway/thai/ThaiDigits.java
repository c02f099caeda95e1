package th.go.saraban.gateway.thai;

/**
 * Thai digits (เลขไทย ๐–๙). Official letters, stamps and register entries are written in them,
 * while citizens' e-mail mostly uses Arabic digits, so both directions are needed: Thai for what
 * we write, Arabic for parsing what we read.
 */
public final class ThaiDigits {

    private static final char THAI_ZERO = '\u0E50';
    private static final char THAI_NINE = '\u0E59';

    private ThaiDigits() {
    }

    public static String toThai(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= '0' && c <= '9' ? (char) (THAI_ZERO + (c - '0')) : c);
        }
        return out.toString();
    }

    public static String toArabic(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= THAI_ZERO && c <= THAI_NINE ? (char) ('0' + (c - THAI_ZERO)) : c);
        }
        return out.toString();
    }

    public static String of(long number) {
        return toThai(Long.toString(number));
    }
}
