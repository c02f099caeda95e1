package th.go.saraban.gateway.compliance;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import th.go.saraban.gateway.bootstrap.InvalidSettingException;

/**
 * The {@code saraban.alert.*} settings, checked at start-up: a recipient list that cannot be mailed,
 * a cut-off that is not a time or a count below one stops the gateway with the key named.
 *
 * @param recipients   bare addresses; empty means alerts are off
 * @param cutOff       the time of a business day by which the day's checks must keep the rule
 * @param failedChecks failed checks in a row of one mailbox that make an alert
 */
public record AlertSettings(List<String> recipients, LocalTime cutOff, int failedChecks) {

    public static final String RECIPIENTS = "saraban.alert.recipients";
    public static final String CUT_OFF = "saraban.alert.cut-off";
    public static final String FAILED_CHECKS = "saraban.alert.failed-checks";

    public AlertSettings {
        recipients = List.copyOf(recipients);
    }

    public boolean enabled() {
        return !recipients.isEmpty();
    }

    public static AlertSettings read(Function<String, Optional<String>> properties) {
        return new AlertSettings(recipients(properties.apply(RECIPIENTS).orElse("")),
                cutOff(properties.apply(CUT_OFF).orElse("15:00")),
                failedChecks(properties.apply(FAILED_CHECKS).orElse("3")));
    }

    static List<String> recipients(String value) {
        List<String> addresses = new ArrayList<>();
        for (String part : value.split(",")) {
            String text = part.strip();
            if (text.isEmpty()) {
                continue;
            }
            InternetAddress address;
            try {
                address = new InternetAddress(text, true);
                address.validate();
            } catch (AddressException e) {
                throw new InvalidSettingException(RECIPIENTS, "'" + text + "' is not an e-mail address ("
                        + e.getMessage() + "); give bare addresses separated by commas, e.g. it@agency.go.th");
            }
            if (address.isGroup() || address.getPersonal() != null || !address.getAddress().equals(text)) {
                throw new InvalidSettingException(RECIPIENTS, "'" + text
                        + "' is not a bare address; give addresses only, separated by commas, e.g. it@agency.go.th");
            }
            if (addresses.stream().noneMatch(known -> known.equalsIgnoreCase(text))) {
                addresses.add(text);
            }
        }
        return addresses;
    }

    private static LocalTime cutOff(String value) {
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(CUT_OFF, "'" + value + "' is not a time of day; write it as HH:mm, e.g. 15:00");
        }
    }

    private static int failedChecks(String value) {
        try {
            int count = Integer.parseInt(value.strip());
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // refused below, with the key
        }
        throw new InvalidSettingException(FAILED_CHECKS, "'" + value + "' is not a whole number of at least 1");
    }
}
