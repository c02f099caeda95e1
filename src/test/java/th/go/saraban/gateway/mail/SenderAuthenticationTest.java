package th.go.saraban.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import th.go.saraban.gateway.mail.SenderAuthentication.Result;

class SenderAuthenticationTest {

    private static final String OURS = "mx.agency.go.th";

    @Test
    void believesOurServersDmarcSpfAndDkim() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "mx.agency.go.th; dkim=pass header.d=citizen.example; spf=pass smtp.mailfrom=citizen.example;"
                        + " dmarc=pass header.from=citizen.example"), OURS);

        assertThat(authentication).isEqualTo(new SenderAuthentication(true, Result.PASS, Result.PASS, Result.PASS));
        assertThat(authentication.dmarcPassed()).isTrue();
    }

    @Test
    void dmarcPassForAnotherDomainThanTheSendersIsNoPass() {
        // From: victim@citizen.example, attacker@evil.example - our server judged the attacker's domain
        List<String> headers = List.of("mx.agency.go.th; spf=pass smtp.mailfrom=evil.example;"
                + " dmarc=pass header.from=evil.example");

        SenderAuthentication forVictim = SenderAuthentication.of(headers, OURS, "victim@citizen.example");
        SenderAuthentication forAttacker = SenderAuthentication.of(headers, OURS, "attacker@EVIL.example");

        assertThat(forVictim.dmarc()).isNull();
        assertThat(forVictim.dmarcPassed()).isFalse();
        assertThat(forAttacker.dmarcPassed()).isTrue();
    }

    @Test
    void believesNothingWithoutConfiguredAuthservId() {
        List<String> headers = List.of("mx.agency.go.th; dmarc=pass header.from=citizen.example");

        assertThat(SenderAuthentication.of(headers, "")).isEqualTo(SenderAuthentication.UNTRUSTED);
        assertThat(SenderAuthentication.of(headers, null)).isEqualTo(SenderAuthentication.UNTRUSTED);
    }

    @Test
    void ignoresPassFromAnotherAuthservId() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "mx.citizen.example; dmarc=pass header.from=agency.go.th; spf=pass; dkim=pass",
                "mx.agency.go.th.citizen.example; dmarc=pass"), OURS);

        assertThat(authentication.trusted()).isFalse();
        assertThat(authentication.dmarcPassed()).isFalse();
        assertThat(authentication.dmarc()).isNull();
    }

    @Test
    void forgedHeaderWithOurIdBelowTheTopmostOneLoses() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "mx.citizen.example; dmarc=pass",
                "mx.agency.go.th; spf=fail smtp.mailfrom=agency.go.th; dmarc=fail header.from=agency.go.th",
                "mx.agency.go.th; spf=pass; dkim=pass; dmarc=pass header.from=agency.go.th"), OURS);

        assertThat(authentication).isEqualTo(new SenderAuthentication(true, Result.FAIL, Result.FAIL, null));
        assertThat(authentication.dmarcFailed()).isTrue();
    }

    @Test
    void topmostHeaderWithoutDmarcDoesNotBorrowFromOneBelow() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "mx.agency.go.th; spf=none smtp.mailfrom=citizen.example",
                "mx.agency.go.th; dmarc=pass header.from=citizen.example"), OURS);

        assertThat(authentication).isEqualTo(new SenderAuthentication(true, null, Result.NONE, null));
        assertThat(authentication.dmarcPassed()).isFalse();
    }

    @Test
    void soleNoneIsTrustedWithNoResults() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of("mx.agency.go.th 1; none"), OURS);

        assertThat(authentication).isEqualTo(new SenderAuthentication(true, null, null, null));
        assertThat(authentication.describe()).startsWith("dmarc=(not reported");
    }

    @Test
    void anyPassingDkimSignatureCounts() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "mx.agency.go.th; dkim=fail header.d=old.example; dkim=pass header.d=citizen.example;"
                        + " dkim=neutral header.d=list.example"), OURS);

        assertThat(authentication.dkim()).isEqualTo(Result.PASS);
    }

    @Test
    void dkimWithoutPassIsTheFirstResult() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "mx.agency.go.th; dkim=permerror header.d=a.example; dkim=fail header.d=b.example"), OURS);

        assertThat(authentication.dkim()).isEqualTo(Result.PERMERROR);
    }

    @Test
    void anyDmarcOrSpfResultButPassWinsOverASmuggledPass() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "mx.agency.go.th; dmarc=pass; spf=pass; dmarc=bestguesspass; dmarc=fail; spf=softfail; spf=pass"), OURS);

        assertThat(authentication.dmarc()).isEqualTo(Result.FAIL);
        assertThat(authentication.spf()).isEqualTo(Result.SOFTFAIL);
    }

    @Test
    void unknownResultWordIsNoPass() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "mx.agency.go.th; dmarc=pass; dmarc=bestguesspass"), OURS);

        assertThat(authentication.trusted()).isTrue();
        assertThat(authentication.dmarc()).isNull();
        assertThat(authentication.dmarcPassed()).isFalse();
    }

    @Test
    void readsEveryResultWordCaseInsensitivelyAndHardfailAsFail() {
        SenderAuthentication authentication = SenderAuthentication.of(List.of(
                "MX.AGENCY.GO.TH; DMARC=TempError; SPF=HardFail; DKIM=Policy"), OURS);

        assertThat(authentication).isEqualTo(new SenderAuthentication(true, Result.TEMPERROR, Result.FAIL, Result.POLICY));
        assertThat(List.of("pass", "fail", "none", "neutral", "softfail", "temperror", "permerror", "policy"))
                .allSatisfy(word -> assertThat(SenderAuthentication.of(List.of(OURS + "; spf=" + word), OURS).spf())
                        .extracting(Result::column).isEqualTo(word));
    }

    @Test
    void letterCarriesEveryAuthenticationResultsHeaderTopToBottomUnfolded() {
        byte[] raw = String.join("\r\n",
                "Authentication-Results: mx.agency.go.th;",
                "\tdmarc=fail header.from=citizen.example",
                "Received: from mx.citizen.example by mx.agency.go.th",
                "authentication-results: mx.agency.go.th; dmarc=pass",
                "From: somchai@citizen.example",
                "Subject: test",
                "",
                "body", "").getBytes(StandardCharsets.UTF_8);

        Letter letter = new LetterReader(ReadLimits.DEFAULTS).read(raw);

        assertThat(letter.authenticationResults()).containsExactly(
                "mx.agency.go.th;\tdmarc=fail header.from=citizen.example", "mx.agency.go.th; dmarc=pass");
        assertThat(SenderAuthentication.of(letter.authenticationResults(), OURS).dmarcFailed()).isTrue();
    }
}
