package th.go.saraban.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import th.go.saraban.gateway.mail.SenderAuthenticationHeader.MethodResult;

class SenderAuthenticationHeaderTest {

    @Test
    void readsAuthservIdMethodResultAndProperty() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse(
                "mx.agency.go.th; dmarc=pass (p=reject dis=none) header.from=citizen.example");

        assertThat(header.authservId()).isEqualTo("mx.agency.go.th");
        assertThat(header.noResult()).isFalse();
        assertThat(header.results()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("dmarc");
            assertThat(r.result()).isEqualTo("pass");
            assertThat(r.reason()).isNull();
            assertThat(r.properties()).containsExactly(java.util.Map.entry("header.from", "citizen.example"));
        });
    }

    @Test
    void readsEveryResinfoOfRfc8601AppendixB4() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse("example.com;\r\n"
                + "          spf=pass smtp.mailfrom=example.net\r\n"
                + "      ;   dkim=pass (good signature) header.d=mail-router.example.net;\r\n"
                + "          dkim=fail (bad signature) header.d=newyork.example.com");

        assertThat(header.authservId()).isEqualTo("example.com");
        assertThat(header.results()).extracting(r -> r.method() + "=" + r.result() + " " + r.properties())
                .containsExactly("spf=pass {smtp.mailfrom=example.net}",
                        "dkim=pass {header.d=mail-router.example.net}",
                        "dkim=fail {header.d=newyork.example.com}");
    }

    @Test
    void readsVersionAfterAuthservId() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse(
                "mx.agency.go.th 1; spf=softfail smtp.mailfrom=someone@citizen.example");

        assertThat(header.authservId()).isEqualTo("mx.agency.go.th");
        assertThat(header.results()).extracting(MethodResult::result).containsExactly("softfail");
        assertThat(header.results().get(0).properties()).containsEntry("smtp.mailfrom", "someone@citizen.example");
    }

    @Test
    void readsQuotedAuthservIdAndSoleNone() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse("\"mx.agency.go.th\" (no checks); none");

        assertThat(header.authservId()).isEqualTo("mx.agency.go.th");
        assertThat(header.noResult()).isTrue();
        assertThat(header.results()).isEmpty();
    }

    @Test
    void skipsNestedCommentsWithQuotedPairsAndSemicolons() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse(
                "mx.agency.go.th (our (inner; \\) still comment) server); dkim=pass (1024-bit key; secure)"
                        + " header.d=citizen.example header.i=@citizen.example header.b=\"AbC/+d=\"");

        assertThat(header.results()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("dkim");
            assertThat(r.result()).isEqualTo("pass");
            assertThat(r.properties()).containsEntry("header.d", "citizen.example")
                    .containsEntry("header.i", "@citizen.example").containsEntry("header.b", "AbC/+d=");
        });
    }

    @Test
    void keepsSemicolonInsideQuotedReason() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse("mx.agency.go.th;"
                + " spf=fail reason=\"mail from; \\\"not\\\" permitted\" smtp.mailfrom=x@citizen.example;"
                + " dmarc=fail header.from=citizen.example");

        assertThat(header.results()).extracting(MethodResult::method, MethodResult::result, MethodResult::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spf", "fail", "mail from; \"not\" permitted"),
                        org.assertj.core.groups.Tuple.tuple("dmarc", "fail", null));
    }

    @Test
    void readsUnquotedReasonAndMethodVersion() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse(
                "mx.agency.go.th; dkim/1=neutral reason=unsigned header.d=citizen.example");

        assertThat(header.results()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("dkim");
            assertThat(r.result()).isEqualTo("neutral");
            assertThat(r.reason()).isEqualTo("unsigned");
            assertThat(r.properties()).containsEntry("header.d", "citizen.example");
        });
    }

    @Test
    void lowerCasesMethodsResultsAndPropertiesButKeepsValues() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse(
                "MX.Agency.GO.TH; DMARC = PASS Header . From = Citizen.Example");

        assertThat(header.authservId()).isEqualTo("MX.Agency.GO.TH");
        assertThat(header.results()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("dmarc");
            assertThat(r.result()).isEqualTo("pass");
            assertThat(r.properties()).containsEntry("header.from", "Citizen.Example");
        });
    }

    @Test
    void readsFoldedValueAndQuotedLocalPart() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse("mx.agency.go.th;\r\n\tspf=pass\r\n"
                + "\tsmtp.mailfrom=\"somchai jaidee\"@citizen.example;\r\n\tdmarc=pass header.from=citizen.example");

        assertThat(header.results()).extracting(r -> r.method() + "=" + r.result()).containsExactly("spf=pass", "dmarc=pass");
        assertThat(header.results().get(0).properties()).containsEntry("smtp.mailfrom", "somchai jaidee@citizen.example");
    }

    @Test
    void keepsResultWhosePropertiesDoNotParseAndDropsResinfoWithoutResult() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse(
                "mx.agency.go.th; garbage; spf=pass smtp.mailfrom; dkim; =pass; dmarc=fail header.from=citizen.example");

        assertThat(header.results()).extracting(r -> r.method() + "=" + r.result()).containsExactly("spf=pass", "dmarc=fail");
    }

    @Test
    void noneAmongOtherResultsIsNotNoResult() {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse("mx.agency.go.th; spf=pass; none");

        assertThat(header.noResult()).isFalse();
        assertThat(header.results()).extracting(MethodResult::method).containsExactly("spf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ";", "(unterminated comment", "mx.agency.go.th; dmarc=\"unterminated",
            "\"unterminated id", "mx.agency.go.th;;;; ;", "mx.agency.go.th; =; /=; dmarc/=; dmarc="})
    void readsBrokenValuesWithoutFailingOrInventingResults(String value) {
        SenderAuthenticationHeader header = SenderAuthenticationHeader.parse(value);

        assertThat(header.results()).isEmpty();
        assertThat(header.noResult()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "\"", ";", "; a", "; dkim=pass a.b=(", "\\(", "; x=y z", "; dkim=pass reason="})
    void readsAMegabyteOfRepeatedSyntaxInLinearTime(String unit) {
        String value = "mx.agency.go.th" + unit.repeat(1_000_000 / unit.length());

        SenderAuthenticationHeader header = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> SenderAuthenticationHeader.parse(value));

        assertThat(header.authservId()).startsWith("mx.agency.go.th");
    }
}
