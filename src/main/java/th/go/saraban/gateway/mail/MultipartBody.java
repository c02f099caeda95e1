package th.go.saraban.gateway.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a multipart body (RFC 2046 5.1.1), found by one pass over its lines. Jakarta Mail's
 * own multipart parser took 12 s for 100,000 parts and builds every part before the first can be
 * looked at; this one looks at each line once, stops at the number of parts the reader will still
 * read, and returns places in the message's bytes rather than copies.
 *
 * @param parts    each part's {from, to} in the byte array, headers included
 * @param complete the closing delimiter was found
 * @param cut      more parts follow than were asked for
 */
record MultipartBody(List<int[]> parts, boolean complete, boolean cut) {

    /**
     * Splits {@code bytes[from, to)} at {@code --boundary} lines. Without a boundary the first line
     * starting with {@code --} is taken as the delimiter, as Jakarta Mail does.
     *
     * @return null when no delimiter line is found at all
     */
    static MultipartBody split(byte[] bytes, int from, int to, String boundary, int mostParts) {
        byte[] delimiter = boundary == null ? null : ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> parts = new ArrayList<>();
        int partStart = -1;
        int lines = 0;
        for (int line = from; line < to; ) {
            if (++lines % 4096 == 0) {
                ReadProblems.stopIfInterrupted();
            }
            int lineEnd = HeaderSection.lineEnd(bytes, line, to);
            int next = Math.min(lineEnd + 1, to);
            int contentEnd = lineEnd > line && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (delimiter == null && contentEnd - line > 2 && bytes[line] == '-' && bytes[line + 1] == '-') {
                delimiter = new String(bytes, line, trimmedEnd(bytes, line, contentEnd) - line,
                        StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
            }
            if (delimiter != null && startsWith(bytes, line, contentEnd, delimiter)) {
                int after = line + delimiter.length;
                boolean closing = after + 1 < contentEnd && bytes[after] == '-' && bytes[after + 1] == '-';
                if (onlyWhitespace(bytes, closing ? after + 2 : after, contentEnd)) {
                    if (partStart >= 0) {
                        parts.add(new int[] {partStart, endBeforeDelimiter(bytes, partStart, line)});
                    }
                    if (closing) {
                        return new MultipartBody(parts, true, false);
                    }
                    if (parts.size() >= mostParts) {
                        return new MultipartBody(parts, false, true);
                    }
                    partStart = next;
                }
            }
            line = next;
        }
        if (partStart < 0) {
            return null;
        }
        parts.add(new int[] {partStart, to});
        return new MultipartBody(parts, false, false);
    }

    /** The line break before a delimiter belongs to the delimiter, not to the part. */
    private static int endBeforeDelimiter(byte[] bytes, int partStart, int delimiterLine) {
        int end = delimiterLine;
        if (end > partStart && bytes[end - 1] == '\n') {
            end--;
            if (end > partStart && bytes[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyWhitespace(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int trimmedEnd(byte[] bytes, int from, int to) {
        int end = to;
        while (end > from && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
            end--;
        }
        return end;
    }
}
