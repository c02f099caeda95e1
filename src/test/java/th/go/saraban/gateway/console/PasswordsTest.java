package th.go.saraban.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    private final Passwords passwords = new Passwords();

    @Test
    void decoyForUnknownNamesCostsAsMuchAsARealHash() {
        String real = passwords.hash("รหัสผ่าน-ทดสอบ-42");

        // "$2a$12$...": the cost is the second field, so an unknown name takes as long as a known one
        assertThat(Passwords.DECOY.split("\\$")[2]).isEqualTo(real.split("\\$")[2]);
        assertThat(Passwords.DECOY).hasSameSizeAs(real);
    }

    @Test
    void anUnknownNameNeverSignsInEvenWithTheDecoysOwnPhrase() {
        assertThat(passwords.matches("decoy password for unknown names", null)).isFalse();
        assertThat(passwords.matches("decoy password for unknown names", Passwords.DECOY)).isTrue();
    }
}
