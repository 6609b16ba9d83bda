package io.agenthub.core.backtest;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.market.csv.TickCsvReader;
import io.agenthub.core.strategy.StrategyCatalog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Backtests over raw ticks: the same engine, bars built from the ticks. */
class TickBacktestTest {

    @ParameterizedTest
    @ValueSource(strings = {"ema_crossover", "bollinger_reversion", "obv_trend", "vwap_deviation"})
    void shouldGiveTheCandleBacktestsResultWhenFedTheCandlesTickPaths(String strategy) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 8_000);
        BacktestSpec spec = BacktestSpec.defaults(Instruments.defaults().resolve("BTC/USDT"), StrategyCatalog.builtIn().require(strategy));
        List<MarketTick> ticks = candles.stream().flatMap(c -> CandleTickPath.of(c, 8).stream()).toList();

        BacktestResult fromBars = Backtest.run(spec, BarSeries.of(candles));
        BacktestResult fromTicks = Backtest.runTicks(spec, ticks.iterator(), Timeframe.ONE_MINUTE);

        assertThat(fromBars.trades()).isNotEmpty();
        assertThat(fromTicks.trades()).isEqualTo(fromBars.trades());
        assertThat(fromTicks.statistics()).isEqualTo(fromBars.statistics());
        assertThat(fromTicks.equity()).containsExactly(fromBars.equity());
        assertThat(fromTicks.orders()).isEqualTo(fromBars.orders());
    }

    @Test
    void shouldReadTicksInEitherTimeFormatAndReportBadRowsByLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ticks.csv");
        Files.writeString(file, """
                time,price,size
                1677628800000,23140.48,0.5
                2023-03-01T00:00:01Z,23141.00,
                2023-03-01T00:00:02Z,-1,1
                yesterday,23000,1
                1677628803000,23139.5
                """);

        TickCsvReader.Ticks read = TickCsvReader.readAll(file, BundledDataset.SYMBOL);

        assertThat(read.ticks()).extracting(t -> t.price().toPlainString()).containsExactly("23140.48", "23141.00", "23139.5");
        assertThat(read.skipped()).isEqualTo(2);
        assertThat(read.firstSkipped()).extracting(r -> r.lineNumber()).containsExactly(4L, 5L);
    }
}
