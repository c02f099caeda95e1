package th.go.saraban.gateway.compliance;

import java.util.Locale;

/** What a calendar day is for the agency: a business day, a day without business hours, or a government holiday. */
public enum DayKind {
    BUSINESS_DAY, WEEKEND, HOLIDAY;

    /** As written in the report: {@code business_day}, {@code weekend}, {@code holiday}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Thai word, for the console and the alert text. */
    public String thai() {
        return switch (this) {
            case BUSINESS_DAY -> "วันทำการ";
            case WEEKEND -> "วันหยุดสุดสัปดาห์";
            case HOLIDAY -> "วันหยุดราชการ";
        };
    }
}
