package th.go.saraban.gateway.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the central mailbox is and how to reach it. {@code toString()} leaves the password out so
 * that these settings can be logged.
 *
 * @param starttlsRequired with {@code imap}: refuse to log in unless the server upgrades to TLS, so
 *                         that nobody on the path can strip STARTTLS and read the password
 */
public record MailboxSettings(String name, String protocol, String host, int port, String username,
                              String password, String folder, boolean starttlsRequired, Duration timeout) {

    public MailboxSettings {
        Objects.requireNonNull(name, "name");
        if (!protocol.equals("imap") && !protocol.equals("imaps")) {
            throw new IllegalArgumentException("protocol must be imap or imaps, not " + protocol);
        }
    }

    @Override
    public String toString() {
        return protocol + "://" + username + "@" + host + ":" + port + "/" + folder;
    }
}
