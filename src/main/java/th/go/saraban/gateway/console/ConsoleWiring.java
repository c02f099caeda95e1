package th.go.saraban.gateway.console;

import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.compliance.ComplianceReport;
import th.go.saraban.gateway.outbound.OfficerReplies;
import th.go.saraban.gateway.outbound.Outbox;
import th.go.saraban.gateway.register.EntryActions;

/** Binds the beans routes/console.camel.yaml calls, on top of the gateway's own (dataSource, clock, outbox). */
public final class ConsoleWiring {

    private ConsoleWiring() {
    }

    public static void configure(CamelContext context) {
        ConsoleSettings settings = ConsoleSettings.read(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        Outbox outbox = registry.lookupByNameAndType("outbox", Outbox.class);
        ReceiptCalendar calendar = registry.lookupByNameAndType("receiptCalendar", ReceiptCalendar.class);
        ZoneId zone = calendar.zone();
        String agency = context.getPropertiesComponent().resolveProperty("saraban.agency.name")
                .map(String::strip).filter(name -> !name.isEmpty()).orElse(outbox.centralAddress());

        Layout layout = new Layout(agency);
        ThaiTime time = new ThaiTime(zone);
        ConsoleHttp http = new ConsoleHttp(settings.secureCookies(), layout);
        Sessions sessions = new Sessions(dataSource, clock, settings.sessionIdle());
        ConsoleUsers users = new ConsoleUsers(dataSource, clock, new Passwords());
        SignInThrottle throttle = new SignInThrottle(dataSource, clock, settings.signInFailuresPerUser(),
                settings.signInFailuresPerAddress(), settings.signInWindow());
        EntryActions actions = new EntryActions(dataSource, clock, zone);
        OfficerReplies replies = new OfficerReplies(outbox, dataSource, clock, settings.maxReplyBytes());

        registry.bind("consoleHttp", http);
        registry.bind("consoleGate", new ConsoleGate(http, sessions));
        registry.bind("consoleSignIn", new SignInPage(layout, users, sessions, throttle));
        registry.bind("consoleAssets", new Assets());
        ComplianceReport report = registry.lookupByNameAndType("complianceReport", ComplianceReport.class);
        registry.bind("consoleToday", new TodayPage(dataSource, clock, calendar, time, layout, outbox.centralAddress(),
                report));
        registry.bind("consoleRegister", new RegisterPage(dataSource, clock, time, layout, actions, replies));
        registry.bind("consoleCompliance", new CompliancePage(report, time, layout));
        registry.bind("consoleNeedsAPerson", new NeedsPersonPage(dataSource, clock, time, layout));
        registry.bind("consoleOutbox", new OutboxPage(dataSource, clock, outbox, time, layout));
    }
}
