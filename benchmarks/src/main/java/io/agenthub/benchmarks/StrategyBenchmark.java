package io.agenthub.benchmarks;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.Strategy;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.NumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Single-threaded speed of the trading core on the bundled 30,240 candles, each figure the median of several timed
 * repetitions after warm-up, next to baselines from the same run:
 * <ul>
 *   <li>every strategy alone (bars/s through {@code onBar}) and through the full backtest (agent, four-tick path,
 *       fills, fees), with bytes allocated per bar;</li>
 *   <li>EMA 9/21 crossover against ta4j's {@code BarSeriesManager} with {@code DoubleNum} and {@code DecimalNum}
 *       (series build included, as ta4j users pay it), and against a bare loop over a {@code double[]}.</li>
 * </ul>
 * Run: {@code bin/bench strategies}.
 */
public final class StrategyBenchmark {

    private static final int REPETITIONS = 11;
    private static final long WARM_UP_NANOS = 1_000_000_000L;
    private static volatile double sink;

    public static void main(String[] args) throws Exception {
        BarSeries series = BarSeries.fromCsv(BundledDataset.require(), BundledDataset.SYMBOL);
        Instrument btc = Instruments.defaults().resolve("BTC/USDT");
        int n = series.size();
        System.out.printf("Agent Hub strategy benchmark: %d bars, median of %d runs after 1 s warm-up each, 1 thread, JDK %s%n", n, REPETITIONS, Runtime.version());

        Table perStrategy = new Table("strategy", "strategy only (M bars/s)", "full backtest (M bars/s)", "bytes/bar (backtest)", "trades");
        double emaOnly = 0;
        double emaBacktest = 0;
        for (StrategyDefinition d : StrategyCatalog.builtIn().all()) {
            double only = barsPerSecond(n, () -> strategyOnly(d, series));
            BacktestSpec spec = BacktestSpec.defaults(btc, d);
            double full = barsPerSecond(n, () -> Backtest.run(spec, series).orders());
            double bytes = allocatedPerBar(n, () -> Backtest.run(spec, series));
            int trades = Backtest.run(spec, series).trades().size();
            perStrategy.row(d.name(), m(only), m(full), String.format("%.1f", bytes), trades);
            if (d.name().equals("ema_crossover")) {
                emaOnly = only;
                emaBacktest = full;
            }
        }

        double[] closes = new double[n];
        for (int i = 0; i < n; i++) {
            closes[i] = series.close(i);
        }
        double bare = barsPerSecond(n, () -> bareEmaCrossover(closes));
        double ta4jDouble = barsPerSecond(n, () -> ta4jEmaCrossover(series, DoubleNumFactory.getInstance()));
        double ta4jDecimal = barsPerSecond(n, () -> ta4jEmaCrossover(series, DecimalNumFactory.getInstance()));
        Table versus = new Table("EMA 9/21 crossover", "M bars/s", "vs ta4j DoubleNum", "vs ta4j DecimalNum", "vs bare loop");
        versus.row("agent hub, strategy only", m(emaOnly), ratio(emaOnly, ta4jDouble), ratio(emaOnly, ta4jDecimal), ratio(emaOnly, bare));
        versus.row("agent hub, full backtest (SL/TP, fees, tick path)", m(emaBacktest), ratio(emaBacktest, ta4jDouble), ratio(emaBacktest, ta4jDecimal), ratio(emaBacktest, bare));
        versus.row("baseline: ta4j BarSeriesManager, DoubleNum", m(ta4jDouble), "1.00", ratio(ta4jDouble, ta4jDecimal), ratio(ta4jDouble, bare));
        versus.row("baseline: ta4j BarSeriesManager, DecimalNum", m(ta4jDecimal), ratio(ta4jDecimal, ta4jDouble), "1.00", ratio(ta4jDecimal, bare));
        versus.row("baseline: bare loop over double[]", m(bare), ratio(bare, ta4jDouble), ratio(bare, ta4jDecimal), "1.00");

        perStrategy.print("Every strategy, default parameters");
        versus.print("Against ta4j (series build included) and a bare loop");
    }

    private static long strategyOnly(StrategyDefinition d, BarSeries series) {
        Strategy s = d.create(d.defaults());
        double acc = 0;
        for (int i = 0; i < series.size(); i++) {
            acc += s.onBar(series.openTime(i), series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i));
        }
        sink = acc;
        return (long) acc;
    }

    private static long bareEmaCrossover(double[] closes) {
        double a9 = 2.0 / 10;
        double a21 = 2.0 / 22;
        double fast = closes[0];
        double slow = closes[0];
        int position = 0;
        long trades = 0;
        for (double c : closes) {
            fast += a9 * (c - fast);
            slow += a21 * (c - slow);
            int want = fast > slow ? 1 : 0;
            if (want != position) {
                position = want;
                trades++;
            }
        }
        sink = fast + slow;
        return trades;
    }

    private static long ta4jEmaCrossover(BarSeries series, NumFactory numbers) {
        var ta4j = new BaseBarSeriesBuilder().withName("BTCUSDT").withNumFactory(numbers).build();
        for (int i = 0; i < series.size(); i++) {
            ta4j.barBuilder().timePeriod(Duration.ofMinutes(1)).endTime(Instant.ofEpochMilli(series.openTime(i) + 60_000))
                    .openPrice(series.open(i)).highPrice(series.high(i)).lowPrice(series.low(i)).closePrice(series.close(i))
                    .volume(series.volume(i)).add();
        }
        ClosePriceIndicator close = new ClosePriceIndicator(ta4j);
        EMAIndicator fast = new EMAIndicator(close, 9);
        EMAIndicator slow = new EMAIndicator(close, 21);
        var strategy = new BaseStrategy(new CrossedUpIndicatorRule(fast, slow), new CrossedDownIndicatorRule(fast, slow));
        return new BarSeriesManager(ta4j).run(strategy).getPositionCount();
    }

    /** Median bars/s over timed repetitions, after at least a second of untimed ones so that the JIT has settled. */
    private static double barsPerSecond(int bars, LongSupplier run) {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < REPETITIONS || System.nanoTime() < warmUpEnd; i++) {
            sink = run.getAsLong();
        }
        double[] rates = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            sink = run.getAsLong();
            rates[i] = bars / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[REPETITIONS / 2];
    }

    private static double allocatedPerBar(int bars, Runnable run) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        run.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        run.run();
        return (threads.getCurrentThreadAllocatedBytes() - before) / (double) bars;
    }

    private static String m(double barsPerSecond) {
        return String.format("%.2f", barsPerSecond / 1e6);
    }

    private static String ratio(double a, double b) {
        return String.format("%.2f", a / b);
    }
}
