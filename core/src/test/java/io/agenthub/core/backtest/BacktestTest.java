package io.agenthub.core.backtest;

import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.core.trading.Side;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestTest {

    private static BarSeries series;
    private static final Instrument BTC = Instruments.defaults().resolve("BTC/USDT");

    @BeforeAll
    static void load() throws Exception {
        series = BarSeries.fromCsv(BundledDataset.require(), BundledDataset.SYMBOL);
    }

    private static BacktestResult run(String strategy) {
        return Backtest.run(BacktestSpec.defaults(BTC, StrategyCatalog.builtIn().require(strategy)), series);
    }

    @Test
    void shouldEnterAtTheNextCandlesOpenNeverAtTheDecidingClose() {
        BacktestResult result = run("ema_crossover");
        Map<Long, Integer> candleAt = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            candleAt.put(series.openTime(i), i);
        }
        ExecutionCosts costs = result.spec().costs();

        assertThat(result.trades()).hasSizeGreaterThan(50);
        for (Trade trade : result.trades()) {
            Integer candle = candleAt.get(trade.entryTime());
            assertThat(candle).as("entries fill on a candle's first tick").isNotNull();
            BigDecimal open = BigDecimal.valueOf(series.open(candle)).setScale(2, RoundingMode.HALF_EVEN);
            Side side = trade.side() == PositionSide.LONG ? Side.BUY : Side.SELL;
            assertThat(trade.entryPrice()).isEqualByComparingTo(costs.slipped(side, open, 2));
        }
    }

    @Test
    void shouldAccountForEveryCentWhenEquityIsReconciledWithTrades() {
        BacktestResult result = run("rsi_signal");

        BigDecimal net = result.trades().stream().map(Trade::netPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        double finalEquity = result.equity()[result.equity().length - 1];
        double open = result.openAtEnd().isFlat() ? 0
                : result.openAtEnd().unrealizedPnl(BigDecimal.valueOf(series.close(series.size() - 1))).doubleValue()
                - result.openAtEnd().fees().doubleValue();
        assertThat(finalEquity).isCloseTo(10_000 + net.doubleValue() + open, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(result.statistics().netPnl()).isEqualByComparingTo(net);
        assertThat(result.statistics().trades()).isEqualTo(result.trades().size());
    }

    @Test
    void shouldExitStopsAtTheTriggeringTickPrice() {
        BacktestResult result = run("momentum");

        assertThat(result.trades()).anyMatch(t -> t.exitReason().equals("stop_loss") || t.exitReason().equals("take_profit"));
        assertThat(result.trades()).allSatisfy(t -> assertThat(t.exitReason()).isIn("signal", "stop_loss", "take_profit"));
    }

    @Test
    void shouldAggregateMinuteBarsIntoLongerOnes() {
        BarSeries fiveMinutes = series.aggregate(Timeframe.parse("5m"));

        assertThat(fiveMinutes.size()).isEqualTo(series.size() / 5);
        assertThat(fiveMinutes.open(0)).isEqualTo(series.open(0));
        assertThat(fiveMinutes.close(0)).isEqualTo(series.close(4));
        double high = Math.max(Math.max(Math.max(series.high(0), series.high(1)), Math.max(series.high(2), series.high(3))), series.high(4));
        assertThat(fiveMinutes.high(0)).isEqualTo(high);
    }
}
