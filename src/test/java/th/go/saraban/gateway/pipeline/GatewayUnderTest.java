package th.go.saraban.gateway.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;
import th.go.saraban.gateway.bootstrap.GatewayMain;
import th.go.saraban.gateway.mail.MailboxCheck;
import th.go.saraban.gateway.outbound.SentFolderScan;

/**
 * The real gateway (routes from {@code routes/}, settings from {@code config/}) pointed at a test
 * mail server and a test database, with scheduled checks off unless a test turns them on: checks
 * run when the test says so, through the same route the schedule uses.
 */
public final class GatewayUnderTest implements AutoCloseable {

    /**
     * JVM option for a gateway process a test starts and soon kills: the JIT's first tier only. The
     * second (C2) pays off in long runs; in a process that lives seconds its compiler threads compete
     * with start-up for the CPU, and on a busy 2-core machine a start took 17-20 s with them and 7-9 s
     * without. The code run is the same. Not for tests that measure heap or CPU like production.
     */
    public static final String SHORT_LIVED = "-XX:TieredStopAtLevel=1";

    private final Main main;
    private ProducerTemplate producer;

    private GatewayUnderTest(Main main) {
        this.main = main;
    }

    public static Map<String, String> settingsFor(AgencyMailServer mail, TestDatabase database) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("saraban.central-address", TestMailServer.CENTRAL);
        settings.put("saraban.imap.host", "127.0.0.1");
        settings.put("saraban.imap.protocol", "imap");
        settings.put("saraban.imap.port", Integer.toString(mail.imapPort()));
        settings.put("saraban.imap.username", mail.login());
        settings.put("saraban.imap.password", mail.password());
        settings.put("saraban.imap.timeout-seconds", "10");
        settings.put("saraban.imap.starttls-required", "false");
        settings.put("saraban.db.url", database.url());
        settings.put("saraban.db.username", "postgres");
        settings.put("saraban.smtp.host", "127.0.0.1");
        settings.put("saraban.smtp.protocol", "smtp");
        settings.put("saraban.smtp.port", Integer.toString(mail.smtpPort()));
        settings.put("saraban.smtp.starttls-required", "false");
        settings.put("saraban.smtp.timeout-seconds", "5");
        settings.put("saraban.check.enabled", "false");
        settings.put("saraban.outbox.enabled", "false");
        // the API, health and metrics on a port the system chooses; httpPort() says which
        settings.put("camel.server.port", "0");
        settings.put("camel.management.port", "0");
        return settings;
    }

    public static GatewayUnderTest start(Map<String, String> settings, Clock clock) {
        return start(settings, clock, Map.of());
    }

    /** @param beans bound before start-up, so the gateway uses them (a faulty {@code letterReader}) */
    public static GatewayUnderTest start(Map<String, String> settings, Clock clock, Map<String, Object> beans) {
        Main main = GatewayMain.create();
        settings.forEach(main::addOverrideProperty);
        main.bind("clock", clock);
        beans.forEach(main::bind);
        GatewayUnderTest gateway = new GatewayUnderTest(main);
        try {
            main.start();
        } catch (Exception e) {
            gateway.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return gateway;
    }

    /**
     * Starts the gateway as {@code java th.go.saraban.gateway.App} in a process of its own, with
     * the test's class path and settings and {@code jvmOptions} (a heap limit, say), its output
     * appended to {@code log}: for tests that kill it or must not share its heap with the test.
     */
    public static Process startProcess(Map<String, String> settings, File log, String... jvmOptions)
            throws IOException {
        return startProcess("th.go.saraban.gateway.App", settings, log, jvmOptions);
    }

    /** The same, with another main class (one that wraps the gateway to make it fail on purpose). */
    public static Process startProcess(String mainClass, Map<String, String> settings, File log, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(mainClass);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** The port the HTTP server (API, health, metrics) was bound to. */
    public int httpPort() {
        VertxPlatformHttpServer server = context().hasService(VertxPlatformHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("the gateway runs no HTTP server (camel.server.enabled=false?)");
        }
        return server.getPort();
    }

    /** Runs one check now, exactly as the schedule would, and returns it when it has finished. */
    public MailboxCheck checkMailbox() {
        return producer().requestBody("direct:check-mailbox", null, MailboxCheck.class);
    }

    /** Reads the sent folder once, exactly as the schedule would, and returns the finished run. */
    public SentFolderScan registerSentMail() {
        return producer().requestBody("direct:register-sent-mail", null, SentFolderScan.class);
    }

    /** Runs the send-outbox route once, as its timer would. */
    public void sendOutbox() {
        producer().requestBody("direct:send-outbox", (Object) null);
    }

    /** Queues a reply through the queue-reply route; returns the outgoing_message id. */
    public long queueReply(Object request) {
        return producer().requestBody("direct:queue-reply", request, Long.class);
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = context().createProducerTemplate();
        }
        return producer;
    }

    @Override
    public void close() {
        try {
            if (producer != null) {
                producer.close();
            }
        } catch (Exception ignored) {
            // stopping the gateway below is what matters
        }
        main.stop();
    }
}
