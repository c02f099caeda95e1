package th.go.saraban.gateway.thai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RegisterTagTest {

    @Test
    void textWritesYearAndNumberInThaiDigits() {
        RegisterTag tag = new RegisterTag(2569, 123);

        String text = tag.text();

        assertThat(text).isEqualTo("[รับ ๒๕๖๙/๑๒๓]");
    }

    @Test
    void findsTagWrittenInThaiDigits() {
        String subject = "[รับ ๒๕๖๙/๑๒๓] ขอสำเนาทะเบียนบ้าน";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).contains(new RegisterTag(2569, 123));
    }

    @Test
    void findsTagWrittenInArabicDigits() {
        String subject = "ขอสำเนาทะเบียนบ้าน [รับ 2569/123]";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).contains(new RegisterTag(2569, 123));
    }

    @Test
    void findsTagWithSpacesInside() {
        String subject = "ขอสำเนาทะเบียนบ้าน [ รับ ๒๕๖๙ / ๑๒๓ ]";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).contains(new RegisterTag(2569, 123));
    }

    @Test
    void findsTagInRepliedSubject() {
        String subject = "Re: Re: [รับ ๒๕๖๙/๔๕] ขอสำเนาทะเบียนบ้าน";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).contains(new RegisterTag(2569, 45));
    }

    @Test
    void findsTheFirstOfSeveralTags() {
        String subject = "Re: [รับ ๒๕๖๙/๗] Fwd: [รับ ๒๕๖๘/๙๙๙]";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).contains(new RegisterTag(2569, 7));
    }

    @Test
    void findsWhatItsOwnTextWrote() {
        RegisterTag written = new RegisterTag(2570, 4812);

        Optional<RegisterTag> found = RegisterTag.find("Re: " + written.text() + " ติดตามเรื่อง");

        assertThat(found).contains(written);
    }

    @Test
    void findsNothingInSubjectWithoutTag() {
        String subject = "Re: ขอสำเนาทะเบียนบ้าน [ส่ง 2569/123]";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).isEmpty();
    }

    @Test
    void findsNothingInNullSubject() {
        Optional<RegisterTag> tag = RegisterTag.find(null);

        assertThat(tag).isEmpty();
    }

    @Test
    void ignoresMalformedTag() {
        String dashInsteadOfSlash = "Re: [รับ ๒๕๖๙-๑๒๓]";
        String missingNumber = "Re: [รับ ๒๕๖๙/]";
        String twoDigitYear = "Re: [รับ 69/123]";

        assertThat(RegisterTag.find(dashInsteadOfSlash)).isEmpty();
        assertThat(RegisterTag.find(missingNumber)).isEmpty();
        assertThat(RegisterTag.find(twoDigitYear)).isEmpty();
    }

    @Test
    void ignoresChristianEraYear() {
        String subject = "Re: [รับ 2026/123]";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).isEmpty();
    }

    @Test
    void ignoresYearBeyondRange() {
        String subject = "Re: [รับ 2701/123]";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).isEmpty();
    }

    @Test
    void ignoresNumberZero() {
        String subject = "Re: [รับ 2569/0]";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).isEmpty();
    }

    @Test
    void skipsAnInvalidTagToFindALaterValidOne() {
        String subject = "Re: [รับ 2026/5] [รับ ๒๕๖๙/๑๒๓]";

        Optional<RegisterTag> tag = RegisterTag.find(subject);

        assertThat(tag).contains(new RegisterTag(2569, 123));
    }

    @Test
    void cannotBeMadeWithYearOrNumberThatFindWouldReject() {
        assertThatThrownBy(() -> new RegisterTag(2026, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegisterTag(2569, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
