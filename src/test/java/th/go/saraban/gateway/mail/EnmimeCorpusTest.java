package th.go.saraban.gateway.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real and deliberately malformed messages collected by the enmime project, read from the Debian
 * package golang-github-jhillyerd-enmime-dev so that they are never copied into this repository.
 */
class EnmimeCorpusTest {

    private static final Path CORPUS = Path.of(System.getProperty("saraban.corpus.enmime",
            "/usr/share/gocode/src/github.com/jhillyerd/enmime/testdata"));
    private static final Pattern SUBJECT_LINE = Pattern.compile("(?m)^Subject:");

    private final LetterReader letterReader = new LetterReader(ReadLimits.DEFAULTS);

    @Test
    void readsEveryCorpusMessageIntoALetter() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "enmime corpus not installed at " + CORPUS);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(path -> path.toString().endsWith(".raw")).sorted().toList();
        }
        List<Path> withoutFacts = new ArrayList<>();
        List<Path> subjectLost = new ArrayList<>();

        for (Path file : files) {
            byte[] raw = Files.readAllBytes(file);
            Letter letter = letterReader.read(raw);
            if (isBlank(letter.messageId()) && isBlank(letter.subject()) && isBlank(letter.bodyText())
                    && letter.attachments().isEmpty()) {
                withoutFacts.add(file);
            }
            if (SUBJECT_LINE.matcher(new String(raw, StandardCharsets.ISO_8859_1)).find() && letter.subject() == null) {
                subjectLost.add(file);
            }
        }

        assertThat(files).hasSizeGreaterThanOrEqualTo(50);
        assertThat(withoutFacts).as("messages with no Message-ID, subject, body or attachment").hasSizeLessThanOrEqualTo(files.size() / 10);
        assertThat(subjectLost).as("messages whose Subject line was not read").isEmpty();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
