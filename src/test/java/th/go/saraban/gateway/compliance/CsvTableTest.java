package th.go.saraban.gateway.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV rules (RFC 4180) an officer's Excel relies on, byte for byte. */
class CsvTableTest {

    @Test
    void writesABomAHeaderAndQuotesOnlyTheFieldsThatNeedIt() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("plain", "วันปิยมหาราช");
        row.put("comma", "a,b");
        row.put("quote", "say \"hi\"");
        row.put("lines", "one\r\ntwo\nthree");
        row.put("spaces", " padded ");
        row.put("missing", null);
        row.put("flag", false);

        byte[] csv = CsvTable.of(List.of("plain", "comma", "quote", "lines", "spaces", "missing", "flag"), List.of(row));

        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)).isEqualTo(
                "plain,comma,quote,lines,spaces,missing,flag\r\n"
                        + "วันปิยมหาราช,\"a,b\",\"say \"\"hi\"\"\",\"one\r\ntwo\nthree\",\" padded \",,false\r\n");
    }
}
