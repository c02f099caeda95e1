package th.go.saraban.gateway.outbound;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import th.go.saraban.gateway.mail.FailureText;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Hands one message's exact bytes to the agency's SMTP server and says what happened, never throwing.
 *
 * <p>Why not camel-mail's producer: it copies exchange headers into the message, and it cannot tell
 * a failure before the server had the whole message (safe to retry) from a lost answer after the
 * final "." (the server may have accepted: a retry could deliver twice). The transport below notes
 * when the end of data is sent, which is exactly that line.
 */
public final class SmtpEndpoint {

    private final SmtpSettings settings;
    private final Session session;

    public SmtpEndpoint(SmtpSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(sessionProperties(settings));
    }

    public SmtpSettings settings() {
        return settings;
    }

    public SendAttempt send(OutgoingMessage message) {
        DataAwareTransport transport = new DataAwareTransport(session, settings);
        try {
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(message.raw()));
            Address[] recipients = new Address[message.to().size()];
            for (int i = 0; i < recipients.length; i++) {
                recipients[i] = new InternetAddress(message.to().get(i), true);
            }
            transport.connect(settings.host(), settings.port(),
                    settings.authenticated() ? settings.username() : null,
                    settings.authenticated() ? settings.password() : null);
            // sendMessage, not Transport.send: it does not call saveChanges, so the bytes stay exactly ours
            transport.sendMessage(mime, recipients);
            return new SendAttempt(message, SendOutcome.ACCEPTED, null);
        } catch (MessagingException | RuntimeException e) {
            return new SendAttempt(message, classify(e, transport.dataFinished), FailureText.of(e));
        } finally {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // QUIT after the answer we needed; nothing depends on it
            }
        }
    }

    static SendOutcome classify(Exception e, boolean dataFinished) {
        int code = replyCode(e);
        if (code >= 500) {
            return SendOutcome.REJECTED;
        }
        if (code >= 400) {
            return SendOutcome.RETRY;
        }
        return dataFinished ? SendOutcome.UNCERTAIN : SendOutcome.RETRY;
    }

    /** The server's reply code carried by the failure, or -1 when the server never answered. */
    private static int replyCode(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPSendFailedException failed) {
                return failed.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException failed) {
                return failed.getReturnCode();
            }
        }
        return -1;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    static Properties sessionProperties(SmtpSettings settings) {
        String millis = Long.toString(settings.timeout().toMillis());
        Properties props = new Properties();
        props.setProperty("mail.smtp.connectiontimeout", millis);
        props.setProperty("mail.smtp.timeout", millis);
        props.setProperty("mail.smtp.writetimeout", millis);
        props.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticated()));
        if (settings.protocol().equals("smtps")) {
            props.setProperty("mail.smtp.ssl.enable", "true");
            props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        } else {
            // opportunistic at least; required unless an operator turned it off for a loopback relay
            props.setProperty("mail.smtp.starttls.enable", "true");
            props.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.starttlsRequired()));
            props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return props;
    }

    /** An SMTP transport that remembers whether the end of the message data went out. */
    private static final class DataAwareTransport extends SMTPTransport {

        private boolean dataFinished;

        DataAwareTransport(Session session, SmtpSettings settings) {
            super(session, new URLName("smtp", settings.host(), settings.port(), null, null, null), "smtp", false);
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            dataFinished = true;
            super.finishData();
        }
    }
}
