package th.go.saraban.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayUnderTest;
import th.go.saraban.gateway.pipeline.TestDatabase;
import th.go.saraban.gateway.pipeline.TestMailServer;

/** A setting that cannot work stops start-up with one message naming its key. */
class StartupValidationTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    private static TestMailServer mailServer;
    private static TestDatabase database;

    @BeforeAll
    static void servers() {
        mailServer = new TestMailServer();
        database = TestDatabase.fresh();
    }

    @AfterAll
    static void stopServers() {
        mailServer.close();
    }

    @Test
    void refusesCronThatChecksOnlyOncePerBusinessDay() {
        Throwable refused = startWith("saraban.check.cron", "0 0 9 ? * MON-FRI");

        assertThat(settingProblem(refused)).startsWith("Invalid setting saraban.check.cron: '0 0 9 ? * MON-FRI'"
                + " checks too seldom: on Wednesday 25 November 2026 no check falls in the afternoon (12:00-16:30)");
    }

    @Test
    void refusesTwoChecksAMinuteApartNamingTheFirstDayAndTheAfternoon() {
        Throwable refused = startWith("saraban.check.cron", "0 30,31 8 ? * MON-FRI");

        assertThat(settingProblem(refused)).isEqualTo("Invalid setting saraban.check.cron: '0 30,31 8 ? * MON-FRI'"
                + " checks too seldom: on Wednesday 25 November 2026 no check falls in the afternoon (12:00-16:30);"
                + " every business day needs a check in the morning and one in the afternoon, and two in all"
                + " (saraban.check.afternoon-from = 12:00)");
    }

    @Test
    void refusesAfternoonSplitThatIsNotATimeOfDay() {
        Throwable refused = startWith("saraban.check.afternoon-from", "noon");

        assertThat(settingProblem(refused)).isEqualTo("Invalid setting saraban.check.afternoon-from: 'noon' is not"
                + " a time of day like 12:00 (HH:mm, 00:00-23:59)");
    }

    @Test
    void refusesCronThatIsNotQuartzSyntax() {
        Throwable refused = startWith("saraban.check.cron", "every five minutes");

        assertThat(settingProblem(refused)).startsWith("Invalid setting saraban.check.cron:")
                .contains("not a Quartz cron expression");
    }

    @Test
    void refusesLineLimitShorterThanALineOfOrdinaryMail() {
        Throwable refused = startWith("saraban.read.max-line-bytes", "998");

        assertThat(settingProblem(refused)).isEqualTo(
                "Invalid setting saraban.read.max-line-bytes: must be at least 1024 bytes, not 998");
    }

    @Test
    void refusesPartLimitThatIsNotAWholeNumber() {
        Throwable refused = startWith("saraban.read.max-parts", "many");

        assertThat(settingProblem(refused)).isEqualTo("Invalid setting saraban.read.max-parts: 'many' is not a whole number");
    }

    @Test
    void refusesReadingTimeLimitOfZero() {
        Throwable refused = startWith("saraban.read.time-limit-seconds", "0");

        assertThat(settingProblem(refused)).isEqualTo(
                "Invalid setting saraban.read.time-limit-seconds: must be a positive whole number, not 0");
    }

    @Test
    void refusesMaxAttemptsThatIsNotANumber() {
        Throwable refused = startWith("saraban.read.max-attempts", "three");

        assertThat(settingProblem(refused)).isEqualTo(
                "Invalid setting saraban.read.max-attempts: 'three' is not a whole number");
    }

    @Test
    void refusesUnknownTimeZone() {
        Throwable refused = startWith("saraban.timezone", "Asia/Krung_Thep");

        assertThat(settingProblem(refused)).isEqualTo(
                "Invalid setting saraban.timezone: 'Asia/Krung_Thep' is not a time zone (e.g. Asia/Bangkok)");
    }

    @Test
    void refusesMalformedBusinessHours() {
        Throwable refused = startWith("saraban.business-hours", "MON-FRI 16:30-08:30");

        assertThat(settingProblem(refused)).startsWith("Invalid setting saraban.business-hours:");
    }

    @Test
    void refusesUnreadableHolidayFile() {
        Throwable refused = startWith("saraban.holidays", "config/holidays/no-such-file.csv");

        assertThat(settingProblem(refused)).startsWith("Invalid setting saraban.holidays: cannot read")
                .contains("no-such-file.csv");
    }

    @Test
    void refusesCentralAddressThatIsNotAnAddress() {
        Throwable refused = startWith("saraban.central-address", "saraban at agency");

        assertThat(settingProblem(refused)).startsWith(
                "Invalid setting saraban.central-address: 'saraban at agency' is not an e-mail address");
    }

    @Test
    void refusesRealMailboxWithoutRealSmtpServer() {
        Throwable refused = startWith("saraban.smtp.host", "");

        assertThat(settingProblem(refused)).startsWith("Invalid setting saraban.smtp.host: is required when"
                + " saraban.imap.host is set");
    }

    @Test
    void refusesAcknowledgementTemplateWithUnknownPlaceholder() throws Exception {
        java.nio.file.Path template = java.nio.file.Files.createTempFile("ack", ".txt");
        java.nio.file.Files.writeString(template, "เลขรับ ${register_number}");

        Throwable refused = startWith("saraban.ack.template", template.toString());

        assertThat(settingProblem(refused)).startsWith("Invalid setting saraban.ack.template:")
                .contains("unknown placeholder ${register_number}");
    }

    @Test
    void refusesRequiringDmarcPassWithoutAuthservId() {
        Throwable refused = startWith("saraban.auth.require-dmarc-pass", "true");

        assertThat(settingProblem(refused)).startsWith("Invalid setting saraban.auth.require-dmarc-pass: is true but"
                + " saraban.auth.authserv-id is blank");
    }

    @Test
    void refusesAuthservIdThatIsNotOneToken() {
        Throwable refused = startWith("saraban.auth.authserv-id", "mx.agency.go.th; dmarc=pass");

        assertThat(settingProblem(refused)).startsWith(
                "Invalid setting saraban.auth.authserv-id: 'mx.agency.go.th; dmarc=pass' is not an authserv-id");
    }

    @Test
    void describesSettingsWithoutPasswords() {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put("saraban.db.url", database.url() + "&password=db-secret-91");
        GatewaySettings parsed = new GatewaySettings(key -> java.util.Optional.ofNullable(settings.get(key))
                .or(() -> java.util.Optional.ofNullable(defaults().get(key))));

        String described = parsed.describe();

        assertThat(described).contains("saraban@agency.go.th").doesNotContain(TestMailServer.PASSWORD)
                .doesNotContain("db-secret-91");
    }

    private static Map<String, String> defaults() {
        return Map.of("saraban.check.cron", "0 0/2 * * * ?",
                "saraban.holidays", "config/holidays/th-government-holidays.csv");
    }

    private static Throwable startWith(String key, String value) {
        Map<String, String> settings = GatewayUnderTest.settingsFor(mailServer, database);
        settings.put(key, value);
        return catchThrowable(() -> GatewayUnderTest.start(settings, NOW).close());
    }

    /** The operator's message, wherever Camel wrapped it. */
    private static String settingProblem(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return invalid.getMessage();
            }
        }
        throw new AssertionError("start-up was not refused for a setting", thrown);
    }
}
