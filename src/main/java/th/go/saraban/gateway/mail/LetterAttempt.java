package th.go.saraban.gateway.mail;

import java.util.List;

/**
 * One try at a letter as {@code letter_attempt} counts it.
 *
 * @param number   this try, counting every earlier try of any check or process (1 = the first)
 * @param failures what became of each earlier try, oldest first ("attempt 1: OutOfMemoryError: ...")
 */
public record LetterAttempt(int number, List<String> failures) {

    /** A letter no check has started on before. */
    public static final LetterAttempt FIRST = new LetterAttempt(1, List.of());

    public LetterAttempt {
        failures = List.copyOf(failures);
    }
}
