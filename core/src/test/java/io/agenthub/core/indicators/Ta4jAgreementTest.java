package io.agenthub.core.indicators;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuKijunSenIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuTenkanSenIndicator;
import org.ta4j.core.indicators.statistics.SimpleLinearRegressionIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.supertrend.SuperTrendIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every indicator that ta4j also provides agrees with it to 1e-9 relative on the 30,240 real BTC/USDT candles.
 *
 * <p>Where the definitions differ only in how they start (ta4j seeds EMAs and Wilder averages with the first value,
 * TA-Lib with the SMA of the first period), the comparison starts once that difference has decayed below 1e-12 of
 * the value: {@code 40 x period} bars. Quantities that are differences of prices and cross zero (MACD, slope) get an
 * absolute floor of 1e-9 of the price level, and oscillators that touch 0 (stochastic, OBV, z-score, ROC) a floor
 * of 1e-9. Bars where ta4j has no value (division by an empty range) are skipped
 * and counted.
 */
class Ta4jAgreementTest {

    private static final double TOLERANCE = 1e-9;
    private static BarSeries series;
    private static ClosePriceIndicator close;
    private static int n;

    @BeforeAll
    static void loadSeries() {
        series = new BaseBarSeriesBuilder().withName("BTCUSDT").withNumFactory(DoubleNumFactory.getInstance()).build();
        n = DatasetBars.size();
        for (int i = 0; i < n; i++) {
            Instant open = DatasetBars.BARS.get(i).openTime();
            series.barBuilder().timePeriod(Duration.ofMinutes(1)).endTime(open.plusSeconds(60))
                    .openPrice(DatasetBars.OPEN[i]).highPrice(DatasetBars.HIGH[i]).lowPrice(DatasetBars.LOW[i])
                    .closePrice(DatasetBars.CLOSE[i]).volume(DatasetBars.VOLUME[i]).add();
        }
        close = new ClosePriceIndicator(series);
    }

    private static IntToDoubleFunction of(Indicator<Num> indicator) {
        return i -> indicator.getValue(i).doubleValue();
    }

    /** Compares from {@code start}; returns how many bars were compared. */
    private static int compare(String name, double[] mine, IntToDoubleFunction theirs, int start, double absoluteFloor) {
        int compared = 0;
        double worst = 0;
        int worstAt = -1;
        for (int i = start; i < n; i++) {
            double b = theirs.applyAsDouble(i);
            if (Double.isNaN(b) || Double.isInfinite(b)) {
                continue;
            }
            double a = mine[i];
            assertThat(a).as("%s has no value at bar %d", name, i).isNotNaN();
            double error = Math.abs(a - b) / Math.max(Math.max(Math.abs(a), Math.abs(b)), absoluteFloor / TOLERANCE);
            if (error > worst) {
                worst = error;
                worstAt = i;
            }
            compared++;
        }
        assertThat(worst).as("%s: worst relative difference at bar %d (mine %s, ta4j %s)", name, worstAt,
                worstAt < 0 ? "-" : mine[worstAt], worstAt < 0 ? "-" : theirs.applyAsDouble(worstAt)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(compared).as("%s compared bars", name).isGreaterThan(n / 2);
        return compared;
    }

    private static int compare(String name, double[] mine, IntToDoubleFunction theirs, int start) {
        return compare(name, mine, theirs, start, 0);
    }

    private static double priceFloor() {
        return TOLERANCE * DatasetBars.CLOSE[0];
    }

    @Test
    void shouldAgreeWithTa4jOnMovingAveragesWhenRunOverTheDataset() {
        Sma sma = new Sma(20);
        Ema ema9 = new Ema(9);
        Ema ema21 = new Ema(21);
        double[] s = new double[n];
        double[] e9 = new double[n];
        double[] e21 = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = sma.update(DatasetBars.CLOSE[i]);
            e9[i] = ema9.update(DatasetBars.CLOSE[i]);
            e21[i] = ema21.update(DatasetBars.CLOSE[i]);
        }
        compare("SMA(20)", s, of(new SMAIndicator(close, 20)), 19);
        compare("EMA(9)", e9, of(new EMAIndicator(close, 9)), 40 * 9);
        compare("EMA(21)", e21, of(new EMAIndicator(close, 21)), 40 * 21);
    }

