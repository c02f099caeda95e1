package th.go.saraban.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import th.go.saraban.gateway.pipeline.Letters;

/** The console as officers use it, in headless Chromium: every step checked in the rows and at the SMTP server. */
class ConsoleBrowserTest extends ConsoleTestSupport {

    private static final String THAI_SUBJECT = "ขอรับรองสำเนาทะเบียนบ้าน ฉบับด่วน";

    private Browser browser;
    private WebDriver driver;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browser.open();
        driver = browser.driver;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void officerFindsAThaiLetterDownloadsItsBytesRecordsAnActionAndReplies() throws Exception {
        startConsole(Map.of());
        byte[] raw = Letters.letter("<thai-1@citizen.example>", "สมชาย ใจดี <somchai@citizen.example>", THAI_SUBJECT,
                "เรียน เจ้าหน้าที่สารบรรณ\nขอรับรองสำเนาทะเบียนบ้านเพื่อใช้ยื่นขอทุนการศึกษา");
        mailServer.deliver(Letters.letter("อื่น ๆ"), OffsetDateTime.parse("2026-11-24T08:40:00+07:00"));
        mailServer.deliver(raw, OffsetDateTime.parse("2026-11-24T09:05:00+07:00"));
        gateway.checkMailbox();
        Map<String, Object> entry = rows.single("SELECT id, raw_sha256 FROM incoming_register WHERE subject = ?", THAI_SUBJECT);

        // without a session the register is not shown: the browser lands on the sign-in form
        driver.get(url("/console/register"));
        assertThat(driver.getCurrentUrl()).endsWith("/console/sign-in");
        browser.screenshots("sign-in");
        signIn(OFFICER);
        browser.screenshots("today");

        driver.get(url("/console/register"));
        driver.findElement(By.id("q")).sendKeys("รับรองสำเนา");
        driver.findElement(By.cssSelector("form.filters button")).click();
        // the click returns before the filtered page has replaced the form's page
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.getCurrentUrl().contains("q=")
                && driver.findElements(By.cssSelector("table.register tbody tr")).size() == 1);
        assertThat(driver.findElements(By.cssSelector("table.register tbody tr"))).hasSize(1);
        browser.screenshots("register");
        driver.findElement(By.cssSelector("table.register tbody tr")).findElement(By.linkText(THAI_SUBJECT)).click();
        assertThat(driver.findElement(By.cssSelector("dd.subject")).getText()).isEqualTo(THAI_SUBJECT);
        browser.screenshots("entry");

        driver.findElement(By.cssSelector("a.raw")).click();
        Path eml = await().atMost(Duration.ofSeconds(30)).until(() -> downloaded(".eml"), p -> p != null);
        assertThat(Letters.sha256(Files.readAllBytes(eml))).isEqualTo(entry.get("raw_sha256"))
                .isEqualTo(Letters.sha256(raw));

        new Select(driver.findElement(By.id("action-status"))).selectByValue("routed");
        driver.findElement(By.id("routed-to")).sendKeys("กองทะเบียน");
        driver.findElement(By.id("document-no")).sendKeys("ที่ สน ๐๐๑๘.๑/ว ๒๖๒๖๐");
        driver.findElement(By.id("document-date")).sendKeys("๒๓ พฤศจิกายน ๒๕๖๙");
        driver.findElement(By.id("remarks")).sendKeys("ส่งต่อให้งานทะเบียนดำเนินการ");
        driver.findElement(By.cssSelector("form[action$='/actions'] button")).click();

        assertThat(driver.findElement(By.cssSelector("dd.routed-to")).getText()).isEqualTo("กองทะเบียน");
        assertThat(driver.findElement(By.cssSelector("dd.document-date")).getText()).isEqualTo("๒๓ พฤศจิกายน ๒๕๖๙");
        assertThat(rows.single("SELECT status, routed_to, document_no, document_date::text AS d FROM incoming_register"
                + " WHERE id = ?", entry.get("id"))).containsEntry("status", "routed").containsEntry("routed_to", "กองทะเบียน")
                .containsEntry("document_no", "ที่ สน ๐๐๑๘.๑/ว ๒๖๒๖๐").containsEntry("d", "2026-11-23");
        assertThat(rows.query("SELECT field, new_value FROM audit_log WHERE entry_id = ? AND officer = ? AND action_id IS NOT NULL",
                entry.get("id"), OFFICER)).extracting(r -> r.get("field"))
                .contains("status", "routed_to", "remarks", "document_no", "document_date");

