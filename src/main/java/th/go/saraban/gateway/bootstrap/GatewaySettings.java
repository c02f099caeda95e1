package th.go.saraban.gateway.bootstrap;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import th.go.saraban.gateway.mail.ReadLimits;
import th.go.saraban.gateway.thai.Agency;

/**
 * Every {@code saraban.*} setting, read once and checked at start-up. A value that cannot work stops
 * the gateway with one message naming its key; nothing is half-started. Passwords are kept but
 * never printed: {@link #describe()} is what the logs get.
 */
public final class GatewaySettings {

    private final Function<String, Optional<String>> source;

    final String centralAddress;
    final String imapHost;
    final String imapProtocol;
    final int imapPort;
    final String imapUsername;
    final String imapPassword;
    final String imapFolder;
    final boolean imapStarttlsRequired;
    final Duration imapTimeout;
    final String dbUrl;
    final String dbUsername;
    final String dbPassword;
    final String checkCron;
    final java.time.LocalTime checkAfternoonFrom;
    final ZoneId zone;
    final String businessHours;
    final List<Path> holidayFiles;
    final java.time.Instant registerFrom;
    final int batchSize;
    final long batchBytes;
    final long maxMessageBytes;
    final ReadLimits readLimits;
    final int readMaxAttempts;
    final Duration readTimeLimit;
    final String smtpHost;
    final String smtpProtocol;
    final int smtpPort;
    final String smtpUsername;
    final String smtpPassword;
    final boolean smtpStarttlsRequired;
    final Duration smtpTimeout;
    final String sentFolder;
    final int outboxPollSeconds;
    final int outboxMaxAttempts;
    final Duration outboxFirstRetry;
    final Duration outboxLongestRetry;
    final boolean ackEnabled;
    final Path ackTemplate;
    final int ackDailyCap;
    final Duration ackMaxAge;
    final int ackHourlyCap;
    final String authservId;
    final boolean authRequireDmarcPass;
    final String agencyName;
    final String agencyCode;
    final String agencyContact;
    final Path embeddedDataDir;
    final int embeddedDbPort;
    final int embeddedSmtpPort;
    final int embeddedImapPort;

    /** @param source looks a key up in Camel's properties (environment variables override them) */
    public GatewaySettings(Function<String, Optional<String>> source) {
        this.source = source;
        centralAddress = address("saraban.central-address");
        imapHost = optional("saraban.imap.host").orElse("");
        imapProtocol = oneOf("saraban.imap.protocol", "imaps", "imaps", "imap");
        imapPort = port("saraban.imap.port", imapProtocol.equals("imaps") ? 993 : 143);
        imapUsername = optional("saraban.imap.username").orElse("");
        imapPassword = optional("saraban.imap.password").orElse("");
        imapFolder = optional("saraban.imap.folder").orElse("INBOX");
        imapStarttlsRequired = bool("saraban.imap.starttls-required", true);
        imapTimeout = Duration.ofSeconds(positive("saraban.imap.timeout-seconds", 60));
        dbUrl = optional("saraban.db.url").orElse("");
        dbUsername = optional("saraban.db.username").orElse("");
        dbPassword = optional("saraban.db.password").orElse("");
        checkCron = required("saraban.check.cron");
        checkAfternoonFrom = timeOfDay("saraban.check.afternoon-from", "12:00");
        zone = zone("saraban.timezone");
        businessHours = optional("saraban.business-hours").orElse("MON-FRI 08:30-16:30");
        holidayFiles = files("saraban.holidays");
        registerFrom = startDate("saraban.check.start-date");
        batchSize = positive("saraban.check.batch-size", 200);
        batchBytes = positive("saraban.check.batch-megabytes", 32) * 1024L * 1024L;
        maxMessageBytes = positive("saraban.max-message-megabytes", 50) * 1024L * 1024L;
        readLimits = readLimits();
        readMaxAttempts = positive("saraban.read.max-attempts", 3);
        readTimeLimit = Duration.ofSeconds(positive("saraban.read.time-limit-seconds", 30));
        smtpHost = optional("saraban.smtp.host").orElse("");
        smtpProtocol = oneOf("saraban.smtp.protocol", "smtp", "smtp", "smtps");
        smtpPort = port("saraban.smtp.port", smtpProtocol.equals("smtps") ? 465 : 587);
        smtpUsername = optional("saraban.smtp.username").orElse("");
        smtpPassword = optional("saraban.smtp.password").orElse("");
        smtpStarttlsRequired = bool("saraban.smtp.starttls-required", true);
        smtpTimeout = Duration.ofSeconds(positive("saraban.smtp.timeout-seconds", 60));
        sentFolder = optional("saraban.smtp.sent-folder").orElse("");
        outboxPollSeconds = positive("saraban.outbox.poll-seconds", 15);
        outboxMaxAttempts = positive("saraban.outbox.max-attempts", 8);
        outboxFirstRetry = Duration.ofSeconds(positive("saraban.outbox.first-retry-seconds", 60));
        outboxLongestRetry = Duration.ofMinutes(positive("saraban.outbox.longest-retry-minutes", 60));
        ackEnabled = bool("saraban.ack.enabled", true);
        ackTemplate = Path.of(optional("saraban.ack.template").orElse("config/templates/acknowledgement.th.txt"));
        ackDailyCap = positive("saraban.ack.daily-cap-per-recipient", 5);
        ackMaxAge = Duration.ofHours(positive("saraban.ack.max-age-hours", 72));
        ackHourlyCap = positive("saraban.ack.hourly-cap", 200);
        authservId = authservId("saraban.auth.authserv-id");
        authRequireDmarcPass = bool("saraban.auth.require-dmarc-pass", false);
        if (authRequireDmarcPass && authservId.isEmpty()) {
            throw new InvalidSettingException("saraban.auth.require-dmarc-pass", "is true but saraban.auth.authserv-id"
                    + " is blank: no Authentication-Results header would be believed and no letter acknowledged");
        }
        agencyName = oneLine("saraban.agency.name", optional("saraban.agency.name").orElse(""));
        agencyCode = agencyCode("saraban.agency.code");
        agencyContact = contact("saraban.agency.contact");
        embeddedDataDir = Path.of(optional("saraban.embedded.data-dir").orElse("data/postgres"));
        embeddedDbPort = port("saraban.embedded.db-port", 15432);
        embeddedSmtpPort = port("saraban.embedded.smtp-port", 2525);
        embeddedImapPort = port("saraban.embedded.imap-port", 3143);
        if (!imapHost.isEmpty() && smtpHost.isEmpty()) {
            throw new InvalidSettingException("saraban.smtp.host", "is required when saraban.imap.host is set:"
                    + " the embedded SMTP server runs only with the embedded mailbox");
        }
        if (!imapHost.isEmpty() && imapUsername.isEmpty()) {
            throw new InvalidSettingException("saraban.imap.username", "is required when saraban.imap.host is set");
        }
    }