    @Test
    void shouldAgreeWithTa4jOnWilderIndicatorsWhenRunOverTheDataset() {
        Rsi rsi = new Rsi(14);
        Atr atr = new Atr(14);
        Adx adx = new Adx(14);
        double[] r = new double[n];
        double[] a = new double[n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rsi.update(DatasetBars.CLOSE[i]);
            a[i] = atr.update(DatasetBars.HIGH[i], DatasetBars.LOW[i], DatasetBars.CLOSE[i]);
            adx.update(DatasetBars.HIGH[i], DatasetBars.LOW[i], DatasetBars.CLOSE[i]);
            plus[i] = adx.plusDi();
            minus[i] = adx.minusDi();
            x[i] = adx.adx();
        }
        compare("RSI(14)", r, of(new RSIIndicator(close, 14)), 40 * 14);
        compare("ATR(14)", a, of(new ATRIndicator(series, 14)), 40 * 14);
        compare("+DI(14)", plus, of(new PlusDIIndicator(series, 14)), 40 * 14);
        compare("-DI(14)", minus, of(new MinusDIIndicator(series, 14)), 40 * 14);
        compare("ADX(14)", x, of(new ADXIndicator(series, 14)), 80 * 14);
    }

    @Test
    void shouldAgreeWithTa4jOnMacdWhenRunOverTheDataset() {
        Macd macd = new Macd(12, 26, 9);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            macd.update(DatasetBars.CLOSE[i]);
            m[i] = macd.macd();
        }
        compare("MACD(12,26)", m, of(new MACDIndicator(close, 12, 26)), 40 * 26, priceFloor());
    }

    @Test
    void shouldAgreeWithTa4jOnBandsWhenRunOverTheDataset() {
        Bollinger bollinger = new Bollinger(20, 2);
        Keltner keltner = new Keltner(20, 10, 2);
        ZScore z = new ZScore(20);
        double[] mid = new double[n];
        double[] up = new double[n];
        double[] sd = new double[n];
        double[] kUp = new double[n];
        double[] zs = new double[n];
        for (int i = 0; i < n; i++) {
            bollinger.update(DatasetBars.CLOSE[i]);
            keltner.update(DatasetBars.HIGH[i], DatasetBars.LOW[i], DatasetBars.CLOSE[i]);
            zs[i] = z.update(DatasetBars.CLOSE[i]);
            mid[i] = bollinger.middle();
            up[i] = bollinger.upper();
            sd[i] = bollinger.stdDev();
            kUp[i] = keltner.upper();
        }
        SMAIndicator sma = new SMAIndicator(close, 20);
        StandardDeviationIndicator std = new StandardDeviationIndicator(close, 20);
        EMAIndicator ema = new EMAIndicator(close, 20);
        ATRIndicator atr = new ATRIndicator(series, 10);
        compare("Bollinger middle(20)", mid, of(sma), 19);
        compare("standard deviation(20)", sd, of(std), 19, priceFloor());
        compare("Bollinger upper(20,2)", up, i -> sma.getValue(i).doubleValue() + 2 * std.getValue(i).doubleValue(), 19);
        compare("Keltner upper(20,10,2)", kUp, i -> ema.getValue(i).doubleValue() + 2 * atr.getValue(i).doubleValue(), 40 * 20);
        compare("z-score(20)", zs, i -> {
            double s = std.getValue(i).doubleValue();
            return s == 0 ? Double.NaN : (DatasetBars.CLOSE[i] - sma.getValue(i).doubleValue()) / s;
        }, 19, 1e-9);
    }

    @Test
    void shouldAgreeWithTa4jOnRangeIndicatorsWhenRunOverTheDataset() {
        Donchian donchian = new Donchian(20);
        Stochastic stochastic = new Stochastic(14, 3);
        Ichimoku ichimoku = new Ichimoku(9, 26, 52);
        double[] upper = new double[n];
        double[] lower = new double[n];
        double[] k = new double[n];
        double[] d = new double[n];
        double[] tenkan = new double[n];
        double[] kijun = new double[n];
        double[] cloudA = new double[n];
        for (int i = 0; i < n; i++) {
            donchian.update(DatasetBars.HIGH[i], DatasetBars.LOW[i]);
            stochastic.update(DatasetBars.HIGH[i], DatasetBars.LOW[i], DatasetBars.CLOSE[i]);
            ichimoku.update(DatasetBars.HIGH[i], DatasetBars.LOW[i]);
            upper[i] = donchian.upper();
            lower[i] = donchian.lower();
            k[i] = stochastic.k();
            d[i] = stochastic.d();
            tenkan[i] = ichimoku.tenkan();
            kijun[i] = ichimoku.kijun();
            cloudA[i] = ichimoku.cloudA();
        }
        compare("Donchian upper(20)", upper, of(new HighestValueIndicator(new HighPriceIndicator(series), 20)), 19);
        compare("Donchian lower(20)", lower, of(new LowestValueIndicator(new LowPriceIndicator(series), 20)), 19);
        StochasticOscillatorKIndicator taK = new StochasticOscillatorKIndicator(series, 14);
        compare("stochastic %K(14)", k, of(taK), 13, 1e-9);
        compare("stochastic %D(14,3)", d, of(new StochasticOscillatorDIndicator(taK)), 15 + 14, 1e-9);
        IchimokuTenkanSenIndicator taTenkan = new IchimokuTenkanSenIndicator(series, 9);
        IchimokuKijunSenIndicator taKijun = new IchimokuKijunSenIndicator(series, 26);
        compare("Ichimoku tenkan(9)", tenkan, of(taTenkan), 8);
        compare("Ichimoku kijun(26)", kijun, of(taKijun), 25);
        compare("Ichimoku cloud A(9,26) displaced 26", cloudA,
                i -> (taTenkan.getValue(i - 26).doubleValue() + taKijun.getValue(i - 26).doubleValue()) / 2, 26 + 25);
    }

    @Test
    void shouldAgreeWithTa4jOnSupertrendWhenRunOverTheDataset() {
        Supertrend supertrend = new Supertrend(10, 3);
        double[] line = new double[n];
        for (int i = 0; i < n; i++) {
            supertrend.update(DatasetBars.HIGH[i], DatasetBars.LOW[i], DatasetBars.CLOSE[i]);
            line[i] = supertrend.line();
        }
        compare("Supertrend(10,3)", line, of(new SuperTrendIndicator(series, 10, 3)), 40 * 10);
    }

    @Test
    void shouldAgreeWithTa4jOnVolumeAndStatisticalIndicatorsWhenRunOverTheDataset() {
        Obv obv = new Obv();
        Vwap vwap = new Vwap(20);
        LinearRegression regression = new LinearRegression(20);
        RateOfChange roc = new RateOfChange(10);
        double[] o = new double[n];
        double[] v = new double[n];
        double[] line = new double[n];
        double[] slope = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            o[i] = obv.update(DatasetBars.CLOSE[i], DatasetBars.VOLUME[i]);
            v[i] = vwap.update(DatasetBars.HIGH[i], DatasetBars.LOW[i], DatasetBars.CLOSE[i], DatasetBars.VOLUME[i]);
            regression.update(DatasetBars.CLOSE[i]);
            line[i] = regression.value();
            slope[i] = regression.slope();
            r[i] = 100 * roc.update(DatasetBars.CLOSE[i]);
        }
        compare("OBV", o, of(new OnBalanceVolumeIndicator(series)), 0, 1e-9);
        compare("VWAP(20)", v, of(new VWAPIndicator(series, 20)), 19);
        compare("linear regression value(20)", line, of(new SimpleLinearRegressionIndicator(close, 20)), 19);
        compare("linear regression slope(20)", slope, of(new SimpleLinearRegressionIndicator(close, 20,
                SimpleLinearRegressionIndicator.SimpleLinearRegressionType.SLOPE)), 19, priceFloor());
        compare("ROC(10)", r, of(new ROCIndicator(close, 10)), 10, 1e-9);
    }
}