        Path attachment = Files.createTempFile("หนังสือตอบ", ".txt");
        Files.writeString(attachment, "สำเนาทะเบียนบ้านที่รับรองแล้ว");
        driver.findElement(By.id("reply-text")).sendKeys("เรียน คุณสมชาย\nสำนักงานได้รับรองสำเนาให้แล้ว ตามไฟล์แนบ");
        driver.findElement(By.id("reply-files")).sendKeys(attachment.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("form[action$='/replies'] button")).click();
        assertThat(driver.findElements(By.cssSelector("table.replies tbody tr"))).isNotEmpty();
        gateway.sendOutbox();

        List<MimeMessage> received = mailServer.receivedAt("citizen.example").stream()
                .filter(m -> subjectOf(m).contains(THAI_SUBJECT)).toList();
        assertThat(received).hasSize(1);
        MimeMessage reply = received.get(0);
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<thai-1@citizen.example>");
        MimeMultipart parts = (MimeMultipart) reply.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains("สำนักงานได้รับรองสำเนาให้แล้ว");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo(jakarta.mail.internet.MimeUtility.encodeText(
                attachment.getFileName().toString(), "UTF-8", null).isEmpty() ? null : parts.getBodyPart(1).getFileName());
        assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes(), "UTF-8"))
                .isEqualTo("สำเนาทะเบียนบ้านที่รับรองแล้ว");
        assertThat(rows.single("SELECT officer FROM audit_log WHERE entity = 'outgoing_message' AND field = 'status'"))
                .containsEntry("officer", OFFICER);
    }

    @Test
    void administratorResolvesUncertainSends() throws Exception {
        startConsole(Map.of());
        mailServer.deliver(Letters.letter("คำร้องที่หนึ่ง"), OffsetDateTime.parse("2026-11-24T09:00:00+07:00"));
        mailServer.deliver(Letters.letter("คำร้องที่สอง"), OffsetDateTime.parse("2026-11-24T09:01:00+07:00"));
        gateway.checkMailbox();
        // two acknowledgements whose sends ended without an answer from the server
        rows.query("UPDATE outgoing_message SET status = 'uncertain', attempts = 1, claimed_at = now(),"
                + " last_error = 'no answer after the whole message was sent' RETURNING id");
        List<Long> uncertain = rows.query("SELECT id FROM outgoing_message ORDER BY id").stream()
                .map(r -> (Long) r.get("id")).toList();
        assertThat(uncertain).hasSize(2);

        signIn(ADMIN);
        driver.get(url("/console/outbox"));
        browser.screenshots("outbox");
        row(uncertain.get(0)).findElement(By.cssSelector("button.delivered")).click();
        driver.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(10)).until(() -> driver.findElements(
                By.cssSelector("tr[data-outgoing-id='" + uncertain.get(0) + "']")).isEmpty());
        row(uncertain.get(1)).findElement(By.cssSelector("button.resend")).click();
        driver.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(10)).until(() -> "queued".equals(
                row(uncertain.get(1)).getAttribute("data-status")));
        gateway.sendOutbox();

        assertThat(rows.single("SELECT status FROM outgoing_message WHERE id = ?", uncertain.get(0))).containsEntry("status", "sent");
        assertThat(rows.count("SELECT count(*) FROM sending_register WHERE outgoing_id = ?", uncertain.get(0))).isEqualTo(1);
        assertThat(rows.single("SELECT status FROM outgoing_message WHERE id = ?", uncertain.get(1))).containsEntry("status", "sent");
        assertThat(mailServer.receivedAt("citizen.example")).hasSize(1);
        assertThat(rows.query("SELECT entity_id, old_value, new_value FROM audit_log WHERE officer = ? ORDER BY id", ADMIN))
                .containsExactly(
                        Map.of("entity_id", uncertain.get(0), "old_value", "uncertain", "new_value", "sent"),
                        Map.of("entity_id", uncertain.get(1), "old_value", "uncertain", "new_value", "queued"));
    }

    @Test
    void lettersThatNeedAPersonAreListedWithTheirReasonAndMarkedReviewed() throws Exception {
        startConsole(Map.of());
        mailServer.deliver(Letters.letter("จดหมายเสีย"), OffsetDateTime.parse("2026-11-24T09:00:00+07:00"));
        gateway.checkMailbox();
        long id = (Long) rows.single("SELECT id FROM incoming_register").get("id");
        rows.query("UPDATE incoming_register SET status = 'needs_review', problems = 'charset: unknown charset x-thai-99'"
                + " WHERE id = ? RETURNING id", id);

        signIn(OFFICER);
        assertThat(driver.findElement(By.cssSelector("dd.needs")).getText()).contains("ต้องตรวจสอบ (needs_review): 1");
        browser.screenshots("today-needs");
        driver.findElement(By.cssSelector("dd.needs a")).click();
        WebElement flagged = driver.findElement(By.cssSelector("tr[data-entry-id='" + id + "']"));
        assertThat(flagged.findElement(By.cssSelector("td.problems")).getText()).isEqualTo("charset: unknown charset x-thai-99");
        browser.screenshots("needs-a-person");
        driver.findElement(By.cssSelector("tr[data-entry-id='" + id + "'] form button")).click();
        driver.switchTo().alert().accept();

        await().atMost(Duration.ofSeconds(10)).until(() -> driver.findElement(
                By.cssSelector("tr[data-entry-id='" + id + "']")).getText().contains("ตรวจแล้วโดย " + OFFICER));
        assertThat(rows.single("SELECT reviewed_by, reviewed_at FROM entry_review WHERE entry_id = ?", id))
                .containsEntry("reviewed_by", OFFICER);
        assertThat(rows.single("SELECT officer, field FROM audit_log WHERE entry_id = ?", id)).containsEntry("officer", OFFICER);
    }

    @Test
    void complianceCalendarShowsADayWithOneCheckInRedAndItsChecksOnClick() throws Exception {
        startConsole(Map.of());
        String mailbox = th.go.saraban.gateway.pipeline.TestMailServer.CENTRAL;
        for (String start : List.of("2026-11-20T09:00:00+07:00", "2026-11-20T14:00:00+07:00", "2026-11-23T09:00:00+07:00",
                "2026-11-24T09:00:00+07:00")) {
            rows.query("INSERT INTO mailbox_check (mailbox, started_at, finished_at, outcome) VALUES (?, ?::timestamptz,"
                    + " ?::timestamptz + interval '5 seconds', 'ok') RETURNING id", mailbox, start, start);
        }

        signIn(OFFICER);
        // today (Tuesday 24 November, 10:15): one check this morning, the afternoon still to come
        assertThat(driver.findElement(By.cssSelector("dd.last-check")).getText())
                .isEqualTo("๒๔ พฤศจิกายน ๒๕๖๙ เวลา ๐๙.๐๐ น. (๑ ชั่วโมง ๑๔ นาทีที่แล้ว)");
        assertThat(driver.findElement(By.cssSelector("dd.checks-today")).getText()).contains("1 ครั้ง", "เช้า 1 บ่าย 0: ยังไม่ครบ");
        driver.get(url("/console/compliance?month=2026-11"));

        assertThat(day("2026-11-23").getAttribute("class")).contains("red");
        assertThat(day("2026-11-20").getAttribute("class")).contains("green");
        assertThat(day("2026-11-21").getAttribute("class")).contains("off");
        browser.screenshots("compliance");
        driver.get(url("/console/compliance?month=2026-10"));
        assertThat(day("2026-10-23").getText()).contains("วันปิยมหาราช");
        driver.get(url("/console/compliance?month=2026-11"));
        day("2026-11-23").findElement(By.tagName("a")).click();
        assertThat(driver.findElements(By.cssSelector("table.checks tbody tr"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("p.notice.error")).getText()).contains("ตรวจไม่ครบตามเกณฑ์");
        browser.screenshots("compliance-day");

        ConsoleClient officer = client();
        officer.signIn(OFFICER, PASSWORD);
        var csv = officer.getBytes("/console/compliance.csv?mailbox=" + mailbox + "&month=2026-11");
        assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=UTF-8");
        String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFdate,").contains("\n2026-11-23,MON,business_day,,due,1,1,0,false,");
    }

    private WebElement day(String date) {
        return driver.findElement(By.cssSelector(".calendar .day[data-date='" + date + "']"));
    }

    private WebElement row(long outgoingId) {
        return driver.findElement(By.cssSelector("tr[data-outgoing-id='" + outgoingId + "']"));
    }

    private void signIn(String name) {
        driver.get(url("/console/sign-in"));
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("วันนี้");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + gateway.httpPort() + path;
    }

    private Path downloaded(String suffix) throws java.io.IOException {
        try (var files = Files.list(browser.downloads)) {
            return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
        }
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
