package th.go.saraban.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcknowledgementTemplateTest {

    @Test
    void rendersAgencyPlaceholders() throws Exception {
        AcknowledgementTemplate template = AcknowledgementTemplate.load(file(
                "เรียน ${sender_name}\n${agency_name} (${agency_code})\n${agency_contact}\n"));

        String text = template.render(Map.of("sender_name", "สมชาย ใจดี", "agency_name", "จังหวัดสกลนคร",
                "agency_code", "สน ๐๐๑๘.๑", "agency_contact", "โทร. ๐ ๔๒๗๑ ๑๔๖๑"));

        assertThat(text).isEqualTo("เรียน สมชาย ใจดี\nจังหวัดสกลนคร (สน ๐๐๑๘.๑)\nโทร. ๐ ๔๒๗๑ ๑๔๖๑\n");
    }

    @Test
    void refusesUnknownPlaceholderWhenLoaded() throws Exception {
        Path file = file("เรียน ${sender}\n");

        assertThatThrownBy(() -> AcknowledgementTemplate.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown placeholder ${sender}")
                .hasMessageContaining("agency_contact, agency_name");
    }

    @Test
    void shippedTemplatesCiteTheCabinetMethodAndTheRegulationNotTheActAlone() throws Exception {
        String thai = Files.readString(Path.of("config/templates/acknowledgement.th.txt"));
        String english = Files.readString(Path.of("config/templates/acknowledgement.en.txt"));

        assertThat(thai).contains("วิธีการทางอิเล็กทรอนิกส์ระดับเริ่มต้น")
                .contains("คณะรัฐมนตรีมีมติเห็นชอบเมื่อวันที่ ๙ พฤษภาคม ๒๕๖๖")
                .contains("ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ ๔) พ.ศ. ๒๕๖๔");
        assertThat(english).contains("starter-level electronic method").contains("Cabinet on 9 May B.E. 2566")
                .contains("Regulation of the Prime Minister's Office on Correspondence (No. 4) B.E. 2564");
        AcknowledgementTemplate.load(Path.of("config/templates/acknowledgement.en.txt"));
    }

    private static Path file(String text) throws Exception {
        Path file = Files.createTempFile("acknowledgement", ".txt");
        Files.writeString(file, text);
        return file;
    }
}
