package th.go.saraban.gateway.compliance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A table as RFC 4180 CSV in UTF-8 with a byte-order mark: Excel, which officers open reports in,
 * reads a CSV without the mark in the machine's ANSI code page and shows Thai as mojibake. A field is
 * quoted when it holds a comma, a double quote, CR or LF (or begins or ends with a space, which Excel
 * would trim), and a double quote inside is doubled; lines end in CRLF. Null is an empty field.
 * Written here rather than with a library: these are the whole of the rules, and the test pins them.
 */
public final class CsvTable {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvTable() {
    }

    /** A header line of {@code header}, then one line per row with its values taken by those names. */
    public static byte[] of(List<String> header, List<Map<String, Object>> rows) {
        StringBuilder text = new StringBuilder();
        line(text, header.stream().map(name -> (Object) name).toList());
        for (Map<String, Object> row : rows) {
            line(text, header.stream().map(row::get).toList());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0 || (!text.isEmpty()
                && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))));
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static void line(StringBuilder text, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(values.get(i)));
        }
        text.append("\r\n");
    }
}
