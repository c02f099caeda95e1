package th.go.saraban.gateway.thai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThaiDigitsTest {

    @Test
    void toThaiReplacesEveryArabicDigit() {
        String arabic = "0123456789";

        String thai = ThaiDigits.toThai(arabic);

        assertThat(thai).isEqualTo("๐๑๒๓๔๕๖๗๘๙");
    }

    @Test
    void toThaiLeavesEverythingElseAsItWas() {
        String documentNumber = "ที่ สน 0018.1/ว 26260";

        String thai = ThaiDigits.toThai(documentNumber);

        assertThat(thai).isEqualTo("ที่ สน ๐๐๑๘.๑/ว ๒๖๒๖๐");
    }

    @Test
    void toArabicReplacesEveryThaiDigit() {
        String thai = "๐๑๒๓๔๕๖๗๘๙";

        String arabic = ThaiDigits.toArabic(thai);

        assertThat(arabic).isEqualTo("0123456789");
    }

    @Test
    void toArabicLeavesEverythingElseAsItWas() {
        String documentNumber = "ที่ มท ๐๓๑๔/ว ๓๙๒ (ref 7)";

        String arabic = ThaiDigits.toArabic(documentNumber);

        assertThat(arabic).isEqualTo("ที่ มท 0314/ว 392 (ref 7)");
    }

    @Test
    void ofWritesANumberInThaiDigits() {
        long registerNumber = 223;

        String thai = ThaiDigits.of(registerNumber);

        assertThat(thai).isEqualTo("๒๒๓");
    }

    @Test
    void ofWritesZeroAndNegativeNumbers() {
        String zero = ThaiDigits.of(0);
        String negative = ThaiDigits.of(-40);

        assertThat(zero).isEqualTo("๐");
        assertThat(negative).isEqualTo("-๔๐");
    }
}
