package th.go.saraban.gateway.mail;

import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

/**
 * Readable text from an HTML-only body: the register shows officers what the letter says, and the
 * original HTML stays in the raw message. HTML is parsed by jsoup, as browsers parse it, never by
 * regular expressions (they took quadratic time on hostile markup: 80 KB of {@code <}, 17 s).
 *
 * <p>jsoup's tree builder searches the stack of open elements, so on deeply nested markup its cost
 * grows with the nesting (measured with jsoup 1.22.1 at its default depth: 512 KB of
 * {@code <table><tr><td>} 14.6 s). Its maximum depth is therefore set to {@link #MAX_DEPTH}: deeper
 * elements are parsed as siblings, their text is kept, and every search is bounded, so the cost is
 * linear in the size of the letter. No real letter nests 64 elements deep.
 *
 * <p>Kept: text, a line break for {@code br} and the end of {@code p, div, tr, li, h1-h6}. Dropped:
 * tags, comments, and the content of {@code script, style, head, noscript, template}.
 */
final class HtmlText {

    static final int MAX_DEPTH = 64;
    private static final Set<String> INVISIBLE = Set.of("script", "style", "head", "noscript", "template");
    private static final Set<String> ENDS_LINE = Set.of("p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6");

    private HtmlText() {
    }

    static String text(String html) {
        Document document = Parser.htmlParser().setMaxDepth(MAX_DEPTH).parseInput(html, "");
        StringBuilder text = new StringBuilder(Math.min(html.length(), 1 << 20));
        NodeTraversor.filter(new NodeFilter() {
            private int visited;

            @Override
            public FilterResult head(Node node, int depth) {
                if ((++visited & 0xFFF) == 0) {
                    ReadProblems.stopIfInterrupted();
                }
                if (node instanceof TextNode textNode) {
                    text.append(textNode.getWholeText());
                } else if (node instanceof Element element) {
                    if (INVISIBLE.contains(element.normalName())) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (element.nameIs("br")) {
                        text.append('\n');
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element element && ENDS_LINE.contains(element.normalName())) {
                    text.append('\n');
                }
                return FilterResult.CONTINUE;
            }
        }, document);
        return tidy(text);
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
