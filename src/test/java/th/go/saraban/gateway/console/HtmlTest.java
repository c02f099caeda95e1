package th.go.saraban.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every value put into a page is encoded, in text and in double-quoted attributes; only Html passes as markup. */
class HtmlTest {

    @Test
    void encodesValuesInTextAndAttributes() {
        Html html = Html.of("<a title=\"{}\">{}</a>", "\"><script>x</script>", "<b>ทดสอบ</b> & 'q'");

        assertThat(html.toString()).isEqualTo(
                "<a title=\"&#34;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;b&gt;ทดสอบ&lt;/b&gt; &amp; &#39;q&#39;</a>");
    }

    @Test
    void insertsHtmlAsItIsAndNullAsNothing() {
        Html inner = Html.of("<i>{}</i>", "<x>");

        assertThat(Html.of("<p>{}{}</p>", inner, null).toString()).isEqualTo("<p><i>&lt;x&gt;</i></p>");
    }

    @Test
    void keepsLineBreaksOfTextOnly() {
        assertThat(Html.lines("a<\nb").toString()).isEqualTo("a&lt;<br>b");
    }

    @Test
    void percentEncodesQueryValues() {
        assertThat(Html.of("<a href=\"/x?m={}\">", Html.query("a&b=\"c\" ไทย")).toString())
                .isEqualTo("<a href=\"/x?m=a%26b%3D%22c%22%20%E0%B9%84%E0%B8%97%E0%B8%A2\">");
    }

    @Test
    void refusesATemplateWhoseSlotsDoNotMatchItsArguments() {
        assertThatThrownBy(() -> Html.of("<p>{}</p>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.of("<p></p>", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void downloadNamesCannotBreakTheHeader() {
        assertThat(ContentDisposition.attachment("../ผล\"การ\r\nพิจารณา.pdf"))
                .isEqualTo("attachment; filename=\"_..________________.pdf\"; filename*=UTF-8''..%2F%E0%B8%9C%E0%B8%A5%22"
                        + "%E0%B8%81%E0%B8%B2%E0%B8%A3%0D%0A%E0%B8%9E%E0%B8%B4%E0%B8%88%E0%B8%B2%E0%B8%A3%E0%B8%93%E0%B8%B2.pdf");
    }
}
