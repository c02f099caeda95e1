package th.go.saraban.gateway.mail;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readable text from an HTML-only body, crudely: the register shows officers what the letter
 * says, and the original HTML stays in the raw message, so no HTML parser is worth its weight.
 */
final class HtmlText {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<(br|/p|/div|/tr|/li|/h[1-6])\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ");

    private HtmlText() {
    }

    static String strip(String html) {
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = LINE_BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (entity.find()) {
            entity.appendReplacement(out, Matcher.quoteReplacement(entity(entity.group(1), entity.group())));
        }
        entity.appendTail(out);
        return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" ?\\n[ \\n]*", "\n").trim();
    }

    private static String entity(String name, String whole) {
        if (name.startsWith("#")) {
            boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
            int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : whole;
        }
        return NAMED.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), whole);
    }
}
