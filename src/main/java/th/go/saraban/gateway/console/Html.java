package th.go.saraban.gateway.console;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.owasp.encoder.Encode;

/**
 * A piece of HTML that is safe to send: either markup written in our own code, or text that went
 * through the OWASP encoder. Pages build everything with {@link #of}, whose {@code {}} slots take
 * either another {@code Html} (inserted as it is) or any other value (encoded), so a letter's
 * subject, a sender's name or a file name can never become markup. Attribute values are always
 * written in double quotes, which the encoder's {@code forHtml} makes safe as well.
 */
public final class Html {

    public static final Html EMPTY = new Html("");

    private final String markup;

    private Html(String markup) {
        this.markup = markup;
    }

    /**
     * {@code template} is our own markup (a constant in the page class); each {@code {}} is filled
     * with the next argument, encoded unless it is {@code Html}. {@code null} becomes empty text.
     */
    public static Html of(String template, Object... args) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int from = 0;
        int arg = 0;
        int slot;
        while ((slot = template.indexOf("{}", from)) >= 0) {
            if (arg >= args.length) {
                throw new IllegalArgumentException("more {} than arguments in: " + template);
            }
            out.append(template, from, slot).append(encode(args[arg++]));
            from = slot + 2;
        }
        if (arg != args.length) {
            throw new IllegalArgumentException("more arguments than {} in: " + template);
        }
        out.append(template, from, template.length());
        return new Html(out.toString());
    }

    /** Plain text, encoded. */
    public static Html text(Object value) {
        return new Html(encode(value));
    }

    /** Text whose line breaks stay line breaks. */
    public static Html lines(String value) {
        if (value == null) {
            return EMPTY;
        }
        return join(value.lines().map(Html::text).toList(), Html.of("<br>"));
    }

    public static Html join(List<Html> parts) {
        return new Html(parts.stream().map(Html::toString).collect(Collectors.joining()));
    }

    public static Html join(List<Html> parts, Html separator) {
        return new Html(parts.stream().map(Html::toString).collect(Collectors.joining(separator.markup)));
    }

    /** A query-string value, for {@code href="...?q={}"} slots: percent-encoded, then HTML-encoded by the slot. */
    public static String query(String value) {
        return Encode.forUriComponent(value == null ? "" : value);
    }

    private static String encode(Object value) {
        if (value instanceof Html html) {
            return html.markup;
        }
        return Encode.forHtml(Objects.toString(value, ""));
    }

    @Override
    public String toString() {
        return markup;
    }
}
