package io.agenthub.core.agent;

import io.agenthub.core.indicators.Adx;
import io.agenthub.core.indicators.RollingStats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an agent knows of its market beyond its strategy, for its planner and supervisor: ADX, the mean and deviation of
 * its last {@value #RETURNS_WINDOW} log returns, and its recent bars.
 */
final class MarketContext {

    static final int RETURNS_WINDOW = 30;

    private Adx adx = new Adx(14);
    private RollingStats returns = new RollingStats(RETURNS_WINDOW);
    private double previousClose = Double.NaN;
    private RecentBars recent;

    MarketContext(int recentBars) {
        recent = new RecentBars(recentBars);
    }

    /** Forgets what it learned: it learns the market again (from a history, say), keeping {@code recentBars} bars. */
    void reset(int recentBars) {
        adx = new Adx(14);
        returns = new RollingStats(RETURNS_WINDOW);
        previousClose = Double.NaN;
        recent = new RecentBars(recentBars);
    }

    /** Keeps {@code recentBars} recent bars from now on (none: the ones it kept are dropped). */
    void keep(int recentBars) {
        recent = new RecentBars(recentBars);
    }

    void learn(long openTime, double open, double high, double low, double close, double volume) {
        adx.update(high, low, close);
        if (!Double.isNaN(previousClose)) {
            returns.update(Math.log(close / previousClose));
        }
        previousClose = close;
        recent.add(openTime, open, high, low, close, volume);
    }

    RecentBars recent() {
        return recent;
    }

    /** The finite indicators, by name, with the strategy step's {@code atr}. */
    Map<String, Double> indicators(double atr) {
        Map<String, Double> indicators = new LinkedHashMap<>();
        put(indicators, "atr", atr);
        put(indicators, "adx", adx.adx());
        put(indicators, "plus_di", adx.plusDi());
        put(indicators, "minus_di", adx.minusDi());
        put(indicators, "volatility", returns.count() >= 2 ? returns.stdDev() : Double.NaN);
        put(indicators, "trend", returns.count() >= 2 ? returns.mean() : Double.NaN);
        if (recent.size() > 0) {
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            for (int i = 0; i < recent.size(); i++) {
                hi = Math.max(hi, recent.high(i));
                lo = Math.min(lo, recent.low(i));
            }
            put(indicators, "range_pct", (hi - lo) / lo * 100);
        }
        return indicators;
    }

    private static void put(Map<String, Double> indicators, String name, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            indicators.put(name, value);
        }
    }

    void write(DataOutput out) throws IOException {
        adx.write(out);
        returns.write(out);
        out.writeDouble(previousClose);
        recent.write(out);
    }

    void read(DataInput in) throws IOException {
        adx.read(in);
        returns.read(in);
        previousClose = in.readDouble();
        recent.read(in);
    }
}
