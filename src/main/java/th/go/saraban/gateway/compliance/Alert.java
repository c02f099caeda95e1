package th.go.saraban.gateway.compliance;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A condition that needs a person, as it is mailed to {@code saraban.alert.recipients} and shown by
 * health. {@code (cause, subjectKey, day)} identifies it: at most one alert is sent for each, however
 * often the condition is seen that day.
 *
 * @param subjectKey what the condition is about: the mailbox's central address
 * @param day        the day in the agency's zone the condition was seen on
 * @param summary    one English line for health details and the log
 * @param subject    the mail subject, Thai then English, built from validated values only
 * @param text       the mail body, Thai then English
 */
public record Alert(Cause cause, String subjectKey, LocalDate day, String summary, String subject, String text) {

    public Alert {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(day, "day");
    }

    /** Why an alert is sent; {@link #value()} is the {@code alert_sent.cause} column. */
    public enum Cause {
        /** A business day reached the cut-off without its checks keeping the twice-daily rule. */
        CHECKS_BELOW_RULE,
        /** The last N checks of a mailbox all failed. */
        FAILED_CHECKS,
        /** The outbox holds messages that are {@code uncertain} or {@code failed}. */
        OUTBOX_ATTENTION,
        /** The holiday data runs out within 60 days. */
        HOLIDAY_DATA;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
