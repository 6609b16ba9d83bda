package io.agenthub.ingest.feed.synthetic;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.ingest.feed.CollectingSink;
import io.agenthub.ingest.feed.ResumePoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticFeedTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static SyntheticFeed feed(long seed, double switchPerHour, Map<Symbol, ResumePoint> resume) {
        Instruments instruments = Instruments.defaults();
        return new SyntheticFeed(new SyntheticFeed.Settings(
                List.of(instruments.resolve("BTC/USDT"), instruments.resolve("ETH/USDT")), Map.of(), seed,
                Duration.ofSeconds(1), 0, START, Duration.ofHours(2), 0.5, 2.0, switchPerHour, 0.05, Duration.ofMinutes(1), resume,
                Duration.ofDays(1)), Clock.systemUTC());
    }

    @Test
    void shouldWalkTheHistoryBeforeNowFirstWhenStartingAfreshAtNow() throws Exception {
        Instruments instruments = Instruments.defaults();
        Instant now = Instant.parse("2026-12-06T10:00:07Z");
        CollectingSink sink = new CollectingSink();

        new SyntheticFeed(new SyntheticFeed.Settings(List.of(instruments.resolve("BTC/USDT")), Map.of(), 3, Duration.ofSeconds(1), 0,
                null, Duration.ofMinutes(1), 0.5, 2.0, 1, 0.05, Duration.ofMinutes(1), Map.of(), Duration.ofHours(1)),
                Clock.fixed(now, java.time.ZoneOffset.UTC)).run(sink);

        List<Instant> times = sink.ticks().stream().map(t -> t.time()).toList();
        assertThat(times.getFirst()).as("an hour before now, on a 15-second step").isEqualTo(Instant.parse("2026-12-06T09:00:00Z"));
        assertThat(times).as("every 15 s up to now, then every second for the minute from now").hasSize(241 + 60)
                .contains(Instant.parse("2026-12-06T09:59:45Z"), Instant.parse("2026-12-06T10:00:00Z"), now, now.plusSeconds(59))
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldProduceIdenticalTicksWhenSeedIsTheSame() throws Exception {
        CollectingSink a = new CollectingSink();
        CollectingSink b = new CollectingSink();

        feed(5, 1, Map.of()).run(a);
        feed(5, 1, Map.of()).run(b);

        assertThat(a.ticks()).hasSize(2 * 7200).isEqualTo(b.ticks());
    }

    @Test
    void shouldRespectInstrumentScalesAndStayPositiveWhenWalking() throws Exception {
        CollectingSink sink = new CollectingSink();

        feed(9, 1, Map.of()).run(sink);

        assertThat(sink.ticks()).allSatisfy(t -> {
            assertThat(t.price().signum()).isPositive();
            assertThat(t.price().scale()).isEqualTo(2);
            assertThat(t.size().signum()).isPositive();
            assertThat(t.size().scale()).isEqualTo(8);
        });
        assertThat(sink.watermarks()).last().isEqualTo(START.plus(Duration.ofHours(2)));
    }

    @Test
    void shouldBeMoreVolatileWhenTurbulentRegimeIsReached() throws Exception {
        CollectingSink calm = new CollectingSink();
        CollectingSink switching = new CollectingSink();

        SyntheticFeed calmFeed = feed(3, 0, Map.of());
        calmFeed.run(calm);
        SyntheticFeed switchingFeed = feed(3, 60, Map.of());
        switchingFeed.run(switching);

        assertThat(calmFeed.counters()).containsEntry("regime_switches", 0L);
        assertThat(switchingFeed.counters().get("regime_switches")).isPositive();
        assertThat(realisedVolatility(switching.ticks())).isGreaterThan(realisedVolatility(calm.ticks()));
    }

    @Test
    void shouldContinueFromLastTimeAndPriceWhenResumed() throws Exception {
        Symbol btc = new Symbol("BTC", "USDT");
        ResumePoint last = new ResumePoint(START.plus(Duration.ofHours(1)), "syn-x", new BigDecimal("12345.67"));
        CollectingSink sink = new CollectingSink();

        feed(5, 1, Map.of(btc, last)).run(sink);

        MarketTick first = sink.ticks().stream().filter(t -> t.symbol().equals(btc)).findFirst().orElseThrow();
        assertThat(first.time()).isEqualTo(START.plus(Duration.ofHours(1)).plusSeconds(1));
        assertThat(first.price().subtract(new BigDecimal("12345.67")).abs()).isLessThan(new BigDecimal("100"));
    }

    private static double realisedVolatility(List<MarketTick> ticks) {
        List<MarketTick> btc = ticks.stream().filter(t -> t.symbol().base().equals("BTC")).toList();
        double sum = 0;
        for (int i = 1; i < btc.size(); i++) {
            double r = Math.log(btc.get(i).price().doubleValue() / btc.get(i - 1).price().doubleValue());
            sum += r * r;
        }
        return Math.sqrt(sum / (btc.size() - 1));
    }
}
