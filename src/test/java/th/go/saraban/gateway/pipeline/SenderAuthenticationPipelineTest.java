package th.go.saraban.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Backscatter: a forged {@code From:} must not make the agency's domain answer, nor carry the
 * forger's words. The real routes, GreenMail and PostgreSQL; the letters carry Authentication-Results
 * headers as the agency's receiving server (mx.agency.go.th) and others would write them.
 */
class SenderAuthenticationPipelineTest extends GatewayTestSupport {

    private static final String OURS = "mx.agency.go.th";
    private static final OffsetDateTime TUESDAY_MORNING = OffsetDateTime.parse("2026-11-24T10:15:00+07:00");
    private static final String SUBJECT = "ขอสำเนาทะเบียนบ้าน";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T03:00:00Z"), ZoneId.of("Asia/Bangkok"));

    private void start(Map<String, String> overrides) {
        startGateway(overrides, clock);
    }

    /** Delivers and registers one letter whose header block starts with {@code topHeaders}. */
    private Map<String, Object> register(String from, String subject, String topHeaders) {
        byte[] letter = Letters.letter("<req-" + System.nanoTime() + "@citizen.example>", from, subject,
                "เรียน นายอำเภอ");
        byte[] top = Letters.crlf(topHeaders);
        byte[] raw = new byte[top.length + letter.length];
        System.arraycopy(top, 0, raw, 0, top.length);
        System.arraycopy(letter, 0, raw, top.length, letter.length);
        mailServer.deliver(raw, TUESDAY_MORNING);
        gateway.checkMailbox();
        return rows.single("SELECT r.status, r.auth_dmarc, r.auth_spf, r.auth_dkim, d.decision, d.reason, d.outgoing_id"
                + " FROM incoming_register r JOIN acknowledgement_decision d ON d.entry_id = r.id"
                + " WHERE r.id = (SELECT max(id) FROM incoming_register)");
    }

    @Test
    void dmarcFailedLetterIsRegisteredWithItsResultsButNotAcknowledged() {
        start(Map.of("saraban.auth.authserv-id", OURS));

        Map<String, Object> entry = register("ceo@agency.go.th", "โอนเงินด่วน",
                "Authentication-Results: mx.agency.go.th; dkim=none; spf=softfail smtp.mailfrom=spoof.example;\n"
                        + "\tdmarc=fail (p=quarantine) header.from=agency.go.th\n");
        gateway.sendOutbox();

        assertThat(entry).containsEntry("status", "registered").containsEntry("auth_dmarc", "fail")
                .containsEntry("auth_spf", "softfail").containsEntry("auth_dkim", "none")
                .containsEntry("decision", "not_sent").containsEntry("outgoing_id", null);
        assertThat((String) entry.get("reason")).startsWith("DMARC failed at our receiving server mx.agency.go.th")
                .endsWith("(dmarc=fail spf=softfail dkim=none)");
        assertThat(rows.count("SELECT count(*) FROM outgoing_message")).isZero();
        assertThat(mailServer.receivedAt("agency.go.th")).flatExtracting(m -> java.util.List.of(m.getAllRecipients()))
                .extracting(Object::toString).containsOnly(TestMailServer.CENTRAL);
    }

    @Test
    void passClaimedByAnotherServerAboveOurFailIsNotBelieved() {
        start(Map.of("saraban.auth.authserv-id", OURS));

        Map<String, Object> entry = register("somchai@citizen.example", SUBJECT,
                "Authentication-Results: relay.citizen.example; dmarc=pass header.from=citizen.example\n"
                        + "Authentication-Results: mx.agency.go.th; spf=fail smtp.mailfrom=citizen.example;"
                        + " dmarc=fail header.from=citizen.example\n"
                        + "Received: from relay.citizen.example by mx.agency.go.th; Tue, 24 Nov 2026 10:14:00 +0700\n");

        assertThat(entry).containsEntry("auth_dmarc", "fail").containsEntry("auth_spf", "fail")
                .containsEntry("auth_dkim", null).containsEntry("decision", "not_sent");
        assertThat(rows.count("SELECT count(*) FROM outgoing_message")).isZero();
    }

    @Test
    void forgedHeaderWithOurIdBelowOurRealOneIsNotBelieved() {
        start(Map.of("saraban.auth.authserv-id", OURS));

        Map<String, Object> entry = register("somchai@citizen.example", SUBJECT,
                "Authentication-Results: mx.agency.go.th; dkim=fail header.d=citizen.example;"
                        + " dmarc=fail header.from=citizen.example\n"
                        + "Received: from spammer.example by mx.agency.go.th; Tue, 24 Nov 2026 10:14:00 +0700\n"
                        + "Authentication-Results: mx.agency.go.th; dkim=pass header.d=citizen.example;"
                        + " spf=pass; dmarc=pass header.from=citizen.example\n");

        assertThat(entry).containsEntry("auth_dmarc", "fail").containsEntry("auth_dkim", "fail")
                .containsEntry("auth_spf", null).containsEntry("decision", "not_sent");
        assertThat((String) entry.get("reason")).startsWith("DMARC failed");
        assertThat(rows.count("SELECT count(*) FROM outgoing_message")).isZero();
    }

    @Test
    void passFromAnotherServerIsNoPassWhenPassIsRequired() {
        start(Map.of("saraban.auth.authserv-id", OURS, "saraban.auth.require-dmarc-pass", "true"));

        Map<String, Object> entry = register("somchai@citizen.example", SUBJECT,
                "Authentication-Results: mx.agency.go.th.spoof.example; dmarc=pass header.from=citizen.example\n");
        gateway.sendOutbox();

        assertThat(entry).containsEntry("status", "registered").containsEntry("auth_dmarc", null)
                .containsEntry("decision", "not_sent");
        assertThat(entry.get("reason")).isEqualTo("no DMARC pass from our receiving server mx.agency.go.th"
                + " (saraban.auth.require-dmarc-pass=true): no Authentication-Results header from our receiving server");
        assertThat(mailServer.receivedAt("citizen.example")).isEmpty();
    }

