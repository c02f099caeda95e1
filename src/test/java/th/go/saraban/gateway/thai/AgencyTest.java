package th.go.saraban.gateway.thai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgencyTest {

    @Test
    void keepsCodeWrittenInThaiDigits() {
        String code = Agency.officialCode("สน ๐๐๑๘.๑");

        assertThat(code).isEqualTo("สน ๐๐๑๘.๑");
    }

    @Test
    void writesCodeGivenInArabicDigitsInThaiDigits() {
        String code = Agency.officialCode("สน 0018.1");

        assertThat(code).isEqualTo("สน ๐๐๑๘.๑");
    }

    @Test
    void putsOneSpaceBetweenLettersAndNumber() {
        String code = Agency.officialCode("  มท๐๓๑๔ ");

        assertThat(code).isEqualTo("มท ๐๓๑๔");
    }

    @Test
    void acceptsSeveralSubUnitNumbers() {
        String code = Agency.officialCode("ศธ 0206.3.12");

        assertThat(code).isEqualTo("ศธ ๐๒๐๖.๓.๑๒");
    }

    @Test
    void refusesCodeWithoutLetters() {
        assertThatThrownBy(() -> Agency.officialCode("0018.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0018.1' is not an agency code like 'สน ๐๐๑๘.๑'");
    }

    @Test
    void refusesWholeDocumentNumberInPlaceOfTheCode() {
        assertThatThrownBy(() -> Agency.officialCode("ที่ สน ๐๐๑๘.๑/ว ๒๖๒๖๐"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headsStampWithNameAndCode() {
        Agency agency = new Agency("จังหวัดสกลนคร", "สน ๐๐๑๘.๑", "");

        assertThat(agency.stampHeading()).isEqualTo("จังหวัดสกลนคร (สน ๐๐๑๘.๑)");
    }
}
