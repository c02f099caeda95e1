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
    final ZoneId zone;
    final String businessHours;
    final List<Path> holidayFiles;
    final java.time.Instant registerFrom;
    final int batchSize;
    final long batchBytes;
    final long maxMessageBytes;
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
        zone = zone("saraban.timezone");
        businessHours = optional("saraban.business-hours").orElse("MON-FRI 08:30-16:30");
        holidayFiles = files("saraban.holidays");
        registerFrom = startDate("saraban.check.start-date");
        batchSize = positive("saraban.check.batch-size", 200);
        batchBytes = positive("saraban.check.batch-megabytes", 32) * 1024L * 1024L;
        maxMessageBytes = positive("saraban.max-message-megabytes", 50) * 1024L * 1024L;
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
                + ", mailbox " + (embeddedMailbox() ? "embedded GreenMail" : imapProtocol + "://" + imapUsername
                + "@" + imapHost + ":" + imapPort + "/" + imapFolder)
                + ", database " + (embeddedDatabase() ? "embedded PostgreSQL in " + embeddedDataDir.toAbsolutePath()
                : withoutCredentials(dbUrl))
                + ", SMTP " + (embeddedSmtp() ? "embedded GreenMail" : smtpProtocol + "://" + smtpHost + ":" + smtpPort
                + (smtpProtocol.equals("smtp") && smtpStarttlsRequired ? " (STARTTLS required)" : ""))
                + ", acknowledgements " + (ackEnabled ? "on (" + ackTemplate + ")" : "off")
                + (registerFrom.equals(java.time.Instant.MIN) ? "" : ", registering mail received from " + registerFrom)
                + ", checks '" + checkCron + "' in " + zone + ", business hours " + businessHours;
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
