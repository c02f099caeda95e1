package th.go.saraban.gateway.mail;

import java.util.HashSet;
import java.util.Set;
import org.jsoup.nodes.Entities;

/**
 * Readable text from an HTML-only body: the register shows officers what the letter says, and the
 * original HTML stays in the raw message. One pass over the markup, no regular expressions and no
 * document tree: regular expressions took quadratic time on hostile markup (80 KB of {@code <}:
 * 17 s), and so does jsoup's tree builder on nested markup (measured with jsoup 1.22.1: 128 KB of
 * {@code <table><tr><td>} 1.8 s, 512 KB 14.6 s), while here every character is looked at a bounded
 * number of times. jsoup supplies the HTML5 table of named character references.
 *
 * <p>Kept: text, a line break for {@code br} and the end of {@code p, div, tr, li, h1-h6}. Dropped:
 * tags, comments, and the content of {@code script, style, head, noscript, template}.
 */
final class HtmlText {

    private static final Set<String> INVISIBLE = Set.of("script", "style", "head", "noscript", "template");
    private static final Set<String> ENDS_LINE = Set.of("p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6");
    /** The longest HTML5 entity name is 32 characters. */
    private static final int LONGEST_ENTITY = 40;

    private HtmlText() {
    }

    static String text(String html) {
        StringBuilder text = new StringBuilder(Math.min(html.length(), 1 << 20));
        int lastTagEnd = html.lastIndexOf('>');
        Set<String> neverClosed = new HashSet<>();
        int i = 0;
        while (i < html.length()) {
            if ((i & 0xFFFF) == 0) {
                ReadProblems.stopIfInterrupted();
            }
            char c = html.charAt(i);
            if (c == '&') {
                i = entity(html, i, text);
            } else if (c != '<' || i + 1 >= html.length()) {
                text.append(c);
                i++;
            } else if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? html.length() : end + 3;
            } else if (html.charAt(i + 1) == '!' || html.charAt(i + 1) == '?') {
                // doctype, CDATA, processing instruction: to the next '>'
                i = i < lastTagEnd ? html.indexOf('>', i) + 1 : html.length();
            } else if (isTagStart(html, i)) {
                if (i > lastTagEnd) {
                    // an unfinished tag at the end, as browsers treat it: dropped
                    break;
                }
                int end = html.indexOf('>', i);
                boolean closing = html.charAt(i + 1) == '/';
                String name = tagName(html, closing ? i + 2 : i + 1, end);
                i = end + 1;
                if (!closing && INVISIBLE.contains(name) && !neverClosed.contains(name)) {
                    int close = closingTag(html, i, name);
                    if (close < 0) {
                        // searched to the end once; the next one of these is not searched again
                        neverClosed.add(name);
                    } else {
                        int closeEnd = html.indexOf('>', close);
                        i = closeEnd < 0 ? html.length() : closeEnd + 1;
                    }
                } else if (name.equals("br") || closing && ENDS_LINE.contains(name)) {
                    text.append('\n');
                }
            } else {
                text.append(c);
                i++;
            }
        }
        return tidy(text);
    }

    private static boolean isTagStart(String html, int lt) {
        char next = html.charAt(lt + 1);
        if (next == '/') {
            return lt + 2 < html.length() && Character.isLetter(html.charAt(lt + 2));
        }
        return Character.isLetter(next);
    }

    private static String tagName(String html, int from, int end) {
        int to = from;
        while (to < end && (Character.isLetterOrDigit(html.charAt(to)))) {
            to++;
        }
        return html.substring(from, to).toLowerCase(java.util.Locale.ROOT);
    }

    /** Where {@code </name} starts, searching from {@code from}; -1 when it never comes. */
    private static int closingTag(String html, int from, String name) {
        for (int lt = html.indexOf("</", from); lt >= 0; lt = html.indexOf("</", lt + 2)) {
            if (html.regionMatches(true, lt + 2, name, 0, name.length())) {
                return lt;
            }
        }
        return -1;
    }

    /** Decodes the character reference at {@code amp} (only with its ';'); returns where text goes on. */
    private static int entity(String html, int amp, StringBuilder text) {
        int semicolon = -1;
        for (int i = amp + 1; i < html.length() && i <= amp + LONGEST_ENTITY; i++) {
            char c = html.charAt(i);
            if (c == ';') {
                semicolon = i;
                break;
            }
            if (!Character.isLetterOrDigit(c) && c != '#') {
                break;
            }
        }
        String decoded = semicolon < 0 ? null : decode(html.substring(amp + 1, semicolon));
        if (decoded == null) {
            text.append('&');
            return amp + 1;
        }
        text.append(decoded);
        return semicolon + 1;
    }

    private static String decode(String name) {
        if (name.startsWith("#")) {
            boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
            String digits = name.substring(hex ? 2 : 1);
            if (digits.isEmpty() || digits.length() > 7) {
                return null;
            }
            try {
                int codePoint = Integer.parseInt(digits, hex ? 16 : 10);
                return Character.isValidCodePoint(codePoint) && codePoint != 0
                        ? new String(Character.toChars(codePoint)) : null;
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        String character = Entities.getByName(name);
        return character == null || character.isEmpty() ? null : character;
    }

    /** Runs of spaces become one space, spaces around line breaks and blank lines go; one pass. */
    private static String tidy(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        boolean pendingBreak = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                pendingBreak = true;
                pendingSpace = false;
            } else if (c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0') {
                pendingSpace = !pendingBreak;
            } else {
                if (out.length() > 0) {
                    if (pendingBreak) {
                        out.append('\n');
                    } else if (pendingSpace) {
                        out.append(' ');
                    }
                }
                pendingBreak = false;
                pendingSpace = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
