package io.agenthub.ingest.feed.hashkey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TradeIdWindowTest {

    @Test
    void shouldRejectAnIdWhenItWasSeenWithinTheWindow() {
        TradeIdWindow window = new TradeIdWindow(3);

        assertThat(window.add("a")).isTrue();
        assertThat(window.add("b")).isTrue();
        assertThat(window.add("a")).isFalse();
    }

    @Test
    void shouldForgetTheOldestIdWhenTheWindowIsFull() {
        // Given a full window
        TradeIdWindow window = new TradeIdWindow(2);
        window.add("a");
        window.add("b");

        // When a third id arrives
        window.add("c");

        // Then the oldest is forgotten and the newer ones are still known
        assertThat(window.add("a")).isTrue();
        assertThat(window.add("c")).isFalse();
    }
}
