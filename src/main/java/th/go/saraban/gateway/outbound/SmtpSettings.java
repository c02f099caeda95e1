package th.go.saraban.gateway.outbound;

import java.time.Duration;

/**
 * The one SMTP endpoint everything leaves through. {@code toString()} leaves the password out.
 *
 * @param protocol         {@code smtps} (TLS from the first byte) or {@code smtp}
 * @param starttlsRequired with {@code smtp}: refuse to send unless the server upgrades to TLS
 */
public record SmtpSettings(String protocol, String host, int port, String username, String password,
                           boolean starttlsRequired, Duration timeout) {

    public SmtpSettings {
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw new IllegalArgumentException("protocol must be smtp or smtps, not " + protocol);
        }
    }

    public boolean authenticated() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return protocol + "://" + (authenticated() ? username + "@" : "") + host + ":" + port
                + (protocol.equals("smtp") && starttlsRequired ? " (STARTTLS required)" : "");
    }
}
