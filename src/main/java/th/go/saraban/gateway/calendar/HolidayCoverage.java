package th.go.saraban.gateway.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * Whether the holiday data can be trusted from {@code today} to {@code until}: the operator's to-do
 * list, empty when it can. Plain data, so the start-up check, the daily warning and a health check
 * all say the same thing.
 */
public record HolidayCoverage(LocalDate today, LocalDate until, List<String> warnings) {

    public HolidayCoverage {
        warnings = List.copyOf(warnings);
    }

    public boolean isQuiet() {
        return warnings.isEmpty();
    }
}
