package io.agenthub.core.indicators;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The bundled real candles as primitive columns, read once per test JVM. */
final class DatasetBars {

    static final double[] OPEN;
    static final double[] HIGH;
    static final double[] LOW;
    static final double[] CLOSE;
    static final double[] VOLUME;
    static final List<Bar> BARS;

    static {
        try {
            BARS = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = BARS.size();
        OPEN = new double[n];
        HIGH = new double[n];
        LOW = new double[n];
        CLOSE = new double[n];
        VOLUME = new double[n];
        for (int i = 0; i < n; i++) {
            Bar b = BARS.get(i);
            OPEN[i] = b.open().doubleValue();
            HIGH[i] = b.high().doubleValue();
            LOW[i] = b.low().doubleValue();
            CLOSE[i] = b.close().doubleValue();
            VOLUME[i] = b.volume().doubleValue();
        }
    }

    private DatasetBars() {
    }

    static int size() {
        return CLOSE.length;
    }
}
