package th.go.saraban.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample from /observe/metrics as a Prometheus server would. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of {@code name} with exactly these labels (in Prometheus' order, by name). */
    public static double value(String metrics, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$")
                .matcher(metrics);
        assertThat(sample.find()).as(name + "{" + labels + "} in\n" + metrics).isTrue();
        return Double.parseDouble(sample.group(1));
    }
}
