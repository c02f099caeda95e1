package th.go.saraban.gateway.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.go.saraban.gateway.calendar.BusinessHours;
import th.go.saraban.gateway.calendar.CheckSchedule;
import th.go.saraban.gateway.calendar.HolidayCalendar;
import th.go.saraban.gateway.calendar.HolidayDataCheck;
import th.go.saraban.gateway.calendar.ReceiptCalendar;
import th.go.saraban.gateway.cluster.ClusterSettings;
import th.go.saraban.gateway.cluster.MailboxKeys;
import th.go.saraban.gateway.cluster.MailboxRoutes;
import th.go.saraban.gateway.cluster.Mailboxes;
import th.go.saraban.gateway.cluster.QuartzCluster;
import th.go.saraban.gateway.mail.BatchPlan;
import th.go.saraban.gateway.mail.CentralMailbox;
import th.go.saraban.gateway.mail.LetterAttempts;
import th.go.saraban.gateway.mail.LetterReader;
import th.go.saraban.gateway.mail.MailboxChecks;
import th.go.saraban.gateway.mail.MailboxSettings;
import th.go.saraban.gateway.observe.ObserveWiring;
import th.go.saraban.gateway.register.IncomingRegister;
import th.go.saraban.gateway.register.LetterIntake;
import th.go.saraban.gateway.outbound.AcknowledgementTemplate;
import th.go.saraban.gateway.outbound.Acknowledgements;
import th.go.saraban.gateway.outbound.Outbox;
import th.go.saraban.gateway.outbound.OutsideMailRegister;
import th.go.saraban.gateway.outbound.SentFolder;
import th.go.saraban.gateway.outbound.SentFolderScans;
import th.go.saraban.gateway.outbound.SentMessageReader;
import th.go.saraban.gateway.outbound.SmtpEndpoint;
import th.go.saraban.gateway.outbound.SmtpSettings;
import th.go.saraban.gateway.thai.Agency;

/**
 * Wires the beans the routes call, after checking every setting of every mailbox. Runs before any route starts, so a
 * wrong setting stops the gateway before it touches the mailbox. A {@code Clock} already bound in
 * the registry (tests bind a fixed one) is used instead of the system clock, and so is a
 * {@code letterReader} ({@link LetterIntake.Reader}) instead of the real reader.
 */
