package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a new user gets with nothing configured: a letter sent to the embedded SMTP port is
 * registered in the embedded PostgreSQL, durably, and is still there after a restart.
 */
class EmbeddedDefaultsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    @Test
    void registersLetterSentToEmbeddedMailboxAndKeepsItAcrossRestart() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("saraban.embedded.data-dir", Files.createTempDirectory("saraban-data").toString());
        settings.put("saraban.embedded.db-port", Integer.toString(freePort()));
        settings.put("saraban.embedded.smtp-port", Integer.toString(freePort()));
        settings.put("saraban.embedded.imap-port", Integer.toString(freePort()));
        settings.put("saraban.check.enabled", "false");
        Rows rows = new Rows(embeddedDatabase(settings));

        try (GatewayUnderTest gateway = GatewayUnderTest.start(settings, NOW)) {
            send(Integer.parseInt(settings.get("saraban.embedded.smtp-port")), "ทดลองส่งหนังสือ");
            gateway.checkMailbox();
            assertThat(rows.single("SELECT current_setting('synchronous_commit') AS s").get("s")).isEqualTo("on");
            assertThat(rows.single("SELECT current_setting('fsync') AS s").get("s")).isEqualTo("on");
            Rows gatewaySessions = new Rows(gateway.context().getRegistry().lookupByNameAndType("dataSource",
                    javax.sql.DataSource.class));
            assertThat(gatewaySessions.single("SELECT current_setting('lock_timeout') AS l,"
                    + " current_setting('idle_in_transaction_session_timeout') AS i"))
                    .containsEntry("l", "2min").containsEntry("i", "10min");
        }
        try (GatewayUnderTest restarted = GatewayUnderTest.start(settings, NOW)) {
            assertThat(rows.query("SELECT mailbox, subject, register_year, register_no FROM incoming_register"))
                    .extracting(r -> r.get("mailbox") + " " + r.get("subject") + " " + r.get("register_year")
                            + "/" + r.get("register_no"))
                    .containsExactly("saraban@localhost ทดลองส่งหนังสือ 2569/1");
        }
    }

    private static PGSimpleDataSource embeddedDatabase(Map<String, String> settings) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://localhost:" + settings.get("saraban.embedded.db-port") + "/saraban");
        dataSource.setUser("postgres");
        return dataSource;
    }

    private static void send(int smtpPort, String subject) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(smtpPort));
        MimeMessage letter = new MimeMessage(Session.getInstance(props));
        letter.setFrom(new InternetAddress("citizen@example.org"));
        letter.setRecipient(Message.RecipientType.TO, new InternetAddress("saraban@localhost"));
        letter.setSubject(subject, "UTF-8");
        letter.setText("เรียน เจ้าหน้าที่", "UTF-8");
        Transport.send(letter);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
