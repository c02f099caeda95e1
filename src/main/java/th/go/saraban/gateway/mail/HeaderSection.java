package th.go.saraban.gateway.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One header section (RFC 5322 2.2) read from bytes in a single pass, within the read limits.
 * Jakarta Mail's own header parser has no limits and its unfolding is quadratic in the length of a
 * folded field (a 2 MB field took 15 s), so the letter's headers, and those of its parts, are read
 * here: each byte is looked at a bounded number of times, and what lies past a limit is skipped
 * without being kept. Values keep one char per byte, so undeclared 8-bit text survives to be decoded
 * by {@link MimeCharsets}.
 */
final class HeaderSection {

    /** One field: its name as written and its value unfolded, leading whitespace removed. */
    record Field(String name, String value) {
    }

    private final List<Field> fields;
    private final int bodyStart;
    private final int malformed;

    private HeaderSection(List<Field> fields, int bodyStart, int malformed) {
        this.fields = fields;
        this.bodyStart = bodyStart;
        this.malformed = malformed;
    }

    /** Reads the header section of the entity in {@code bytes[from, to)}; the body starts after it. */
    static HeaderSection read(byte[] bytes, int from, int to, ReadLimits limits, ReadProblems problems) {
        List<Field> fields = new ArrayList<>();
        int malformed = 0;
        int line = from;
        while (line < to) {
            ReadProblems.stopIfInterrupted();
            int lineEnd = lineEnd(bytes, line, to);
            if (isEmptyLine(bytes, line, lineEnd)) {
                return new HeaderSection(fields, next(lineEnd, to), malformed);
            }
            int fieldEnd = fieldEnd(bytes, lineEnd, to);
            if (line - from >= limits.maxHeaderSectionBytes()) {
                problems.limitReached(ReadLimits.HEADER_SECTION_BYTES,
                        "a header section longer than " + limits.maxHeaderSectionBytes() + " bytes",
                        "header fields after " + limits.maxHeaderSectionBytes() + " bytes not read");
            } else if (fields.size() >= limits.maxHeaders()) {
                problems.limitReached(ReadLimits.HEADERS, "more than " + limits.maxHeaders() + " header fields",
                        "fields after " + limits.maxHeaders() + " not read");
            } else {
                Field field = field(bytes, line, lineEnd, fieldEnd, limits, problems);
                if (field == null) {
                    malformed++;
                } else {
                    fields.add(field);
                }
            }
            line = next(fieldEnd, to);
        }
        return new HeaderSection(fields, to, malformed);
    }

    static HeaderSection empty(int bodyStart) {
        return new HeaderSection(List.of(), bodyStart, 0);
    }

    int bodyStart() {
        return bodyStart;
    }

    List<Field> fields() {
        return fields;
    }

    /** Lines that are not {@code name: value}; they are skipped. */
    int malformed() {
        return malformed;
    }

    /** The first field of that name, or null. */
    String first(String name) {
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                return field.value;
            }
        }
        return null;
    }

    /** Every field of that name, top to bottom. */
    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                values.add(field.value);
            }
        }
        return values;
    }

    boolean anyNameStartsWith(String prefix) {
        for (Field field : fields) {
            if (field.name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Field field(byte[] bytes, int start, int firstLineEnd, int end, ReadLimits limits,
                               ReadProblems problems) {
        int colon = -1;
        for (int i = start; i < firstLineEnd; i++) {
            if (bytes[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return null;
        }
        int nameEnd = colon;
        while (nameEnd > start && (bytes[nameEnd - 1] == ' ' || bytes[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        if (nameEnd == start) {
            return null;
        }
        for (int i = start; i < nameEnd; i++) {
            // RFC 5322 ftext: printable US-ASCII except the colon
            if (bytes[i] < '!' || bytes[i] > '~') {
                return null;
            }
        }
        String name = new String(bytes, start, nameEnd - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        int valueStart = colon + 1;
        while (valueStart < end && isWhitespace(bytes[valueStart])) {
            valueStart++;
        }
        int valueEnd = end;
        if (end - start > limits.maxHeaderBytes()) {
            problems.limitReached(ReadLimits.HEADER_BYTES, "a header field longer than " + limits.maxHeaderBytes()
                    + " bytes (" + name + ")", "cut at " + limits.maxHeaderBytes() + " bytes");
            valueEnd = Math.max(valueStart, Math.min(end, start + limits.maxHeaderBytes()));
        }
        StringBuilder value = new StringBuilder(valueEnd - valueStart);
        for (int i = valueStart; i < valueEnd; i++) {
            byte b = bytes[i];
            if (b != '\r' && b != '\n') {
                value.append((char) (b & 0xFF));
            }
        }
        return new Field(name, value.toString());
    }

    /** The end of the field that starts on the line ending at {@code lineEnd}: folded lines included. */
    private static int fieldEnd(byte[] bytes, int lineEnd, int to) {
        int end = lineEnd;
        while (end < to) {
            int nextLine = end + 1;
            if (nextLine >= to || (bytes[nextLine] != ' ' && bytes[nextLine] != '\t')) {
                return end;
            }
            end = lineEnd(bytes, nextLine, to);
        }
        return end;
    }

    /** Index of the line's LF, or {@code to} when the bytes end first. */
    static int lineEnd(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    private static int next(int lineEnd, int to) {
        return Math.min(lineEnd + 1, to);
    }

    private static boolean isEmptyLine(byte[] bytes, int start, int lineEnd) {
        return lineEnd == start || lineEnd == start + 1 && bytes[start] == '\r';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
