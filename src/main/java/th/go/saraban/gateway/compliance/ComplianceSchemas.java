package th.go.saraban.gateway.compliance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The shape of {@code GET /api/v1/compliance} for the OpenAPI document only ({@code outType} in
 * {@code routes/api-compliance.camel.yaml}); the answer itself is built by {@link ComplianceApi} from
 * {@link ComplianceDay#document()}, whose field names these records repeat.
 */
public final class ComplianceSchemas {

    private ComplianceSchemas() {
    }

    /** The report of one mailbox over a range of days. */
    public record Report(
            @JsonProperty("mailbox") String mailbox,
            @JsonProperty("from") LocalDate from,
            @JsonProperty("to") LocalDate to,
            @JsonProperty("timezone") String timezone,
            @JsonProperty("business_hours") String businessHours,
            @JsonProperty("afternoon_from") String afternoonFrom,
            @JsonProperty("generated_at") OffsetDateTime generatedAt,
            @JsonProperty("summary") Summary summary,
            @JsonProperty("days") List<Day> days) {
    }

    /** Counts over the business days of the range. */
    public record Summary(
            @JsonProperty("business_days") int businessDays,
            @JsonProperty("business_days_due") int businessDaysDue,
            @JsonProperty("days_rule_met") int daysRuleMet,
            @JsonProperty("days_rule_missed") int daysRuleMissed) {
    }

    /** One calendar day; see README "Compliance report and alerts" for each field. */
    public record Day(
            @JsonProperty("date") LocalDate date,
            @JsonProperty("weekday") String weekday,
            @JsonProperty("kind") String kind,
            @JsonProperty("holiday_name") String holidayName,
            @JsonProperty("status") String status,
            @JsonProperty("checks_in_hours") int checksInHours,
            @JsonProperty("morning_checks") int morningChecks,
            @JsonProperty("afternoon_checks") int afternoonChecks,
            @JsonProperty("rule_met") Boolean ruleMet,
            @JsonProperty("failed_checks") int failedChecks,
            @JsonProperty("letters_received") int lettersReceived,
            @JsonProperty("letters_registered") int lettersRegistered,
            @JsonProperty("letters_acknowledged") int lettersAcknowledged,
            @JsonProperty("without_action") int withoutAction) {
    }
}
