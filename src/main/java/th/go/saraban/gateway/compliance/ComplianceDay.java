package th.go.saraban.gateway.compliance;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the compliance report: one mailbox on one calendar day in the agency's zone.
 *
 * @param holidayName        the holiday's Thai name (from the holiday files), null on other days
 * @param status             {@code due} once the day's business hours are over (or the day is past),
 *                           {@code in_progress} earlier today, {@code not_yet_due} for a day to come
 * @param checksInHours      successful checks that started inside business hours
 * @param ruleMet            the twice-daily rule on a business day: true or false once due; true or null
 *                           (can still be met) while in progress; null before, and on other days
 * @param failedChecks       checks that ended {@code failed}, at any time of the day
 * @param lettersReceived    entries whose {@code received_at} (INTERNALDATE) is on the day
 * @param lettersRegistered  entries the gateway registered on the day ({@code registered_at})
 * @param lettersAcknowledged acknowledgements the SMTP server accepted on the day
 * @param withoutAction      of the letters received on the day, those with no row in entry_action yet
 */
public record ComplianceDay(
        LocalDate date,
        DayKind kind,
        String holidayName,
        String status,
        int checksInHours,
        int morningChecks,
        int afternoonChecks,
        Boolean ruleMet,
        int failedChecks,
        int lettersReceived,
        int lettersRegistered,
        int lettersAcknowledged,
        int withoutAction) {

    public static final String DUE = "due";
    public static final String IN_PROGRESS = "in_progress";
    public static final String NOT_YET_DUE = "not_yet_due";

    /** A business day whose hours are over without the rule kept: a red day in the console. */
    public boolean missed() {
        return Boolean.FALSE.equals(ruleMet);
    }

    /** The day as the API answers it, under the field names that are also the CSV header. */
    public Map<String, Object> document() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("date", date.toString());
        row.put("weekday", date.getDayOfWeek().name().substring(0, 3));
        row.put("kind", kind.value());
        row.put("holiday_name", holidayName);
        row.put("status", status);
        row.put("checks_in_hours", checksInHours);
        row.put("morning_checks", morningChecks);
        row.put("afternoon_checks", afternoonChecks);
        row.put("rule_met", ruleMet);
        row.put("failed_checks", failedChecks);
        row.put("letters_received", lettersReceived);
        row.put("letters_registered", lettersRegistered);
        row.put("letters_acknowledged", lettersAcknowledged);
        row.put("without_action", withoutAction);
        return row;
    }
}
