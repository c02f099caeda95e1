package th.go.saraban.gateway.console;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Officers' passwords, hashed with BCrypt from spring-security-crypto (a standard, salted, slow
 * hash; cost 12 is about a quarter of a second here), never by code of ours. BCrypt reads at most
 * 72 bytes, so a longer password is refused when it is set rather than silently cut.
 */
public final class Passwords {

    static final int MIN_CHARACTERS = 10;
    static final int MAX_BYTES = 72;
    private static final int COST = 12;

    /**
     * Compared against when the name is unknown, so that a wrong name takes as long as a wrong
     * password: a cost-12 hash of "decoy password for unknown names", whose result is thrown away.
     * It is written out rather than hashed at start-up, which cost every start a quarter of a
     * second of CPU, and seconds in a new JVM on a busy machine.
     */
    static final String DECOY = "$2a$12$XnCuk8m31yZfmTp1lNcb..7kTsFgT0CXeawyy7KjZXSN5Y0eCXZZC";

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(COST);

    /** Why {@code password} cannot be set, or null when it can. */
    public static String weakness(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return "the password must have at least " + MIN_CHARACTERS + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the password must be at most " + MAX_BYTES + " bytes in UTF-8 (BCrypt reads no more);"
                    + " a Thai character takes 3";
        }
        if (password.isBlank()) {
            return "the password must not be blank";
        }
        return null;
    }

    public String hash(String password) {
        String why = weakness(password);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return encoder.encode(password);
    }

    /** @param hash null for an unknown name: the decoy is checked and false returned */
    public boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            encoder.matches("x", DECOY);
            return false;
        }
        boolean matches = encoder.matches(password, hash == null ? DECOY : hash);
        return hash != null && matches;
    }
}
