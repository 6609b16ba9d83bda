package io.agenthub.core.venue;

import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.core.trading.Side;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PaperAccountTest {

    private static OrderRequest order(long sequence, Side side, String quantity, boolean reduceOnly) {
        return new OrderRequest(ClientOrderId.of("a1", sequence, 0), sequence, side, new BigDecimal(quantity),
                reduceOnly ? OrderPurpose.EXIT : OrderPurpose.ENTRY, 0, new BigDecimal("100"), reduceOnly, null);
    }

    @Test
    void shouldBookFillsExactlyAndReleaseTheBalanceWhenClosed() throws Exception {
        PaperAccount account = new PaperAccount(ExecutionCosts.NONE, new BigDecimal("1000"));
        assertThat(account.accept(order(1, Side.BUY, "5", false), new BigDecimal("100"), 1)).isNull();
        account.fill(order(1, Side.BUY, "5", false), new BigDecimal("100"), 2, 1);
        assertThat(account.accept(order(2, Side.BUY, "6", false), new BigDecimal("100"), 1))
                .as("500 of 1000 is in the open position").extracting(PaperAccount.Refusal::code).isEqualTo("INSUFFICIENT_MARGIN");
        assertThat(account.accept(order(3, Side.SELL, "5", true), new BigDecimal("110"), 1)).isNull();
        account.fill(order(3, Side.SELL, "5", true), new BigDecimal("110"), 2, 2);

        assertThat(account.position().side()).isEqualTo(PositionSide.FLAT);
        assertThat(account.cash()).isEqualByComparingTo("1050");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        account.write(new DataOutputStream(bytes));
        PaperAccount restored = PaperAccount.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(restored.cash()).isEqualByComparingTo("1050");
        assertThat(restored.accept(order(3, Side.BUY, "1", false), new BigDecimal("100"), 1).code())
                .as("the restored account remembers the last decision").isEqualTo("DUPLICATE_CLIENT_ORDER_ID");
    }

    @Test
    void shouldLetLeverageCarryAPositionLargerThanTheBalance() {
        PaperAccount account = new PaperAccount(ExecutionCosts.NONE, new BigDecimal("100"));
        assertThat(account.accept(order(1, Side.BUY, "5", false), new BigDecimal("100"), 10)).isNull();
        assertThat(account.accept(order(2, Side.SELL, "5", true), new BigDecimal("100"), 10)).as("reduce-only after a buy: nothing held yet")
                .extracting(PaperAccount.Refusal::code).isEqualTo("REDUCE_ONLY");
    }

    @Test
    void shouldFindTheFirstPriceAtOrAfterATimeInTheHistory() {
        PriceHistory history = new PriceHistory(3);
        assertThat(history.firstAtOrAfter(0)).isNull();
        history.add(10, new BigDecimal("1"));
        history.add(20, new BigDecimal("2"));
        assertThat(history.add(15, new BigDecimal("9"))).as("older than the newest").isFalse();
        history.add(30, new BigDecimal("3"));
        history.add(40, new BigDecimal("4"));

        assertThat(history.firstAtOrAfter(20).price()).isEqualByComparingTo("2");
        assertThat(history.firstAtOrAfter(21).price()).isEqualByComparingTo("3");
        assertThat(history.firstAtOrAfter(5).price()).as("older than what is kept: the oldest kept").isEqualByComparingTo("2");
        assertThat(history.firstAtOrAfter(41)).isNull();
    }
}
