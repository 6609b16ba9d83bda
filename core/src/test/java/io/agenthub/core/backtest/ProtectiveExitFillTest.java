package io.agenthub.core.backtest;

import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.core.trading.ProtectiveLevels;
import io.agenthub.core.trading.TpSlMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stop-loss and take-profit exit of every strategy in the catalogue, with the default levels, lies within 5 bps of
 * the price the fill rules of {@code docs/fill-rules.md} give, worked out here from the candles alone: the position's
 * levels from its entry price; the first candle after the entry whose open, nearer extreme or other extreme (in that
 * order) reaches one of them; there, the open where the candle opens beyond the level, else the level itself; a
 * stop-loss less the slippage. Nothing here depends on the numbers of a particular file: run it on another real
 * one-minute candle file with {@code -Dagenthub.candles=FILE} (and {@code -Dagenthub.candles.symbol=BASE/QUOTE}).
 */
class ProtectiveExitFillTest {

    private static final BigDecimal TOLERANCE_BPS = new BigDecimal("5");

    @ParameterizedTest
    @ValueSource(strings = {"1m", "15m"})
    void shouldFillEveryStopAndTargetAtItsFairPriceWhenTheCatalogueRunsOnRealCandles(String interval) throws IOException {
        Timeframe timeframe = Timeframe.parse(interval);
        String file = System.getProperty("agenthub.candles");
        Symbol symbol = Symbol.parse(System.getProperty("agenthub.candles.symbol", BundledDataset.SYMBOL.toString()));
        Instrument instrument = Instruments.defaults().resolve(symbol);
        BarSeries minutes = BarSeries.fromCsv(file == null ? BundledDataset.require() : Path.of(file), symbol);
        BarSeries series = timeframe.equals(Timeframe.ONE_MINUTE) ? minutes : minutes.aggregate(timeframe);

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (StrategyDefinition strategy : StrategyCatalog.builtIn().all()) {
            BacktestSpec spec = BacktestSpec.defaults(instrument, strategy);
            assertThat(spec.risk().tpSlMode()).as("the levels are worked out from fixed percentages").isEqualTo(TpSlMode.FIXED);
            for (Trade trade : Backtest.run(spec, series).trades()) {
                if (!trade.exitReason().equals("stop_loss") && !trade.exitReason().equals("take_profit")) {
                    continue;
                }
                checked++;
                String problem = check(trade, series, spec, instrument);
                if (problem != null) {
                    wrong.add(strategy.name() + " " + timeframe + ": " + problem);
                }
            }
        }

        assertThat(checked).as("the data must reach some stop or target").isPositive();
        assertThat(wrong).as(wrong.size() + " of " + checked + " stop and target exits are not where the fill rules put them").isEmpty();
    }

    /** Null when the trade left where and when the rules say; else what differs. */
    private static String check(Trade trade, BarSeries series, BacktestSpec spec, Instrument instrument) {
        ProtectiveLevels levels = ProtectiveLevels.place(trade.side(), trade.entryPrice(), Double.NaN, spec.risk(), instrument.priceScale());
        boolean lng = trade.side() == PositionSide.LONG;
        double stop = levels.stopLoss().doubleValue();
        double target = levels.takeProfit().doubleValue();
        for (int i = barAt(series, trade.entryTime()); i < series.size(); i++) {
            double open = series.open(i);
            double high = series.high(i);
            double low = series.low(i);
            boolean highFirst = high - open <= open - low;
            double[] path = i == barAt(series, trade.entryTime()) ? new double[] {highFirst ? high : low, highFirst ? low : high}
                    : new double[] {open, highFirst ? high : low, highFirst ? low : high};
            for (int p = 0; p < path.length; p++) {
                boolean stopped = lng ? path[p] <= stop : path[p] >= stop;
                boolean reached = lng ? path[p] >= target : path[p] <= target;
                if (!stopped && !reached) {
                    continue;
                }
                String reason = stopped ? "stop_loss" : "take_profit";
                boolean gap = p == 0 && path.length == 3;
                BigDecimal base = gap ? BigDecimal.valueOf(open) : stopped ? levels.stopLoss() : levels.takeProfit();
                BigDecimal fair = stopped ? slipped(base, lng, spec.costs().slippageBps()) : base;
                int exitBar = barAt(series, trade.exitTime());
                if (exitBar != i || !reason.equals(trade.exitReason())) {
                    return "entered " + trade.entryTime() + " at " + trade.entryPrice() + ": left by " + trade.exitReason() + " in the candle of "
                            + series.openTime(exitBar) + ", but the " + reason + " was reached first in the candle of " + series.openTime(i);
                }
                BigDecimal bps = trade.exitPrice().subtract(fair).abs().multiply(BigDecimal.valueOf(10_000)).divide(fair, MathContext.DECIMAL64);
                if (bps.compareTo(TOLERANCE_BPS) > 0) {
                    return trade.exitReason() + " of the position entered " + trade.entryTime() + " at " + trade.entryPrice() + " filled at "
                            + trade.exitPrice() + ", " + bps.setScale(1, RoundingMode.HALF_UP) + " bps from its fair price " + fair
                            + (gap ? " (the candle opened beyond the level)" : "");
                }
                return null;
            }
        }
        return "left by " + trade.exitReason() + " at " + trade.exitTime() + ", but no later candle reaches a level";
    }

    private static BigDecimal slipped(BigDecimal price, boolean sellsLong, BigDecimal bps) {
        BigDecimal fraction = bps.divide(BigDecimal.valueOf(10_000), MathContext.DECIMAL64);
        return price.multiply(sellsLong ? BigDecimal.ONE.subtract(fraction) : BigDecimal.ONE.add(fraction));
    }

    private static int barAt(BarSeries series, long time) {
        int lo = 0;
        int hi = series.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (series.openTime(mid) <= time) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
