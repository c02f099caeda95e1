package th.go.saraban.gateway.thai;

import java.time.Instant;
import java.time.ZoneId;
import java.time.chrono.ThaiBuddhistDate;
import java.time.temporal.ChronoField;

/** The Thai year (พ.ศ.), which registers are numbered by: ISO year + 543 in the agency's zone. */
public final class BuddhistEra {

    private BuddhistEra() {
    }

    public static int yearOf(Instant instant, ZoneId zone) {
        return ThaiBuddhistDate.from(instant.atZone(zone)).get(ChronoField.YEAR);
    }
}
