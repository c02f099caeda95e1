package th.go.saraban.gateway.outbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of the acknowledgement of receipt, from a file operators edit under {@code config/}.
 * Placeholders are {@code ${name}}; an unknown name is refused when the file is loaded, not when a
 * citizen's letter arrives.
 */
public final class AcknowledgementTemplate {

    public static final Set<String> PLACEHOLDERS = Set.of("stamp", "register_no", "register_year", "tag",
            "received_at", "deemed_received_at", "received_at_en", "deemed_received_at_en", "subject",
            "central_address", "agency_name", "agency_code", "agency_contact", "sender_name");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private final Path file;
    private final String text;

    private AcknowledgementTemplate(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    public static AcknowledgementTemplate load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (!PLACEHOLDERS.contains(placeholder.group(1))) {
                throw new IllegalArgumentException(file + " uses unknown placeholder ${" + placeholder.group(1)
                        + "}; known: " + String.join(", ", PLACEHOLDERS.stream().sorted().toList()));
            }
        }
        return new AcknowledgementTemplate(file, text);
    }

    public String render(Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
