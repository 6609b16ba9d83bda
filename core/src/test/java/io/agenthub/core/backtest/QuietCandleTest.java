package io.agenthub.core.backtest;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.TpSlMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The candle backtest gives only a candle's close to the agent when it says no price within the candle would make it act
 * (nothing in flight, no exit or loss limit inside the candle's range). It must give exactly what walking every tick of
 * the candle gives: the tick backtest fed the same candles' four-tick paths, which walks them all. Seeded random walks
 * with calm and violent stretches, for every strategy of the catalogue, under risk settings that reach every exit.
 */
class QuietCandleTest {

    private static final Symbol SYMBOL = new Symbol("BTC", "USDT");
    private static final Instrument INSTRUMENT = Instruments.defaults().resolve("BTC/USDT");

    enum Risk {
        /** Long and short, fixed 2 % stop and 4 % target. */
        FIXED(new RiskSettings(new BigDecimal("1000"), new BigDecimal("2"), new BigDecimal("4"), 1, null, null, true,
                TpSlMode.FIXED, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005")), Set.of("stop_loss", "take_profit")),
        /** Stops at 1.5 ATR, targets at twice that: levels inside many candles. */
        ATR(new RiskSettings(new BigDecimal("1000"), new BigDecimal("10"), new BigDecimal("20"), 1, null, null, true,
                TpSlMode.DYNAMIC, new BigDecimal("1.5"), new BigDecimal("2"), new BigDecimal("0.005")), Set.of("stop_loss", "take_profit")),
        /** 50x leverage: liquidation (about 1.5 %) comes before the 5 % stop. */
        LEVERAGED(new RiskSettings(new BigDecimal("1000"), new BigDecimal("5"), new BigDecimal("50"), 50, null, null, true,
                TpSlMode.FIXED, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005")), Set.of("liquidation")),
        /** A position of 90 % of the equity and a 1 % session loss limit: the limit halts the agent within a position. */
        LOSS_LIMIT(new RiskSettings(new BigDecimal("9000"), new BigDecimal("3"), new BigDecimal("6"), 1, null, new BigDecimal("1"), true,
                TpSlMode.FIXED, new BigDecimal("2"), new BigDecimal("2"), new BigDecimal("0.005")), Set.of("loss_limit"));

        final RiskSettings settings;
        final Set<String> exits;

        Risk(RiskSettings settings, Set<String> exits) {
            this.settings = settings;
            this.exits = exits;
        }
    }

    @ParameterizedTest
    @EnumSource(Risk.class)
    void shouldGiveWhatWalkingEveryTickGivesWhenQuietCandlesAreSkipped(Risk risk) {
        Set<String> exits = new HashSet<>();
        for (long seed = 1; seed <= 3; seed++) {
            List<Bar> candles = walk(seed, 6_000);
            List<MarketTick> ticks = candles.stream().flatMap(c -> CandleTickPath.of(c, 8).stream()).toList();
            for (StrategyDefinition strategy : StrategyCatalog.builtIn().all()) {
                BacktestSpec spec = BacktestSpec.defaults(INSTRUMENT, strategy).withRisk(risk.settings);

                BacktestResult candlesRun = Backtest.run(spec, BarSeries.of(candles));
                BacktestResult everyTick = Backtest.runTicks(spec, ticks.iterator(), Timeframe.ONE_MINUTE);

                String what = strategy.name() + ", seed " + seed + ", " + risk;
                assertThat(candlesRun.trades()).as(what).isEqualTo(everyTick.trades());
                assertThat(candlesRun.equity()).as(what).containsExactly(everyTick.equity());
                assertThat(candlesRun.statistics()).as(what).isEqualTo(everyTick.statistics());
                assertThat(candlesRun.orders()).as(what).isEqualTo(everyTick.orders());
                candlesRun.trades().forEach(t -> exits.add(t.exitReason()));
            }
        }
        // the comparison covered the exits these settings are for, each triggered inside a candle
        assertThat(exits).containsAll(risk.exits);
    }

    /** One-minute candles of a random walk, each from six steps, calm with a violent stretch every 3,500 minutes. */
    static List<Bar> walk(long seed, int count) {
        Random random = new Random(seed);
        List<Bar> candles = new ArrayList<>(count);
        double price = 20_000 + random.nextInt(20_000);
        Instant time = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            double volatility = (i / 500) % 7 == 0 ? 0.004 : 0.0008;
            double open = price;
            double high = open;
            double low = open;
            for (int step = 0; step < 6; step++) {
                price *= Math.exp(random.nextGaussian() * volatility / 2.4);
                high = Math.max(high, price);
                low = Math.min(low, price);
            }
            candles.add(new Bar(SYMBOL, Timeframe.ONE_MINUTE, time, cents(open), cents(high), cents(low), cents(price),
                    BigDecimal.valueOf(random.nextInt(5_000_000), 6)));
            price = cents(price).doubleValue();
            time = time.plusSeconds(60);
        }
        return candles;
    }

    private static BigDecimal cents(double price) {
        return BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_EVEN);
    }
}
