package th.go.saraban.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderNameTest {

    @Test
    void usesDisplayNameWhenGiven() {
        String name = SenderName.of("สมชาย ใจดี", "somchai@citizen.example");

        assertThat(name).isEqualTo("สมชาย ใจดี");
    }

    @Test
    void usesAddressWhenThereIsNoDisplayName() {
        String name = SenderName.of(null, "somchai@citizen.example");

        assertThat(name).isEqualTo("somchai@citizen.example");
    }

    @Test
    void reducesNameToOnePlainLine() {
        String name = SenderName.of("\"สมชาย\r\n\u202Eใจดี\u200B \"", "somchai@citizen.example");

        assertThat(name).isEqualTo("สมชาย ใจดี");
    }

    @Test
    void doesNotEchoNameLongerThanAnyRealName() {
        String name = SenderName.of("ก".repeat(SenderName.MAX_LENGTH + 1), "somchai@citizen.example");

        assertThat(name).isEqualTo("somchai@citizen.example");
    }
}
