package th.go.saraban.gateway.pipeline;

/**
 * The agency's mail server as the gateway under test sees it: where it logs in to the central
 * mailbox and where it sends. GreenMail ({@link TestMailServer}) and a real Dovecot
 * ({@link DovecotServer}) both play it, so the same gateway settings point at either.
 */
public interface AgencyMailServer {

    int imapPort();

    String login();

    String password();

    int smtpPort();
}
