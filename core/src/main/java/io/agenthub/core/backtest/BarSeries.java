package io.agenthub.core.backtest;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.market.csv.CandleCsvReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Candles as primitive columns, the form the backtest engine runs over without allocating. Prices are the doubles of
 * the file's decimals; the engine turns a price back into its exact decimal ({@code BigDecimal.valueOf}) only when a
 * fill needs it.
 */
public final class BarSeries {

    private final Symbol symbol;
    private final Timeframe timeframe;
    private final long[] openTime;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final CandleCsvReport report;

    private BarSeries(Symbol symbol, Timeframe timeframe, long[] openTime, double[] open, double[] high, double[] low,
                      double[] close, double[] volume, CandleCsvReport report) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.openTime = openTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.report = report;
    }

    public static BarSeries of(List<Bar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one bar");
        }
        int n = bars.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            t[i] = b.openTime().toEpochMilli();
            o[i] = b.open().doubleValue();
            h[i] = b.high().doubleValue();
            l[i] = b.low().doubleValue();
            c[i] = b.close().doubleValue();
            v[i] = b.volume().doubleValue();
        }
        return new BarSeries(bars.getFirst().symbol(), bars.getFirst().timeframe(), t, o, h, l, c, v, null);
    }

    /** No bars: what a history that holds none gives. */
    public static BarSeries empty(Symbol symbol, Timeframe timeframe) {
        return new Columns(symbol, timeframe, 0).series();
    }

    /** Builds a series bar by bar, in open-time order, into primitive columns. */
    public static final class Columns {
        private final Symbol symbol;
        private final Timeframe timeframe;
        private long[] openTime;
        private double[] open;
        private double[] high;
        private double[] low;
        private double[] close;
        private double[] volume;
        private int size;

        public Columns(Symbol symbol, Timeframe timeframe, int expected) {
            this.symbol = symbol;
            this.timeframe = timeframe;
            int capacity = Math.max(expected, 1);
            openTime = new long[capacity];
            open = new double[capacity];
            high = new double[capacity];
            low = new double[capacity];
            close = new double[capacity];
            volume = new double[capacity];
        }

        public Columns add(long openTime, double open, double high, double low, double close, double volume) {
            if (size > 0 && openTime <= this.openTime[size - 1]) {
                throw new IllegalArgumentException("bars must come in open-time order: " + openTime + " after " + this.openTime[size - 1]);
            }
            if (size == this.openTime.length) {
                int capacity = size * 2;
                this.openTime = Arrays.copyOf(this.openTime, capacity);
                this.open = Arrays.copyOf(this.open, capacity);
                this.high = Arrays.copyOf(this.high, capacity);
                this.low = Arrays.copyOf(this.low, capacity);
                this.close = Arrays.copyOf(this.close, capacity);
                this.volume = Arrays.copyOf(this.volume, capacity);
            }
            this.openTime[size] = openTime;
            this.open[size] = open;
            this.high[size] = high;
            this.low[size] = low;
            this.close[size] = close;
            this.volume[size] = volume;
            size++;
            return this;
        }

        public BarSeries series() {
            return new BarSeries(symbol, timeframe, Arrays.copyOf(openTime, size), Arrays.copyOf(open, size), Arrays.copyOf(high, size),
                    Arrays.copyOf(low, size), Arrays.copyOf(close, size), Arrays.copyOf(volume, size), null);
        }
    }

    /** One-minute candles from a CSV in the bundled dataset's format; malformed rows are skipped and reported. */
    public static BarSeries fromCsv(Path file, Symbol symbol) throws IOException {
        try (CandleCsvReader reader = CandleCsvReader.open(file, symbol, Timeframe.ONE_MINUTE)) {
            List<Bar> bars = new java.util.ArrayList<>();
            reader.forEachRemaining(bars::add);
            if (bars.isEmpty()) {
                throw new IllegalArgumentException(file + " has no valid candles: " + reader.report().summary());
            }
            BarSeries series = of(bars);
            return new BarSeries(series.symbol, series.timeframe, series.openTime, series.open, series.high, series.low,
                    series.close, series.volume, reader.report());
        }
    }

    /** Bars of {@code factor} times this series' timeframe (5 × 1m = 5m), epoch-aligned; incomplete edges kept. */
    public BarSeries aggregate(Timeframe target) {
        if (target.equals(timeframe)) {
            return this;
        }
        if (target.millis() % timeframe.millis() != 0 || target.compareTo(timeframe) < 0) {
            throw new IllegalArgumentException("cannot build " + target + " bars from " + timeframe + " bars");
        }
        int n = size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        int m = -1;
        long current = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long bucket = Math.floorDiv(openTime[i], target.millis()) * target.millis();
            if (bucket != current) {
                m++;
                current = bucket;
                t[m] = bucket;
                o[m] = open[i];
                h[m] = high[i];
                l[m] = low[i];
                v[m] = 0;
            }
            h[m] = Math.max(h[m], high[i]);
            l[m] = Math.min(l[m], low[i]);
            c[m] = close[i];
            v[m] += volume[i];
        }
        int size = m + 1;
        return new BarSeries(symbol, target, Arrays.copyOf(t, size), Arrays.copyOf(o, size), Arrays.copyOf(h, size),
                Arrays.copyOf(l, size), Arrays.copyOf(c, size), Arrays.copyOf(v, size), report);
    }

    /** Bars with open time in {@code [fromMillis, toMillis)}. */
    public BarSeries slice(long fromMillis, long toMillis) {
        int from = 0;
        while (from < size() && openTime[from] < fromMillis) {
            from++;
        }
        int to = from;
        while (to < size() && openTime[to] < toMillis) {
            to++;
        }
        if (to == from) {
            throw new IllegalArgumentException("no bars between the given times");
        }
        return range(from, to);
    }

    /** This series without its first {@code n} bars (none left when it has no more). */
    public BarSeries drop(int n) {
        return range(Math.min(Math.max(n, 0), size()), size());
    }

    private BarSeries range(int from, int to) {
        return new BarSeries(symbol, timeframe, Arrays.copyOfRange(openTime, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to), Arrays.copyOfRange(close, from, to),
                Arrays.copyOfRange(volume, from, to), report);
    }

    public int size() {
        return openTime.length;
    }

    public Symbol symbol() {
        return symbol;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public long openTime(int i) {
        return openTime[i];
    }

    public double open(int i) {
        return open[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double close(int i) {
        return close[i];
    }

    public double volume(int i) {
        return volume[i];
    }

    /** The CSV read report (malformed rows with line numbers), when read from a file. */
    public CandleCsvReport report() {
        return report;
    }
}