public final class GatewayConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfiguration.class);

    /** How far ahead the schedule rule is checked: a year of business days. */
    private static final int SCHEDULE_HORIZON_DAYS = 366;

    @Override
    public void configure(CamelContext context) throws Exception {
        readSettingsFilesAsUtf8(context);
        Function<String, Optional<String>> source = key -> context.getPropertiesComponent().resolveProperty(key);
        List<String> names = MailboxKeys.names(source);
        List<MailboxKeys> keys = new ArrayList<>();
        List<GatewaySettings> mailboxSettings = new ArrayList<>();
        for (String name : names) {
            MailboxKeys mailboxKeys = MailboxKeys.of(source, name, keys.isEmpty());
            keys.add(mailboxKeys);
            try {
                mailboxSettings.add(new GatewaySettings(mailboxKeys::lookup));
            } catch (InvalidSettingException e) {
                throw mailboxKeys.named(e, names.size());
            }
        }
        refuseSharedIdentities(keys, mailboxSettings);
        // the database, the outbox and the embedded servers are the gateway's, read as the first mailbox reads them
        GatewaySettings settings = mailboxSettings.get(0);
        Registry registry = context.getRegistry();
        Clock clock = Optional.ofNullable(registry.lookupByNameAndType("clock", Clock.class))
                .orElseGet(() -> Clock.system(settings.zone));

        DataSource dataSource = dataSource(context, settings);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        EmbeddedMailServer embeddedMail = settings.embeddedMailbox() ? embeddedMailServer(context, settings) : null;
        Outbox.OutboxPolicy policy = new Outbox.OutboxPolicy(settings.outboxMaxAttempts, settings.outboxFirstRetry,
                settings.outboxLongestRetry, abandonedAfter(settings.smtpTimeout));
        registry.bind("clock", Clock.class, clock);
        registry.bind("dataSource", DataSource.class, dataSource);
        // the one outbox of every mailbox: a row names the mailbox (central address) it leaves from
        registry.bind("outbox", new Outbox(dataSource, clock, settings.zone, settings.centralAddress, policy));
        // a reader already bound (tests bind one that fails on purpose) is used instead of the real one
        LetterIntake.Reader boundReader = registry.lookupByNameAndType("letterReader", LetterIntake.Reader.class);

        ClusterSettings cluster = ClusterSettings.read(source);
        Mailboxes mailboxes = new Mailboxes();
        List<HolidayDataCheck.MailboxHolidays> holidayData = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                mailboxes.add(wireMailbox(registry, names.get(i), i == 0, names.size() > 1, mailboxSettings.get(i), clock, dataSource,
                        i == 0 ? embeddedMail : null, policy, boundReader, cluster.node()));
            } catch (InvalidSettingException e) {
                throw keys.get(i).named(e, names.size());
            }
            ReceiptCalendar calendar = registry.lookupByNameAndType("receiptCalendar-" + names.get(i), ReceiptCalendar.class);
            holidayData.add(new HolidayDataCheck.MailboxHolidays(names.get(i), calendar.holidays(), calendar.zone()));
        }
        registry.bind("mailboxes", mailboxes);
        // every mailbox's holiday data, at start-up and each morning: a warning once for the mailboxes it concerns
        HolidayDataCheck holidayDataCheck = new HolidayDataCheck(holidayData, clock);
        holidayDataCheck.warnIfRunningOut();
        registry.bind("holidayDataCheck", holidayDataCheck);
        registry.bind("mailboxRoutes", RouteTemplateParameterSource.class, new MailboxRoutes(mailboxes));
        QuartzCluster.configure(context, dataSource, cluster, names);
        th.go.saraban.gateway.api.ApiWiring.bind(context);
        th.go.saraban.gateway.api.RecordsWiring.bind(context);
        ObserveWiring.configure(context);
        th.go.saraban.gateway.push.PushWiring.configure(context);
        th.go.saraban.gateway.compliance.ComplianceWiring.configure(context);
        th.go.saraban.gateway.console.ConsoleWiring.configure(context);
    }

    /**
     * One mailbox's beans, bound as {@code <bean>-<name>} for its routes from the templates in
     * {@code routes/}; the first mailbox's also under the single-mailbox names ({@code mailboxChecks},
     * {@code incomingRegister}, ...) that {@code direct:check-mailbox} and other callers use.
     */
    private static Mailboxes.Mailbox wireMailbox(Registry registry, String name, boolean first, boolean several,
                                                 GatewaySettings settings, Clock clock, DataSource dataSource,
                                                 EmbeddedMailServer embeddedMail, Outbox.OutboxPolicy policy,
                                                 LetterIntake.Reader boundReader, String node) {
        // a single-mailbox gateway says what it always said; with several, each line names its mailbox
        String about = several ? name + ": " : "";
        RegulationWarnings.of(settings, clock.instant()).forEach(warning -> LOG.warn("{}{}", about, warning));
        ReceiptCalendar calendar = receiptCalendar(settings, clock);
        LOG.info("{}: holiday data covers the years {} (provisional: {}) from {}", name,
                calendar.holidays().coveredYears(), calendar.holidays().provisionalYears(), settings.holidayFiles);
        AcknowledgementTemplate template = template(settings);
        if (settings.embeddedMailbox() && !first) {
            throw new InvalidSettingException("saraban.imap.host", "is required: only the first mailbox may use the"
                    + " embedded mail server");
        }
        CentralMailbox mailbox = new CentralMailbox(mailboxSettings(settings, embeddedMail));
        SmtpEndpoint smtp = new SmtpEndpoint(smtpSettings(settings, embeddedMail));
        // the mailbox's own view of the outbox: its acknowledgements leave from its central address
        Outbox outbox = new Outbox(dataSource, clock, settings.zone, settings.centralAddress, policy);
        Acknowledgements acknowledgements = new Acknowledgements(settings.ackEnabled, template,
                settings.ackDailyCap, settings.ackMaxAge, outbox, settings.zone, clock,
                settings.authservId, settings.authRequireDmarcPass, settings.ackHourlyCap, agency(settings));
        LetterIntake.Reader reader = Optional.ofNullable(boundReader)
                .orElseGet(() -> new LetterReader(settings.readLimits)::read);
        LetterAttempts attempts = new LetterAttempts(dataSource, clock, settings.readMaxAttempts);
        BatchPlan plan = new BatchPlan(settings.batchSize, settings.batchBytes, settings.maxMessageBytes);
        SentFolder sentFolder = new SentFolder(mailbox, settings.sentFolder, dataSource);
        // mail sent from the central mailbox outside the gateway (webmail), found in the sent folder
        SentFolderScans sentFolderScans = new SentFolderScans(mailbox, settings.sentFolder, plan, dataSource, clock);
        if (!settings.sentFolder.isBlank() && !sentFolderScans.configured()) {
            LOG.warn("{}: saraban.smtp.sent-folder is the checked folder {}: mail sent from the central mailbox"
                    + " outside the gateway is not registered in the sending register", name, settings.sentFolder);
        }
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("receiptCalendar", calendar);
        beans.put("centralMailbox", mailbox);
        beans.put("letterAttempts", attempts);
        beans.put("mailboxChecks", new MailboxChecks(dataSource, mailbox, plan, attempts, settings.registerFrom, clock, node));
        beans.put("letterIntake", new LetterIntake(reader, calendar, attempts, settings.readTimeLimit));
        beans.put("incomingRegister", new IncomingRegister(dataSource, clock, acknowledgements::decide,
                settings.authservId));
        beans.put("smtpEndpoint", smtp);
        beans.put("sentFolder", sentFolder);
        beans.put("sentFolderScans", sentFolderScans);
        beans.put("sentMessageReader", new SentMessageReader(new LetterReader(settings.readLimits)));
        beans.put("outsideMailRegister", new OutsideMailRegister(dataSource, clock, settings.zone,
                settings.registerFrom));
        beans.forEach((bean, value) -> {
            registry.bind(bean + "-" + name, value);
            if (first) {
                registry.bind(bean, value);
            }
        });
        if (several) {
            LOG.info("Saraban gateway mailbox {}: {}", name, settings.describe());
        } else {
            LOG.info("Saraban gateway: {}", settings.describe());
        }
        return new Mailboxes.Mailbox(name, settings.centralAddress, settings.checkCron, settings.zone.getId(), smtp,
                sentFolder);
    }

    /** Two mailboxes with one central address would share one register and answer as each other. */
    private static void refuseSharedIdentities(List<MailboxKeys> keys, List<GatewaySettings> settings) {
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String address = settings.get(i).centralAddress.toLowerCase(java.util.Locale.ROOT);
            String owner = owners.putIfAbsent(address, keys.get(i).name());
            if (owner != null) {
                throw new InvalidSettingException(keys.get(i).ownKey("saraban.central-address"), "mailbox "
                        + keys.get(i).name() + " has the central address " + address + " of mailbox " + owner
                        + ": each mailbox is its own register");
            }
        }
    }

    /**
     * Camel reads properties files as ISO-8859-1, which turns a Thai agency name or contact written in
     * config/application.properties into mojibake. Reading the same locations again as UTF-8 changes
     * nothing for ASCII values; environment variables and overrides are looked up separately.
     */
    private static void readSettingsFilesAsUtf8(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (!properties.getLocations().isEmpty()) {
            properties.setEncoding(StandardCharsets.UTF_8.name());
            properties.setLocation(String.join(",", properties.getLocations()));
        }
    }

    private static ReceiptCalendar receiptCalendar(GatewaySettings settings, Clock clock) {
        BusinessHours hours;
        try {
            hours = BusinessHours.parse(settings.businessHours);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("saraban.business-hours", e.getMessage());
        }
        HolidayCalendar holidays;
        try {
            holidays = HolidayCalendar.load(settings.holidayFiles);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("saraban.holidays", e.getMessage());
        }
        ReceiptCalendar calendar;
        try {
            calendar = new ReceiptCalendar(hours, holidays, settings.zone);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("saraban.business-hours", e.getMessage());
        }
        LocalDate today = LocalDate.now(clock.withZone(settings.zone));
        Optional<String> violation;
        try {
            violation = CheckSchedule.violation(settings.checkCron, calendar, settings.checkAfternoonFrom, today,
                    SCHEDULE_HORIZON_DAYS);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("saraban.check.cron", "'" + settings.checkCron
                    + "' is not a Quartz cron expression: " + e.getMessage());
        }
        violation.ifPresent(why -> {
            throw new InvalidSettingException("saraban.check.cron", "'" + settings.checkCron
                    + "' checks too seldom: " + why + " (saraban.check.afternoon-from = "
                    + settings.checkAfternoonFrom + ")");
        });
        return calendar;
    }

    private static DataSource dataSource(CamelContext context, GatewaySettings settings) throws Exception {
        DatabaseConnections.Settings connections = DatabaseConnections.Settings.read(
                key -> context.getPropertiesComponent().resolveProperty(key));
        HikariDataSource pool;
        if (settings.embeddedDatabase()) {
            EmbeddedDatabase database = new EmbeddedDatabase(settings.embeddedDataDir, settings.embeddedDbPort,
                    settings.zone);
            pool = database.startAndConnect(connections.poolSize());
            context.addService(database, true, true);
            LOG.info("No saraban.db.url set: using embedded PostgreSQL at {} with data in {}",
                    database.jdbcUrl(), settings.embeddedDataDir.toAbsolutePath());
        } else {
            try {
                pool = DatabaseConnections.pool(settings.dbUrl, settings.dbUsername, settings.dbPassword, connections);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("saraban.db.url", "is not a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)");
            }
            if (!connections.verifiesServer() && !DatabaseConnections.onThisMachine(settings.dbUrl)) {
                LOG.warn("saraban.db.sslmode={}: the PostgreSQL server's identity is not checked; use verify-full"
                        + " (with saraban.db.ssl-root-cert) when the database is on another machine",
                        connections.sslMode());
            }
        }
        // added after the embedded database, so stopped before it: the pool closes first
        context.addService(new DatabaseConnections.Pool(pool), true, true);
        return pool;
    }

    private static EmbeddedMailServer embeddedMailServer(CamelContext context, GatewaySettings settings)
            throws Exception {
        EmbeddedMailServer server = new EmbeddedMailServer(settings.centralAddress,
                settings.embeddedSmtpPort, settings.embeddedImapPort);
        server.startNow();
        context.addService(server, true, true);
        LOG.info("No saraban.imap.host set: embedded mail server for {} is running. Send a test letter to {}"
                + " through SMTP at 127.0.0.1:{} (IMAP at 127.0.0.1:{})", settings.centralAddress,
                settings.centralAddress, server.smtpPort(), server.imapPort());
        return server;
    }

    private static MailboxSettings mailboxSettings(GatewaySettings settings, EmbeddedMailServer embedded) {
        if (embedded != null) {
            return new MailboxSettings(settings.centralAddress, "imap", "127.0.0.1", embedded.imapPort(),
                    EmbeddedMailServer.LOGIN, embedded.password(), "INBOX", false, settings.imapTimeout);
        }
        if (settings.imapProtocol.equals("imap") && !settings.imapStarttlsRequired) {
            LOG.warn("saraban.imap.starttls-required=false: the mailbox password may cross the network in clear"
                    + " text; use imaps, or imap with STARTTLS required, in production");
        }
        return new MailboxSettings(settings.centralAddress, settings.imapProtocol, settings.imapHost,
                settings.imapPort, settings.imapUsername, settings.imapPassword, settings.imapFolder,
                settings.imapStarttlsRequired, settings.imapTimeout);
    }

    private static SmtpSettings smtpSettings(GatewaySettings settings, EmbeddedMailServer embedded) {
        if (settings.embeddedSmtp()) {
            if (embedded == null) {
                throw new InvalidSettingException("saraban.smtp.host", "is required when saraban.imap.host is set");
            }
            return new SmtpSettings("smtp", "127.0.0.1", embedded.smtpPort(), "", "", false, settings.smtpTimeout);
        }
        if (settings.smtpProtocol.equals("smtp") && !settings.smtpStarttlsRequired) {
            LOG.warn("saraban.smtp.starttls-required=false: replies to citizens may cross the network unencrypted");
        }
        return new SmtpSettings(settings.smtpProtocol, settings.smtpHost, settings.smtpPort, settings.smtpUsername,
                settings.smtpPassword, settings.smtpStarttlsRequired, settings.smtpTimeout);
    }

    private static AcknowledgementTemplate template(GatewaySettings settings) {
        try {
            return AcknowledgementTemplate.load(settings.ackTemplate);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("saraban.ack.template", e.getMessage());
        }
    }

    /** An agency without a configured name is named by its central address, which is never wrong. */
    private static Agency agency(GatewaySettings settings) {
        return new Agency(settings.agencyName.isEmpty() ? settings.centralAddress : settings.agencyName,
                settings.agencyCode, settings.agencyContact);
    }

    /** A send still "in progress" this long after it began belongs to a process that died. */
    private static Duration abandonedAfter(Duration smtpTimeout) {
        Duration fourTimeouts = smtpTimeout.multipliedBy(4);
        return fourTimeouts.compareTo(Duration.ofMinutes(5)) > 0 ? fourTimeouts : Duration.ofMinutes(5);
    }
}
