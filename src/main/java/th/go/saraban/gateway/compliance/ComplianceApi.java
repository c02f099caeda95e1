package th.go.saraban.gateway.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import th.go.saraban.gateway.api.ApiException;
import th.go.saraban.gateway.api.ApiParameters;

/**
 * {@code GET /api/v1/compliance?mailbox=&from=&to=}: the compliance report as JSON, or as CSV (UTF-8
 * with a byte-order mark, for Excel) when the client sends {@code Accept: text/csv}. Without
 * {@code from} and {@code to} it covers the current month; with one of them, that day's month from or
 * to it. The mailbox may be left out while the gateway checks only one.
 */
public final class ComplianceApi {

    static final List<String> COLUMNS = List.of("date", "weekday", "kind", "holiday_name", "status",
            "checks_in_hours", "morning_checks", "afternoon_checks", "rule_met", "failed_checks", "letters_received",
            "letters_registered", "letters_acknowledged", "without_action");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUDDHIST_ERA_LOOKALIKE = 2400;

    private final ComplianceReport report;
    private final Clock clock;

    public ComplianceApi(ComplianceReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    public byte[] answer(Exchange exchange) throws SQLException {
        ApiParameters parameters = new ApiParameters(exchange);
        String mailbox = mailbox(parameters);
        DailyCheckRule rule = report.rule(mailbox).orElseThrow();
        LocalDate today = report.today(mailbox);
        Optional<LocalDate> givenFrom = date(parameters, "from");
        Optional<LocalDate> givenTo = date(parameters, "to");
        LocalDate from = givenFrom.orElseGet(() -> givenTo.orElse(today).withDayOfMonth(1));
        LocalDate to = givenTo.orElseGet(() -> from.with(TemporalAdjusters.lastDayOfMonth()));
        if (to.isBefore(from)) {
            throw ApiException.badParameter("to", to + " is before from (" + from + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > ComplianceReport.MAX_DAYS) {
            throw ApiException.badParameter("to", "the range " + from + " to " + to + " has " + days
                    + " days; one report covers at most " + ComplianceReport.MAX_DAYS);
        }
        List<ComplianceDay> rows = report.forMailbox(mailbox, from, to);
        Message answer = exchange.getMessage();
        if (wantsCsv(answer.getHeader("Accept", String.class))) {
            answer.setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=UTF-8");
            answer.setHeader("Content-Disposition", "attachment; filename=\"compliance-" + from + "-" + to + ".csv\"");
            return CsvTable.of(COLUMNS, rows.stream().map(ComplianceDay::document).toList());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("mailbox", mailbox);
        document.put("from", from.toString());
        document.put("to", to.toString());
        document.put("timezone", rule.zone().getId());
        document.put("business_hours", rule.hours().toString());
        document.put("afternoon_from", rule.afternoonFrom().toString());
        document.put("generated_at", clock.instant().atZone(rule.zone()).toOffsetDateTime().toString());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("business_days", rows.stream().filter(d -> d.kind() == DayKind.BUSINESS_DAY).count());
        summary.put("business_days_due", rows.stream().filter(d -> d.kind() == DayKind.BUSINESS_DAY
                && d.status().equals(ComplianceDay.DUE)).count());
        summary.put("days_rule_met", rows.stream().filter(d -> Boolean.TRUE.equals(d.ruleMet())).count());
        summary.put("days_rule_missed", rows.stream().filter(ComplianceDay::missed).count());
        document.put("summary", summary);
        document.put("days", rows.stream().map(ComplianceDay::document).toList());
        answer.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        try {
            return JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and booleans are always JSON", e);
        }
    }

    private String mailbox(ApiParameters parameters) {
        List<String> mailboxes = report.mailboxes();
        Optional<String> given = parameters.text("mailbox", 320);
        if (given.isEmpty()) {
            if (mailboxes.size() == 1) {
                return mailboxes.get(0);
            }
            throw ApiException.badParameter("mailbox", "is required: one of " + String.join(", ", mailboxes));
        }
        return mailboxes.stream().filter(known -> known.equalsIgnoreCase(given.get())).findFirst()
                .orElseThrow(() -> ApiException.badParameter("mailbox", "is not a mailbox the gateway checks ("
                        + String.join(", ", mailboxes) + ")"));
    }

    private static Optional<LocalDate> date(ApiParameters parameters, String name) {
        Optional<String> text = parameters.text(name, 40);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.get());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "is not a date; write it as yyyy-MM-dd (Christian Era), e.g. 2026-11-01");
        }
        // พ.ศ. is ISO + 543: a Thai user's 2569 means 2026, and no register reaches the 25th century CE
        if (date.getYear() >= BUDDHIST_ERA_LOOKALIKE) {
            throw ApiException.badParameter(name, date.getYear() + " looks like a Buddhist-Era year; write the"
                    + " Christian-Era year (" + date.getYear() + " - 543 = " + (date.getYear() - 543) + ")");
        }
        return Optional.of(date);
    }

    /** CSV when the client lists text/csv among what it accepts (with any q above 0). */
    static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("text/csv")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
                if (parameter.matches("q=0(\\.0{0,3})?")) {
                    refused = true;
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }
}
