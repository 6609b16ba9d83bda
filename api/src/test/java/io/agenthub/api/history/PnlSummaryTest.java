package io.agenthub.api.history;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PnlSummaryTest {

    private static final Instant T0 = Instant.parse("2023-03-01T00:00:00Z");

    private static AgentHistory.PositionChange change(int second, String position, String kind, String realized, String unrealized, String fees) {
        return new AgentHistory.PositionChange("e" + second, T0.plusSeconds(second), position, "BTC/USDT", kind,
                "CLOSED".equals(kind) ? "FLAT" : "LONG", BigDecimal.ONE, new BigDecimal("100"), new BigDecimal("100"),
                new BigDecimal(realized), new BigDecimal(unrealized), new BigDecimal(fees), 1, null, null, null, null, null);
    }

    @Test
    void shouldSumClosedAndOpenPositionsWhenAgentTradedSeveralTimes() {
        // realised before fees, as the processor reports it
        PnlSummary pnl = PnlSummary.of(List.of(
                change(1, "p1", "OPENED", "0", "0", "0.1"),
                change(2, "p1", "MARKED", "0", "5", "0.1"),
                change(3, "p1", "CLOSED", "5", "0", "0.2"),
                change(4, "p2", "OPENED", "0", "0", "0.1"),
                change(5, "p2", "CLOSED", "-2", "0", "0.2"),
                change(6, "p3", "OPENED", "0", "-1", "0.1")));

        assertThat(pnl.realizedPnl()).isEqualByComparingTo("3");
        assertThat(pnl.unrealizedPnl()).isEqualByComparingTo("-1");
        assertThat(pnl.totalPnl()).as("3 realised - 1 unrealised - 0.5 fees").isEqualByComparingTo("1.5");
        assertThat(pnl.fees()).isEqualByComparingTo("0.5");
        assertThat(pnl.closedPositions()).isEqualTo(2);
        assertThat(pnl.wins()).isEqualTo(1);
        assertThat(pnl.losses()).isEqualTo(1);
        assertThat(pnl.winRate()).isEqualByComparingTo("0.5");
        assertThat(pnl.series()).as("net of the fees paid so far, the open position at its mark").extracting(PnlSummary.Point::pnl)
                .map(BigDecimal::toPlainString).containsExactly("-0.1", "4.9", "4.8", "4.7", "2.6", "1.5");
    }

    @Test
    void shouldReportNothingWhenAgentNeverTraded() {
        PnlSummary pnl = PnlSummary.of(List.of());

        assertThat(pnl.totalPnl()).isEqualByComparingTo("0");
        assertThat(pnl.winRate()).isNull();
        assertThat(pnl.series()).isEmpty();
    }
}
