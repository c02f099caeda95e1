package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acknowledgement as the citizen receives it: the body of the message that reached the SMTP
 * server, decoded, sent by the real routes with the shipped templates.
 */
class AcknowledgementLetterTest extends GatewayTestSupport {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private String acknowledgementOf(OffsetDateTime arrival, Instant now, Map<String, String> settings) throws Exception {
        // an authenticated sender (DMARC pass at our server), whose subject the acknowledgement may repeat
        Map<String, String> authenticated = new java.util.HashMap<>(settings);
        authenticated.put("saraban.auth.authserv-id", "mx.agency.go.th");
        startGateway(authenticated, new TestClock(now, BANGKOK));
        mailServer.deliver(Letters.crlf("Authentication-Results: mx.agency.go.th; dmarc=pass header.from=citizen.example\n"
                + "From: สมชาย ใจดี <somchai@citizen.example>\nTo: " + TestMailServer.CENTRAL
                + "\nSubject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                "ขอสำเนาทะเบียนบ้าน".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=\n"
                + "Message-ID: <req-1@citizen.example>\nDate: " + arrival.minusMinutes(1)
                .format(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME) + "\n"
                + "Content-Type: text/plain; charset=UTF-8\n\nเรียน นายอำเภอ\n"), arrival);
        gateway.checkMailbox();
        gateway.sendOutbox();
        List<MimeMessage> arrived = mailServer.receivedAt("citizen.example");
        assertThat(arrived).hasSize(1);
        return ((String) arrived.get(0).getContent()).replace("\r\n", "\n");
    }

