package th.go.saraban.gateway.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code Authentication-Results} header value (RFC 8601 §2.2): the authserv-id of the server
 * that wrote it, and each {@code method=result} with its reason and properties. Read in one pass
 * with a cursor that only moves forward, so a hostile value costs time linear in its length.
 * Lenient where being wrong cannot help a forger: a resinfo whose properties do not parse keeps
 * its {@code method=result} and the rest up to the next {@code ;} is skipped; one whose
 * {@code method=result} does not parse is dropped. Whether to trust the header is not decided here.
 *
 * @param authservId the server that wrote the header, unquoted; empty when the value is empty
 * @param noResult   the value was the sole {@code none}: the server applied no method
 * @param results    in the order written; method, result, property names in lower case
 */
public record SenderAuthenticationHeader(String authservId, boolean noResult, List<MethodResult> results) {

    /**
     * @param method     e.g. {@code dmarc}, {@code spf}, {@code dkim}, without a version
     * @param result     e.g. {@code pass}; any keyword, as later RFCs may add results
     * @param reason     the {@code reason=} text, unquoted; null when absent
     * @param properties e.g. {@code header.from} -> {@code example.org}; the first of a repeated name
     */
    public record MethodResult(String method, String result, String reason, Map<String, String> properties) {
        public MethodResult {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    public SenderAuthenticationHeader {
        results = List.copyOf(results);
    }

    public static SenderAuthenticationHeader parse(String value) {
        return new Cursor(value == null ? "" : value).header();
    }

    /** One pass over one value; every method advances {@code pos} or returns. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        SenderAuthenticationHeader header() {
            skipCfws();
            String authservId = atEnd() ? "" : peek() == '"' ? quoted() : run(";");
            skipCfws();
            while (!atEnd() && isDigit(peek())) {
                pos++; // authres-version: only version 1 exists, and it changes nothing we read
            }
            boolean noResult = false;
            List<MethodResult> results = new ArrayList<>();
            while (true) {
                skipCfws();
                if (atEnd()) {
                    break;
                }
                if (peek() != ';') {
                    skipToSemicolon(); // not RFC 8601 syntax: nothing until the next ';' is read
                    continue;
                }
                pos++;
                skipCfws();
                String method = keyword();
                skipCfws();
                if (method.equals("none") && (atEnd() || peek() == ';') && results.isEmpty()) {
                    noResult = true;
                    continue;
                }
                MethodResult result = methodResult(method);
                if (result != null) {
                    results.add(result);
                }
            }
            return new SenderAuthenticationHeader(authservId, noResult && results.isEmpty(), results);
        }

        /** After the method keyword: [ "/" version ] "=" result [ reasonspec ] *propspec. */
        private MethodResult methodResult(String method) {
            if (method.isEmpty()) {
                skipToSemicolon();
                return null;
            }
            if (!atEnd() && peek() == '/') {
                pos++;
                skipCfws();
                while (!atEnd() && isDigit(peek())) {
                    pos++;
                }
                skipCfws();
            }
            if (atEnd() || peek() != '=') {
                skipToSemicolon();
                return null;
            }
            pos++;
            skipCfws();
            String result = keyword();
            if (result.isEmpty()) {
                skipToSemicolon();
                return null;
            }
            String reason = null;
            Map<String, String> properties = new LinkedHashMap<>();
            while (true) {
                skipCfws();
                if (atEnd() || peek() == ';') {
                    break;
                }
                String name = keyword();
                skipCfws();
                if (name.equals("reason") && reason == null && !atEnd() && peek() == '=') {
                    pos++;
                    skipCfws();
                    reason = atEnd() ? "" : peek() == '"' ? quoted() : run(";");
                } else if (!name.isEmpty() && !atEnd() && peek() == '.') {
                    pos++;
                    skipCfws();
                    String property = keyword();
                    skipCfws();
                    if (property.isEmpty() || atEnd() || peek() != '=') {
                        skipToSemicolon();
                        break;
                    }
                    pos++;
                    skipCfws();
                    properties.putIfAbsent(name + "." + property, propertyValue());
                } else {
                    skipToSemicolon();
                    break;
                }
            }
            return new MethodResult(method, result, reason, properties);
        }

        /** pvalue: a value or [local-part] "@" domain, where the local-part may be a quoted string. */
        private String propertyValue() {
            StringBuilder value = new StringBuilder();
            while (!atEnd()) {
                char c = peek();
                if (c == '"') {
                    value.append(quoted());
                } else if (isWsp(c) || c == ';' || c == '(') {
                    break;
                } else {
                    value.append(c);
                    pos++;
                }
            }
            return value.toString();
        }

        /** RFC 8601 Keyword (letters, digits, '-'; '_' seen in the wild), lower-cased. */
        private String keyword() {
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) && peek() < 0x80 || peek() == '-' || peek() == '_')) {
                pos++;
            }
            return s.substring(start, pos).toLowerCase(Locale.ROOT);
        }

        /** A token: up to white space, a comment, a quote or {@code stop}. */
        private String run(String stop) {
            int start = pos;
            while (!atEnd() && !isWsp(peek()) && peek() != '(' && peek() != '"' && stop.indexOf(peek()) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** A quoted-string from its opening quote; an unterminated one runs to the end. */
        private String quoted() {
            StringBuilder text = new StringBuilder();
            pos++;
            while (!atEnd()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && !atEnd()) {
                    c = s.charAt(pos++);
                }
                text.append(c);
            }
            return text.toString();
        }

        /** Folding white space and comments; comments nest and may hold quoted-pairs. */
        private void skipCfws() {
            while (!atEnd()) {
                char c = peek();
                if (isWsp(c)) {
                    pos++;
                } else if (c == '(') {
                    skipComment();
                } else {
                    return;
                }
            }
        }

        private void skipComment() {
            int depth = 0;
            while (!atEnd()) {
                char c = s.charAt(pos++);
                if (c == '\\') {
                    pos = Math.min(pos + 1, s.length());
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return;
                }
            }
        }

        /** To the next ';' outside quotes and comments, which then starts the next resinfo. */
        private void skipToSemicolon() {
            while (!atEnd() && peek() != ';') {
                char c = peek();
                if (c == '"') {
                    quoted();
                } else if (c == '(') {
                    skipComment();
                } else {
                    pos++;
                }
            }
        }

        private boolean atEnd() {
            return pos >= s.length();
        }

        private char peek() {
            return s.charAt(pos);
        }

        private static boolean isWsp(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
