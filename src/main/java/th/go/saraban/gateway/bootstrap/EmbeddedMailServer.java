package th.go.saraban.gateway.bootstrap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.camel.support.service.ServiceSupport;

/**
 * GreenMail standing in for the agency's mail server when no IMAP host is configured, so that a new
 * user can send a letter to the central address and watch it being registered. Loopback only; the
 * mailbox password is random per start and never printed. Its mail lives in memory: the register,
 * not the mailbox, is what persists.
 */
public final class EmbeddedMailServer extends ServiceSupport {

    public static final String LOGIN = "saraban";

    private final String centralAddress;
    private final int smtpPort;
    private final int imapPort;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private GreenMail greenMail;

    public EmbeddedMailServer(String centralAddress, int smtpPort, int imapPort) {
        this.centralAddress = centralAddress;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    public void startNow() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(centralAddress, LOGIN, password);
    }

    public String password() {
        return password;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    @Override
    protected void doStart() {
        // started eagerly by startNow(), before routes
    }

    @Override
    protected void doStop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }
}