    @Test
    void dmarcPassedLetterIsAcknowledgedWithItsSubject() throws Exception {
        start(Map.of("saraban.auth.authserv-id", OURS, "saraban.auth.require-dmarc-pass", "true"));

        Map<String, Object> entry = register("somchai@citizen.example", SUBJECT,
                "Authentication-Results: mx.agency.go.th 1; dkim=pass (2048-bit key) header.d=citizen.example\n"
                        + "  header.i=@citizen.example; spf=pass smtp.mailfrom=somchai@citizen.example;\n"
                        + "  dmarc=pass (p=reject dis=none) header.from=citizen.example\n");
        gateway.sendOutbox();

        assertThat(entry).containsEntry("auth_dmarc", "pass").containsEntry("auth_spf", "pass")
                .containsEntry("auth_dkim", "pass").containsEntry("decision", "queued")
                .containsEntry("reason", "acknowledgement queued");
        MimeMessage ack = mailServer.receivedAt("citizen.example").get(0);
        assertThat(ack.getSubject()).isEqualTo("Re: " + SUBJECT + " [รับ ๒๕๖๙/๑]");
        assertThat(((String) ack.getContent()).replace("\r\n", "\n")).contains("เรื่อง " + SUBJECT + "\n");
    }

    @Test
    void unauthenticatedSendersAcknowledgementCarriesNoPartOfItsSubject() throws Exception {
        start(Map.of("saraban.auth.authserv-id", OURS));
        String spam = "ซื้อเลย ยาลดน้ำหนัก https://spam.example/deal";

        Map<String, Object> entry = register("victim@citizen.example", spam,
                "Authentication-Results: mx.agency.go.th; spf=none smtp.mailfrom=citizen.example;"
                        + " dmarc=none header.from=citizen.example\n");
        gateway.sendOutbox();

        assertThat(entry).containsEntry("auth_dmarc", "none").containsEntry("decision", "queued");
        assertThat((String) entry.get("reason")).isEqualTo("acknowledgement queued without the letter's subject,"
                + " as the sender is not authenticated (dmarc=none spf=none dkim=(not reported or not understood))");
        MimeMessage ack = mailServer.receivedAt("citizen.example").get(0);
        String body = (String) ack.getContent();
        assertThat(ack.getSubject()).isEqualTo("Re: หนังสือของท่าน [รับ ๒๕๖๙/๑]");
        assertThat(body).contains("เรื่อง (ไม่แสดงชื่อเรื่อง เนื่องจากยืนยันตัวผู้ส่งไม่ได้");
        Map<String, Object> sent = rows.single("SELECT subject, body_text, raw_mime FROM outgoing_message");
        String raw = new String((byte[]) sent.get("raw_mime"), StandardCharsets.UTF_8);
        for (String word : spam.split(" ")) {
            assertThat(ack.getSubject()).doesNotContain(word);
            assertThat(body).doesNotContain(word);
            assertThat((String) sent.get("subject")).doesNotContain(word);
            assertThat((String) sent.get("body_text")).doesNotContain(word);
            assertThat(raw).doesNotContain(word);
        }
    }

    @Test
    void withoutAuthservIdNoSubjectIsRepeatedAndLettersAreStillAcknowledged() throws Exception {
        start(Map.of());

        Map<String, Object> entry = register("somchai@citizen.example", SUBJECT,
                "Authentication-Results: mx.agency.go.th; dmarc=pass header.from=citizen.example\n");
        gateway.sendOutbox();

        assertThat(entry).containsEntry("auth_dmarc", null).containsEntry("auth_spf", null)
                .containsEntry("auth_dkim", null).containsEntry("decision", "queued");
        assertThat(mailServer.receivedAt("citizen.example")).singleElement()
                .satisfies(ack -> assertThat(ack.getSubject()).isEqualTo("Re: หนังสือของท่าน [รับ ๒๕๖๙/๑]"));
    }

    @Test
    void hourlyCapStopsTheAcknowledgementAfterTheCapUntilTheHourHasPassed() {
        start(Map.of("saraban.ack.hourly-cap", "3"));

        for (String sender : new String[] {"a", "b", "c", "d"}) {
            register(sender + "@citizen.example", SUBJECT, "");
        }
        clock.advance(Duration.ofMinutes(59));
        register("e@citizen.example", SUBJECT, "");
        clock.advance(Duration.ofMinutes(2));
        register("f@citizen.example", SUBJECT, "");

        assertThat(rows.query("SELECT r.sender_address, d.decision FROM acknowledgement_decision d"
                + " JOIN incoming_register r ON r.id = d.entry_id ORDER BY r.id"))
                .extracting(r -> r.get("sender_address") + " " + r.get("decision"))
                .containsExactly("a@citizen.example queued", "b@citizen.example queued", "c@citizen.example queued",
                        "d@citizen.example not_sent", "e@citizen.example not_sent", "f@citizen.example queued");
        assertThat(rows.single("SELECT reason FROM acknowledgement_decision d JOIN incoming_register r"
                + " ON r.id = d.entry_id WHERE r.sender_address = 'd@citizen.example'").get("reason"))
                .isEqualTo("hourly cap reached: 3 acknowledgements to all recipients in the last hour"
                        + " (saraban.ack.hourly-cap=3)");
        assertThat(rows.count("SELECT count(*) FROM outgoing_message WHERE kind = 'acknowledgement'")).isEqualTo(4);
    }
}
