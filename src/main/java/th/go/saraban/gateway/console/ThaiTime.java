package th.go.saraban.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import th.go.saraban.gateway.thai.OfficialDates;
import th.go.saraban.gateway.thai.ThaiDigits;

/** Times on console pages, in the official Thai form with Buddhist-Era years, in the agency's zone. */
public final class ThaiTime {

    private final ZoneId zone;

    public ThaiTime(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** {@code ๒๔ พฤศจิกายน ๒๕๖๙ เวลา ๑๐.๑๕ น.}, or a dash when there is no time. */
    public String dateTime(Instant t) {
        if (t == null) {
            return "–";
        }
        ZonedDateTime local = t.atZone(zone);
        return OfficialDates.date(local) + " เวลา " + OfficialDates.time(local);
    }

    /** {@code ๒๔ ธ.ค. ๒๕๖๙ ๑๐.๑๕ น.}: for tables. */
    public String shortDateTime(Instant t) {
        if (t == null) {
            return "–";
        }
        ZonedDateTime local = t.atZone(zone);
        return OfficialDates.shortDate(local) + " " + OfficialDates.time(local);
    }

    public String date(LocalDate date) {
        return OfficialDates.date(date.atStartOfDay(zone));
    }

    public String time(Instant t) {
        return OfficialDates.time(t.atZone(zone));
    }

    /** How long ago, e.g. {@code ๓ ชั่วโมง ๕ นาทีที่แล้ว}. */
    public static String age(Duration age) {
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        long minutes = age.toMinutes();
        if (minutes < 1) {
            return "เมื่อสักครู่";
        }
        long days = minutes / (24 * 60);
        long hours = (minutes / 60) % 24;
        long rest = minutes % 60;
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(ThaiDigits.of(days)).append(" วัน ");
        }
        if (hours > 0) {
            text.append(ThaiDigits.of(hours)).append(" ชั่วโมง ");
        }
        if (days == 0 && rest > 0) {
            text.append(ThaiDigits.of(rest)).append(" นาที ");
        }
        return text.toString().strip() + "ที่แล้ว";
    }
}
