package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Holiday data that runs out: warned at start-up and by the daily route, and flagged on entries. */
class HolidayDataPipelineTest extends GatewayTestSupport {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final String WARNING = "WARN th.go.saraban.gateway.calendar.HolidayDataCheck - ";

    @TempDir
    Path dir;

    @Test
    void warnsAtStartUpAndEachMorningWhileNextJanuaryIsProvisional() {
        Clock lateNovember = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);
        String expected = WARNING + "Holiday data for 2027 is provisional (22 rows) and 2027 starts in 37 days:"
                + " special days and Royal Ploughing Day may still be announced. When the cabinet resolution for"
                + " 2027 is published, correct the rows and mark them confirmed in"
                + " config/holidays/th-government-holidays.csv";

        try (CapturedLog log = CapturedLog.capture()) {
            startGateway(Map.of(), lateNovember);
            List<String> atStartUp = holidayWarnings(log);
            List<String> daily = checkHolidayData();

            assertThat(atStartUp).containsExactly(expected);
            assertThat(holidayWarnings(log)).containsExactly(expected, expected);
            assertThat(daily).containsExactly(expected.substring(WARNING.length()));
        }
        assertThat(gateway.context().getRoute("schedule-holiday-data-check").getEndpoint().getEndpointUri())
                .startsWith("quartz://saraban/holiday-data").contains("cron=0+0+7+*+*+%3F");
    }

    @Test
    void checksEveryMailboxsHolidayDataOnceForEachSetOfFiles() throws IOException {
        Path only2026 = Files.writeString(dir.resolve("south-2026.csv"), "date,weekday,name_th,kind,status,note,source\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n");
        Map<String, String> settings = new HashMap<>();
        settings.put("saraban.mailboxes", "central,north,south");
        // north reads the shipped file like central, in its own hours; south has its own file
        settings.put("saraban.mailbox.north.central-address", "saraban@north.agency.go.th");
        settings.put("saraban.mailbox.north.imap.username", TestMailServer.LOGIN);
        settings.put("saraban.mailbox.north.business-hours", "MON-FRI 07:00-15:00");
        settings.put("saraban.mailbox.south.central-address", "saraban@south.agency.go.th");
        settings.put("saraban.mailbox.south.imap.username", TestMailServer.LOGIN);
        settings.put("saraban.mailbox.south.holidays", only2026.toString());
        Clock lateNovember = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), BANGKOK);
        String shipped = "central, north: Holiday data for 2027 is provisional (22 rows) and 2027 starts in 37 days:"
                + " special days and Royal Ploughing Day may still be announced. When the cabinet resolution for"
                + " 2027 is published, correct the rows and mark them confirmed in"
                + " config/holidays/th-government-holidays.csv";
        String south = "south: Holiday data has no rows for 2027 and 2027 starts in 37 days: from 2027-01-01 every"
                + " weekday counts as a business day and new entries are marked deemed_without_holiday_data."
                + " Add the cabinet's 2027 government holidays to " + only2026;

        try (CapturedLog log = CapturedLog.capture()) {
            startGateway(settings, lateNovember);
            List<String> atStartUp = holidayWarnings(log);
            List<String> daily = checkHolidayData();

            assertThat(atStartUp).containsExactly(WARNING + shipped, WARNING + south);
            assertThat(daily).containsExactly(shipped, south);
            assertThat(holidayWarnings(log)).hasSize(4);
        }
    }

    @Test
    void quietWhenTheNextSixtyDaysHaveConfirmedData() {
        Clock june = Clock.fixed(Instant.parse("2026-06-01T03:00:00Z"), BANGKOK);

        try (CapturedLog log = CapturedLog.capture()) {
            startGateway(Map.of(), june);
            List<String> daily = checkHolidayData();

            assertThat(daily).isEmpty();
            assertThat(holidayWarnings(log)).isEmpty();
        }
    }

    @Test
    void marksEntryDeemedWithoutHolidayDataOnlyBeyondTheData() throws IOException {
        Path only2026 = Files.writeString(dir.resolve("only-2026.csv"), "date,weekday,name_th,kind,status,note,source\n"
                + "2026-12-31,Thu,วันสิ้นปี,holiday,confirmed,,cabinet resolution\n");
        startGateway(Map.of("saraban.holidays", only2026.toString()),
                Clock.fixed(Instant.parse("2027-01-05T04:00:00Z"), BANGKOK));
        mailServer.deliver(Letters.letter("ภายในข้อมูลวันหยุด"), OffsetDateTime.parse("2026-12-29T10:00:00+07:00"));
        mailServer.deliver(Letters.letter("หลังข้อมูลวันหยุด"), OffsetDateTime.parse("2027-01-05T10:00:00+07:00"));

        gateway.checkMailbox();

        List<Map<String, Object>> entries = rows.query("SELECT subject, deemed_received_at, status, problems,"
                + " deemed_without_holiday_data FROM incoming_register ORDER BY received_at");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsEntry("subject", "ภายในข้อมูลวันหยุด")
                .containsEntry("deemed_without_holiday_data", false).containsEntry("problems", null)
                .containsEntry("status", "registered");
        assertThat(entries.get(1)).containsEntry("subject", "หลังข้อมูลวันหยุด")
                .containsEntry("deemed_without_holiday_data", true).containsEntry("status", "registered");
        assertThat(((Timestamp) entries.get(1).get("deemed_received_at")).toInstant())
                .isEqualTo("2027-01-05T03:00:00Z");
        assertThat((String) entries.get(1).get("problems")).isEqualTo("deemed received time computed without"
                + " holiday data: a day from arrival to the deemed time is in a year the holiday files do not cover;"
                + " check it against the cabinet's holiday resolution for that year");
    }

    @SuppressWarnings("unchecked")
    private List<String> checkHolidayData() {
        try (ProducerTemplate producer = gateway.context().createProducerTemplate()) {
            return producer.requestBody("direct:check-holiday-data", null, List.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> holidayWarnings(CapturedLog log) {
        return log.lines().stream().filter(line -> line.startsWith(WARNING)).toList();
    }
}