    public boolean embeddedMailbox() {
        return imapHost.isEmpty();
    }

    public boolean embeddedSmtp() {
        return smtpHost.isEmpty();
    }

    public boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    public String centralAddress() {
        return centralAddress;
    }

    public ZoneId zone() {
        return zone;
    }

    /** For the start-up log: where things are, never a password. */
    public String describe() {
        return "central address " + centralAddress
                + ", agency " + (agencyName.isEmpty() ? "(no name: named by its central address)" : agencyName)
                + (agencyCode.isEmpty() ? "" : " (" + agencyCode + ")")
                + ", mailbox " + (embeddedMailbox() ? "embedded GreenMail" : imapProtocol + "://" + imapUsername
                + "@" + imapHost + ":" + imapPort + "/" + imapFolder)
                + ", database " + (embeddedDatabase() ? "embedded PostgreSQL in " + embeddedDataDir.toAbsolutePath()
                : withoutCredentials(dbUrl))
                + ", SMTP " + (embeddedSmtp() ? "embedded GreenMail" : smtpProtocol + "://" + smtpHost + ":" + smtpPort
                + (smtpProtocol.equals("smtp") && smtpStarttlsRequired ? " (STARTTLS required)" : ""))
                + ", acknowledgements " + (ackEnabled ? "on (" + ackTemplate + ")" : "off")
                + ", sender authentication " + (authservId.isEmpty() ? "not read (no saraban.auth.authserv-id)"
                : "from " + authservId + (authRequireDmarcPass ? ", DMARC pass required" : ""))
                + (registerFrom.equals(java.time.Instant.MIN) ? "" : ", registering mail received from " + registerFrom)
                + ", checks '" + checkCron + "' in " + zone + " (afternoon from " + checkAfternoonFrom + ")"
                + ", business hours " + businessHours;
    }

