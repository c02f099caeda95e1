package th.go.saraban.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A sender's file name in a response header: kept readable, never able to end or forge the header. */
class ContentDispositionTest {

    @Test
    void keepsAThaiNameInFilenameStarAndGivesOldClientsAnAsciiNameWithItsExtension() {
        String header = ContentDisposition.attachment("หนังสือ.pdf", "attachment-1");

        assertThat(header).isEqualTo("attachment; filename=\"attachment-1.pdf\"; filename*=UTF-8''"
                + "%E0%B8%AB%E0%B8%99%E0%B8%B1%E0%B8%87%E0%B8%AA%E0%B8%B7%E0%B8%AD.pdf");
    }

    @Test
    void dropsLineBreaksEscapesQuotesAndReplacesPathSeparators() {
        String header = ContentDisposition.attachment("../../a\"b\\c\r\nSet-Cookie: x=1.txt", "attachment-2");

        assertThat(header).doesNotContain("\r", "\n", "/");
        assertThat(header).startsWith("attachment; filename=\".._.._a\\\"b_cSet-Cookie: x=1.txt\"; filename*=UTF-8''")
                .endsWith("filename*=UTF-8''.._.._a%22b_cSet-Cookie%3A%20x%3D1.txt");
    }

    @Test
    void namesAnAttachmentWithoutAFilenameByItsFallback() {
        assertThat(ContentDisposition.attachment(null, "attachment-3"))
                .isEqualTo("attachment; filename=\"attachment-3\"; filename*=UTF-8''attachment-3");
        assertThat(ContentDisposition.attachment(" \t ", "attachment-4"))
                .isEqualTo("attachment; filename=\"attachment-4\"; filename*=UTF-8''attachment-4");
    }
}
