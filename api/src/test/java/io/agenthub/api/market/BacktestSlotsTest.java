package io.agenthub.api.market;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BacktestSlotsTest {

    private final BacktestSlots slots = new BacktestSlots(2);
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID carol = UUID.randomUUID();

    @Test
    void shouldRefuseASecondBacktestOfAUserWhileTheirFirstRunsSoOthersGetTheOtherSlot() {
        BacktestSlots.Slot first = slots.take(alice);

        assertThatThrownBy(() -> slots.take(alice)).isInstanceOf(BacktestSlots.Busy.class).hasMessageContaining("one at a time per user");
        BacktestSlots.Slot other = slots.take(bob);
        assertThat(other).isNotNull();
        first.close();
        other.close();
    }

    @Test
    void shouldRefuseEveryoneWhenAllSlotsAreTakenAndGiveThemBackOnClose() {
        BacktestSlots.Slot a = slots.take(alice);
        BacktestSlots.Slot b = slots.take(bob);

        assertThatThrownBy(() -> slots.take(carol)).isInstanceOf(BacktestSlots.Busy.class).hasMessageContaining("2 backtests are running");
        a.close();
        try (BacktestSlots.Slot c = slots.take(carol)) {
            assertThat(c).isNotNull();
        }
        b.close();
        try (BacktestSlots.Slot again = slots.take(alice)) {
            assertThat(again).as("a refused user is not left marked as running").isNotNull();
        }
    }

    @Test
    void shouldGiveASlotBackOnceWhenItIsClosedTwice() {
        BacktestSlots.Slot a = slots.take(alice);
        a.close();
        a.close();
        BacktestSlots.Slot b = slots.take(bob);
        BacktestSlots.Slot c = slots.take(carol);

        assertThatThrownBy(() -> slots.take(alice)).as("still two slots, not three").isInstanceOf(BacktestSlots.Busy.class);
        b.close();
        c.close();
    }

    @Test
    void shouldTellTheClientWhenToTryAgainWhenABacktestIsRefused() {
        BacktestSlots.Busy busy;
        try (BacktestSlots.Slot first = slots.take(alice)) {
            busy = (BacktestSlots.Busy) org.assertj.core.api.Assertions.catchThrowable(() -> slots.take(alice));
        }

        var refused = BacktestController.tooManyRequests(busy);
        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(refused.getBody().getDetail()).contains("one at a time per user");
    }
}
