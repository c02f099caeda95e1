package th.go.saraban.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Which failures may be retried without risking a second copy at the citizen's end. */
class SmtpEndpointTest {

    @Test
    void retriesWhenServerAnsweredWithTemporaryFailure() {
        var failure = new SMTPSendFailedException("DATA", 451, "451 try later", null, null, null, null);

        assertThat(SmtpEndpoint.classify(failure, true)).isEqualTo(SendOutcome.RETRY);
    }

    @Test
    void givesUpWhenServerRefusedForGood() {
        var failure = new SMTPSendFailedException("DATA", 554, "554 rejected", null, null, null, null);

        assertThat(SmtpEndpoint.classify(failure, true)).isEqualTo(SendOutcome.REJECTED);
    }

    @Test
    void retriesWhenConnectionFailedBeforeTheMessageWasComplete() {
        var failure = new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));

        assertThat(SmtpEndpoint.classify(failure, false)).isEqualTo(SendOutcome.RETRY);
    }

    @Test
    void isUncertainWhenNoAnswerCameAfterTheWholeMessage() {
        var failure = new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));

        assertThat(SmtpEndpoint.classify(failure, true)).isEqualTo(SendOutcome.UNCERTAIN);
    }
}
