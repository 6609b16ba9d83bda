package io.agenthub.core.indicators;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every indicator's state written after some bars and read into a fresh instance continues with exactly the same
 * values (bit for bit) as the original: what a state store restores is what was running.
 */
class IndicatorStateTest {

    /** An indicator with how to feed it bar {@code i} and what to read back. */
    private record Subject(String name, Supplier<Indicator> factory, Feeder feed, Reader read) {
    }

    @FunctionalInterface
    private interface Feeder {
        void feed(Indicator indicator, int bar);
    }

    @FunctionalInterface
    private interface Reader {
        double[] values(Indicator indicator);
    }

    private static double h(int i) {
        return DatasetBars.HIGH[i];
    }

    private static double l(int i) {
        return DatasetBars.LOW[i];
    }

    private static double c(int i) {
        return DatasetBars.CLOSE[i];
    }

    private static double v(int i) {
        return DatasetBars.VOLUME[i];
    }

    private static final List<Subject> SUBJECTS = List.of(
            new Subject("SMA", () -> new Sma(20), (x, i) -> ((Sma) x).update(c(i)), x -> new double[]{((Sma) x).value()}),
            new Subject("EMA", () -> new Ema(21), (x, i) -> ((Ema) x).update(c(i)), x -> new double[]{((Ema) x).value()}),
            new Subject("rolling stats", () -> new RollingStats(20), (x, i) -> ((RollingStats) x).update(c(i)),
                    x -> new double[]{((RollingStats) x).mean(), ((RollingStats) x).stdDev()}),
            new Subject("RSI", () -> new Rsi(14), (x, i) -> ((Rsi) x).update(c(i)), x -> new double[]{((Rsi) x).value()}),
            new Subject("ATR", () -> new Atr(14), (x, i) -> ((Atr) x).update(h(i), l(i), c(i)), x -> new double[]{((Atr) x).value()}),
            new Subject("ADX", () -> new Adx(14), (x, i) -> ((Adx) x).update(h(i), l(i), c(i)),
                    x -> new double[]{((Adx) x).adx(), ((Adx) x).plusDi(), ((Adx) x).minusDi()}),
            new Subject("MACD", () -> new Macd(12, 26, 9), (x, i) -> ((Macd) x).update(c(i)),
                    x -> new double[]{((Macd) x).macd(), ((Macd) x).signal()}),
            new Subject("Bollinger", () -> new Bollinger(20, 2), (x, i) -> ((Bollinger) x).update(c(i)),
                    x -> new double[]{((Bollinger) x).upper(), ((Bollinger) x).lower()}),
            new Subject("Keltner", () -> new Keltner(20, 10, 2), (x, i) -> ((Keltner) x).update(h(i), l(i), c(i)),
                    x -> new double[]{((Keltner) x).upper(), ((Keltner) x).lower()}),
            new Subject("Donchian", () -> new Donchian(20), (x, i) -> ((Donchian) x).update(h(i), l(i)),
                    x -> new double[]{((Donchian) x).upper(), ((Donchian) x).lower()}),
            new Subject("stochastic", () -> new Stochastic(14, 3), (x, i) -> ((Stochastic) x).update(h(i), l(i), c(i)),
                    x -> new double[]{((Stochastic) x).k(), ((Stochastic) x).d()}),
            new Subject("OBV", Obv::new, (x, i) -> ((Obv) x).update(c(i), v(i)), x -> new double[]{((Obv) x).value()}),
            new Subject("VWAP", () -> new Vwap(20), (x, i) -> ((Vwap) x).update(h(i), l(i), c(i), v(i)), x -> new double[]{((Vwap) x).value()}),
            new Subject("linear regression", () -> new LinearRegression(20), (x, i) -> ((LinearRegression) x).update(c(i)),
                    x -> new double[]{((LinearRegression) x).value(), ((LinearRegression) x).slope(), ((LinearRegression) x).residualStdDev()}),
            new Subject("Kalman", () -> new Kalman(1e-6, 1e-5, 10), (x, i) -> ((Kalman) x).update(c(i)),
                    x -> new double[]{((Kalman) x).value(), ((Kalman) x).relativeStdDev()}),
            new Subject("Ichimoku", () -> new Ichimoku(9, 26, 52), (x, i) -> ((Ichimoku) x).update(h(i), l(i)),
                    x -> new double[]{((Ichimoku) x).tenkan(), ((Ichimoku) x).kijun(), ((Ichimoku) x).cloudA(), ((Ichimoku) x).cloudB()}),
            new Subject("Supertrend", () -> new Supertrend(10, 3), (x, i) -> ((Supertrend) x).update(h(i), l(i), c(i)),
                    x -> new double[]{((Supertrend) x).line(), ((Supertrend) x).direction()}),
            new Subject("ROC", () -> new RateOfChange(10), (x, i) -> ((RateOfChange) x).update(c(i)), x -> new double[]{((RateOfChange) x).value()}),
            new Subject("z-score", () -> new ZScore(20), (x, i) -> ((ZScore) x).update(c(i)), x -> new double[]{((ZScore) x).value()}),
            new Subject("Wilder", () -> new Wilder(14), (x, i) -> ((Wilder) x).update(c(i)), x -> new double[]{((Wilder) x).value()}));

    @TestFactory
    Stream<DynamicTest> shouldContinueIdenticallyWhenStateIsWrittenAndReadBack() {
        return SUBJECTS.stream().flatMap(s -> Stream.of(5, 137, 5_000).map(cut -> DynamicTest.dynamicTest(s.name() + " cut at " + cut, () -> {
            Indicator original = s.factory().get();
            for (int i = 0; i < cut; i++) {
                s.feed().feed(original, i);
            }
            byte[] state = write(original);
            Indicator restored = s.factory().get();
            restored.read(new DataInputStream(new ByteArrayInputStream(state)));

            assertThat(restored.count()).isEqualTo(original.count());
            for (int i = cut; i < cut + 500; i++) {
                s.feed().feed(original, i);
                s.feed().feed(restored, i);
                assertThat(s.read().values(restored)).as("%s at bar %d", s.name(), i).containsExactly(s.read().values(original));
            }
            assertThat(state.length).as("%s state size", s.name()).isLessThan(2_000);
        })));
    }

    @Test
    void shouldRefuseStateWhenItHoldsMoreValuesThanTheWindow() throws IOException {
        Sma big = new Sma(50);
        for (int i = 0; i < 60; i++) {
            big.update(i);
        }
        byte[] state = write(big);

        assertThatThrownBy(() -> new Sma(20).read(new DataInputStream(new ByteArrayInputStream(state))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("capacity is 20");
    }

    @Test
    void shouldStayNaNUntilWarmedUp() {
        Ema ema = new Ema(3);
        assertThat(ema.update(1)).isNaN();
        assertThat(ema.update(2)).isNaN();
        assertThat(ema.update(3)).isEqualTo(2.0);
        assertThat(ema.ready()).isTrue();
        Adx adx = new Adx(5);
        assertThat(adx.warmup()).isEqualTo(10);
    }

    private static byte[] write(Indicator indicator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        indicator.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
