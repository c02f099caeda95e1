package th.go.saraban.gateway.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the central mailbox is and how to reach it. {@code toString()} leaves the password out so
 * that these settings can be logged.
 */
public record MailboxSettings(String name, String protocol, String host, int port, String username,
                              String password, String folder, Duration timeout) {

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