    @Test
    void yearBoundaryLetterIsStampedAtItsDeemedTimeAndStatesItsArrivalApart() throws Exception {
        // Tuesday 30 December 2025, 17:00: after hours; 31 Dec, 1 and 2 Jan are holidays, 3-4 Jan a weekend
        OffsetDateTime arrival = OffsetDateTime.parse("2025-12-30T17:00:00+07:00");

        String body = acknowledgementOf(arrival, Instant.parse("2025-12-30T10:05:00Z"), Map.of());

        List<String> lines = body.lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("เลขรับ")).singleElement().isEqualTo(
                "    ตรารับ saraban@agency.go.th เลขรับ ๑ วันที่ ๕ มกราคม ๒๕๖๙ เวลา ๐๘.๓๐ น.");
        assertThat(lines).contains("    หนังสือเข้าสู่ระบบอิเล็กทรอนิกส์ของหน่วยงานเมื่อ ๓๐ ธันวาคม ๒๕๖๘ เวลา ๑๗.๐๐ น.",
                "    ถือว่าหน่วยงานได้รับเมื่อ ๕ มกราคม ๒๕๖๙ เวลา ๐๘.๓๐ น.");
        assertThat(body).contains("[รับ ๒๕๖๙/๑]");
        assertThat(rows.single("SELECT register_year, register_no FROM incoming_register"))
                .containsEntry("register_year", 2569).containsEntry("register_no", 1);
    }

    @Test
    void thaiAcknowledgementNamesTheAgencyAndEndsWithItsContact() throws Exception {
        OffsetDateTime tuesdayMorning = OffsetDateTime.parse("2026-11-24T10:15:00+07:00");

        String body = acknowledgementOf(tuesdayMorning, Instant.parse("2026-11-24T03:20:00Z"), Map.of(
                "saraban.agency.name", "ที่ทำการปกครองจังหวัดสกลนคร",
                "saraban.agency.code", "สน 0018.1",
                "saraban.agency.contact", "กลุ่มงานปกครอง\\nโทร./โทรสาร ๐ ๔๒๗๑ ๑๔๖๑"));

        assertThat(body).isEqualTo("""
                เรื่อง  แจ้งการรับหนังสือ

                เรียน  ท่านผู้ส่งหนังสือ

                อ้างถึง  หนังสือของท่าน เรื่อง ขอสำเนาทะเบียนบ้าน

                ตามหนังสือที่อ้างถึง ท่านได้ส่งหนังสือถึง ที่ทำการปกครองจังหวัดสกลนคร ทางไปรษณีย์อิเล็กทรอนิกส์กลางของ\
                หน่วยงาน (saraban@agency.go.th) นั้น บัดนี้ได้รับและลงทะเบียนรับหนังสือของท่านไว้แล้ว ดังนี้

                    ตรารับ ที่ทำการปกครองจังหวัดสกลนคร (สน ๐๐๑๘.๑) เลขรับ ๑ วันที่ ๒๔ พฤศจิกายน ๒๕๖๙ เวลา ๑๐.๑๕ น.
                    หนังสือเข้าสู่ระบบอิเล็กทรอนิกส์ของหน่วยงานเมื่อ ๒๔ พฤศจิกายน ๒๕๖๙ เวลา ๑๐.๑๕ น.
                    ถือว่าหน่วยงานได้รับเมื่อ ๒๔ พฤศจิกายน ๒๕๖๙ เวลา ๑๐.๑๕ น.

                ทั้งนี้ ตามวิธีการทางอิเล็กทรอนิกส์ระดับเริ่มต้น ซึ่งคณะรัฐมนตรีมีมติเห็นชอบเมื่อวันที่ ๙ พฤษภาคม ๒๕๖๖ \
                ภายใต้พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. ๒๕๖๕ และระเบียบสำนักนายกรัฐมนตรีว่าด้วย\
                งานสารบรรณ (ฉบับที่ ๔) พ.ศ. ๒๕๖๔ คำขอหรือการติดต่อที่ส่งมาถึงหน่วยงาน ให้ถือว่าได้รับตามวันและเวลาที่\
                เข้าสู่ระบบอิเล็กทรอนิกส์ของหน่วยงาน หากเป็นเวลานอกเวลาทำการ ให้ถือว่าได้รับในวันและเวลาทำการถัดไป

                หากท่านประสงค์จะส่งเอกสารเพิ่มเติมหรือติดตามเรื่องนี้ โปรดตอบกลับไปรษณีย์อิเล็กทรอนิกส์ฉบับนี้ หรือระบุ \
                [รับ ๒๕๖๙/๑] ไว้ในชื่อเรื่องของหนังสือที่ส่งถึง saraban@agency.go.th เพื่อให้เจ้าหน้าที่เชื่อมโยงกับเรื่องเดิมได้

                จึงเรียนมาเพื่อโปรดทราบ

                ขอแสดงความนับถือ

                งานสารบรรณกลาง ที่ทำการปกครองจังหวัดสกลนคร
                ไปรษณีย์อิเล็กทรอนิกส์กลาง saraban@agency.go.th
                กลุ่มงานปกครอง
                โทร./โทรสาร ๐ ๔๒๗๑ ๑๔๖๑

                --
                หนังสือฉบับนี้ส่งโดยอัตโนมัติจากระบบสารบรรณอิเล็กทรอนิกส์ของหน่วยงาน เพื่อแจ้งการรับหนังสือเท่านั้น \
                มิใช่ผลการพิจารณาเรื่องของท่าน
                """);
    }

    @Test
    void englishAcknowledgementStampsTheDeemedTimeAndCitesTheMethodAndTheRegulation() throws Exception {
        OffsetDateTime arrival = OffsetDateTime.parse("2025-12-30T17:00:00+07:00");

        String body = acknowledgementOf(arrival, Instant.parse("2025-12-30T10:05:00Z"), Map.of(
                "saraban.ack.template", "config/templates/acknowledgement.en.txt",
                "saraban.agency.name", "Sakon Nakhon Provincial Administration Office"));

        assertThat(body).contains("    Receipt stamp (ตรารับ): Sakon Nakhon Provincial Administration Office"
                        + " เลขรับ ๑ วันที่ ๕ มกราคม ๒๕๖๙ เวลา ๐๘.๓๐ น.\n")
                .contains("    Entered the agency's electronic system: 30 December 2025, 17:00 (Asia/Bangkok)\n")
                .contains("    Deemed received: 5 January 2026, 08:30 (Asia/Bangkok)\n")
                .contains("approved by the Cabinet on 9 May B.E. 2566 (2023)")
                .contains("Regulation of the Prime Minister's Office on Correspondence (No. 4) B.E. 2564");
    }
}