    private static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|passwd|pwd)=[^&;]*", "$1=***");
    }

    private Optional<String> optional(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String required(String key) {
        return optional(key).orElseThrow(() -> new InvalidSettingException(key, "is required but empty"));
    }

    private String address(String key) {
        String value = required(key);
        try {
            InternetAddress address = new InternetAddress(value, true);
            if (address.getPersonal() != null || !value.equals(address.getAddress()) || !value.contains("@")) {
                throw new AddressException("expected a bare address like saraban@agency.go.th");
            }
            return value;
        } catch (AddressException e) {
            throw new InvalidSettingException(key, "'" + value + "' is not an e-mail address ("
                    + e.getMessage() + ")");
        }
    }

    /** Written into letters, never into headers; still, one line means no surprises in either. */
    private static String oneLine(String key, String value) {
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingException(key, "must be one line without control characters");
        }
        return value;
    }

    private String agencyCode(String key) {
        Optional<String> value = optional(key);
        try {
            return value.map(Agency::officialCode).orElse("");
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, e.getMessage());
        }
    }

    /** Several lines: a real line break, or a written {@code \n} (environment variables cannot hold one). */
    private String contact(String key) {
        String value = optional(key).orElse("").replace("\\n", "\n").replace("\r\n", "\n");
        List<String> lines = value.lines().map(String::strip).toList();
        for (String line : lines) {
            oneLine(key, line);
        }
        return String.join("\n", lines).strip();
    }

    private String oneOf(String key, String fallback, String... allowed) {
        String value = optional(key).orElse(fallback);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new InvalidSettingException(key, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    private int port(String key, int fallback) {
        int value = integer(key, fallback);
        if (value < 1 || value > 65535) {
            throw new InvalidSettingException(key, value + " is not a TCP port (1-65535)");
        }
        return value;
    }

    /** The limits on reading one letter; each a positive whole number, the byte limits at least 1 KB. */
    private ReadLimits readLimits() {
        ReadLimits defaults = ReadLimits.DEFAULTS;
        return new ReadLimits(
                positive(ReadLimits.PARTS, defaults.maxParts()),
                positive(ReadLimits.DEPTH, defaults.maxDepth()),
                positive(ReadLimits.HEADERS, defaults.maxHeaders()),
                atLeast(ReadLimits.HEADER_BYTES, defaults.maxHeaderBytes(), 1024),
                atLeast(ReadLimits.HEADER_SECTION_BYTES, defaults.maxHeaderSectionBytes(), 1024),
                atLeast(ReadLimits.LINE_BYTES, defaults.maxLineBytes(), 1024),
                positive(ReadLimits.BODY_CHARS, defaults.maxBodyChars()),
                positive(ReadLimits.ATTACHMENTS, defaults.maxAttachments()),
                positive(ReadLimits.HTML_CHARS, defaults.maxHtmlChars()));
    }

    /** RFC 5322 allows lines of 998 bytes: a smaller byte limit would cut ordinary mail. */
    private int atLeast(String key, int fallback, int least) {
        int value = integer(key, fallback);
        if (value < least) {
            throw new InvalidSettingException(key, "must be at least " + least + " bytes, not " + value);
        }
        return value;
    }

    private int positive(String key, int fallback) {
        int value = integer(key, fallback);
        if (value < 1) {
            throw new InvalidSettingException(key, "must be a positive whole number, not " + value);
        }
        return value;
    }

    private int integer(String key, int fallback) {
        Optional<String> value = optional(key);
        try {
            return value.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "'" + value.get() + "' is not a whole number");
        }
    }

    private boolean bool(String key, boolean fallback) {
        String value = optional(key).orElse(Boolean.toString(fallback));
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidSettingException(key, "'" + value + "' is not true or false");
        }
        return Boolean.parseBoolean(value);
    }

    /** An RFC 8601 authserv-id as our server writes it: one token, no space, ';', quote or comment. */
    private String authservId(String key) {
        String value = optional(key).orElse("");
        if (!value.matches("[!#-'*-:<-~]*")) {
            throw new InvalidSettingException(key, "'" + value + "' is not an authserv-id like mx.agency.go.th"
                    + " (the first word of the Authentication-Results headers your receiving server writes)");
        }
        return value;
    }

    /** A time of day written HH:mm, as in business hours. */
    private java.time.LocalTime timeOfDay(String key, String fallback) {
        String value = optional(key).orElse(fallback);
        if (!value.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            throw new InvalidSettingException(key, "'" + value + "' is not a time of day like 12:00 (HH:mm, 00:00-23:59)");
        }
        return java.time.LocalTime.parse(value);
    }

    /** Start of the given day in the agency's zone; no date means everything in the mailbox. */
    private java.time.Instant startDate(String key) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return java.time.Instant.MIN;
        }
        try {
            return java.time.LocalDate.parse(value.get()).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidSettingException(key, "'" + value.get() + "' is not a date like 2026-12-01");
        }
    }

    private ZoneId zone(String key) {
        String value = optional(key).orElse("Asia/Bangkok");
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new InvalidSettingException(key, "'" + value + "' is not a time zone (e.g. Asia/Bangkok)");
        }
    }

    private List<Path> files(String key) {
        List<Path> files = Arrays.stream(required(key).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new InvalidSettingException(key, "cannot read " + file.toAbsolutePath());
            }
        }
        return files;
    }
}
