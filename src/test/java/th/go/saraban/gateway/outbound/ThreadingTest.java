package th.go.saraban.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.thai.RegisterTag;

class ThreadingTest {

    private static final RegisterTag TAG = new RegisterTag(2569, 123);

    @Test
    void prefixesReAndAppendsTag() {
        assertThat(Threading.replySubject("ขอสำเนา", TAG)).isEqualTo("Re: ขอสำเนา [รับ ๒๕๖๙/๑๒๓]");
    }

    @Test
    void doesNotRepeatReOrTagOnFollowUp() {
        assertThat(Threading.replySubject("RE: ขอสำเนา [รับ 2569/123]", TAG)).isEqualTo("RE: ขอสำเนา [รับ 2569/123]");
    }

    @Test
    void flattensLineBreaksFromInboundSubject() {
        assertThat(Threading.replySubject("a\r\nBcc: evil@example.org", TAG))
                .isEqualTo("Re: a Bcc: evil@example.org [รับ ๒๕๖๙/๑๒๓]");
    }

    @Test
    void citesWellFormedMessageIdAsSent() {
        assertThat(Threading.citable(" <a.b@citizen.example> ")).hasValue("<a.b@citizen.example>");
    }

    @Test
    void bracketsMessageIdSentWithoutBrackets() {
        assertThat(Threading.citable("1234.abc@b.example")).hasValue("<1234.abc@b.example>");
    }

    @Test
    void citesNothingForMessageIdThatIsNotOne() {
        assertThat(Threading.citable("<no at sign>")).isEmpty();
        assertThat(Threading.citable("<a@b>\r\nBcc: x@y")).isEmpty();
    }

    @Test
    void namesMissingSubject() {
        assertThat(Threading.replySubject(null, TAG)).isEqualTo("Re: (ไม่มีเรื่อง) [รับ ๒๕๖๙/๑๒๓]");
    }

    @Test
    void shortensSubjectTooLongForAHeaderLine() {
        assertThat(Threading.replySubject("ก".repeat(2000), TAG)).hasSizeLessThan(998);
    }
}
