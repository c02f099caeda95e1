package th.go.saraban.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.pipeline.GatewayTestSupport;
import th.go.saraban.gateway.pipeline.TestClock;
import th.go.saraban.gateway.pipeline.TestMailServer;

/**
 * Two mailboxes on one gateway, the second with its own business hours (07:00-15:00) and afternoon
 * split (11:00): the same two checks keep the rule for one and not for the other.
 */
class ComplianceMailboxesTest extends GatewayTestSupport {

    private static final String NORTH = "saraban@north.agency.go.th";

    private TestMailServer northServer;

    @AfterEach
    void stopNorth() {
        if (northServer != null) {
            northServer.close();
        }
    }

    @Test
    void judgesEachMailboxByItsOwnHoursAndAfternoonSplit() throws Exception {
        northServer = new TestMailServer();
        Map<String, String> settings = new HashMap<>();
        settings.put("saraban.mailboxes", "central,north");
        settings.put("saraban.mailbox.north.central-address", NORTH);
        settings.put("saraban.mailbox.north.imap.port", Integer.toString(northServer.imapPort()));
        settings.put("saraban.mailbox.north.imap.username", TestMailServer.LOGIN);
        settings.put("saraban.mailbox.north.imap.password", TestMailServer.PASSWORD);
        settings.put("saraban.mailbox.north.smtp.port", Integer.toString(northServer.smtpPort()));
        settings.put("saraban.mailbox.north.business-hours", "MON-FRI 07:00-15:00");
        settings.put("saraban.mailbox.north.check.afternoon-from", "11:00");
        startGateway(settings, new TestClock(Instant.parse("2026-10-28T03:00:00Z"), ZoneId.of("Asia/Bangkok")));
        RegisterRows central = new RegisterRows(database.dataSource(), TestMailServer.CENTRAL);
        RegisterRows north = new RegisterRows(database.dataSource(), NORTH);
        for (RegisterRows mailbox : new RegisterRows[] {central, north}) {
            mailbox.check("2026-10-01T07:30:00+07:00", "ok");
            mailbox.check("2026-10-01T11:30:00+07:00", "ok");
        }
        ComplianceReport report = gateway.context().getRegistry().lookupByNameAndType("complianceReport",
                ComplianceReport.class);
        LocalDate day = LocalDate.of(2026, 10, 1);

        ComplianceDay atCentral = report.forMailbox(TestMailServer.CENTRAL, day, day).get(0);
        ComplianceDay atNorth = report.forMailbox(NORTH, day, day).get(0);

        assertThat(report.mailboxes()).containsExactly(TestMailServer.CENTRAL, NORTH);
        assertThat(atCentral.morningChecks() + "+" + atCentral.afternoonChecks() + " " + atCentral.ruleMet())
                .isEqualTo("1+0 false");
        assertThat(atNorth.morningChecks() + "+" + atNorth.afternoonChecks() + " " + atNorth.ruleMet())
                .isEqualTo("1+1 true");
    }
}
