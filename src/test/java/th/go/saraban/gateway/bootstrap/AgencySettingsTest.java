package th.go.saraban.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The saraban.agency.* keys: what an operator may write, and what stops start-up. */
class AgencySettingsTest {

    @Test
    void writesAgencyCodeInThaiDigits() {
        GatewaySettings settings = settings(Map.of("saraban.agency.code", "สน 0018.1"));

        assertThat(settings.agencyCode).isEqualTo("สน ๐๐๑๘.๑");
    }

    @Test
    void refusesAgencyCodeThatIsNotACode() {
        InvalidSettingException refused = catchThrowableOfType(
                () -> settings(Map.of("saraban.agency.code", "ที่ สน ๐๐๑๘.๑/ว ๒๖๒๖๐")), InvalidSettingException.class);

        assertThat(refused).hasMessageStartingWith("Invalid setting saraban.agency.code: 'ที่ สน ๐๐๑๘.๑/ว ๒๖๒๖๐'"
                + " is not an agency code like 'สน ๐๐๑๘.๑'");
    }

    @Test
    void splitsContactAtWrittenLineBreaks() {
        GatewaySettings settings = settings(Map.of("saraban.agency.contact",
                "กลุ่มงานปกครอง\\n โทร. ๐ ๔๒๗๑ ๑๔๖๑ \\n"));

        assertThat(settings.agencyContact).isEqualTo("กลุ่มงานปกครอง\nโทร. ๐ ๔๒๗๑ ๑๔๖๑");
    }

    @Test
    void refusesAgencyNameOnTwoLines() {
        InvalidSettingException refused = catchThrowableOfType(
                () -> settings(Map.of("saraban.agency.name", "จังหวัด\nสกลนคร")), InvalidSettingException.class);

        assertThat(refused).hasMessage("Invalid setting saraban.agency.name: must be one line without control characters");
    }

    @Test
    void leavesNameCodeAndContactEmptyWhenNotSet() {
        GatewaySettings settings = settings(Map.of());

        assertThat(settings.agencyName + settings.agencyCode + settings.agencyContact).isEmpty();
    }

    private static GatewaySettings settings(Map<String, String> agency) {
        Map<String, String> values = new HashMap<>(Map.of("saraban.central-address", "saraban@agency.go.th",
                "saraban.check.cron", "0 0/2 * * * ?",
                "saraban.holidays", "config/holidays/th-government-holidays.csv"));
        values.putAll(agency);
        return new GatewaySettings(key -> Optional.ofNullable(values.get(key)));
    }
}
