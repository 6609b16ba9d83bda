package io.agenthub.ingest.feed.hashkey;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.ingest.feed.CollectingSink;
import io.agenthub.ingest.feed.CollectingSink.TickItem;
import io.agenthub.ingest.feed.hashkey.config.HashKeySettings;
import io.agenthub.ingest.feed.hashkey.parse.VenueCandle;
import io.agenthub.ingest.feed.hashkey.parse.VenueTrade;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolStreamTest {

    private static final long NOW = 5_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final CollectingSink sink = new CollectingSink();
    private final FeedCounters counters = new FeedCounters();

    @Test
    void shouldHoldBackLaterTradesAndCapWatermarksWhileTheFirstPartialMinuteAwaitsItsRepair() {
        // Given coverage that began in the middle of 10:00, and trades of 10:00 and 10:01
        SymbolStream stream = stream(settings());
        stream.coverageStarted(millis("10:00:10"));
        stream.onTrades(List.of(trade("1", "10:00:20", "100"), trade("2", "10:00:50", "101"),
                trade("3", "10:01:05", "102"), trade("4", "10:01:30", "103")), NOW);

        // When a watermark is due and the venue's clock has passed 10:01 plus the settle delay
        stream.publishWatermark(NOW + 10 * SECOND);
        var early = stream.nextRepair(millis("10:01:00.500"), Long.MAX_VALUE, NOW);
        var due = stream.nextRepair(millis("10:01:31"), Long.MAX_VALUE, NOW);

        // Then only the trades of 10:00 are out, the watermark stops at 10:00, and 10:00 alone is requested
        assertThat(ids()).containsExactly("1", "2");
        assertThat(sink.watermarks()).containsExactly(at("10:00:00"));
        assertThat(early).isEmpty();
        assertThat(due).hasValueSatisfying(request -> {
            assertThat(request.firstMinute()).isEqualTo(millis("10:00:00"));
            assertThat(request.lastMinute()).isEqualTo(millis("10:00:00"));
        });

        // When the kline shows a trade before coverage began
        stream.onKlines(due.orElseThrow().id(), List.of(candle("10:00:00", "99", "101", "99", "101", "2.5")), NOW);

        // Then the repair comes first, the held trades follow, and watermarks move on
        assertThat(ids()).containsExactly("1", "2", "bf-" + millis("10:00:00") + "-o", "bf-" + millis("10:00:00") + "-l",
                "bf-" + millis("10:00:00") + "-c", "3", "4");
        stream.publishWatermark(NOW);
        assertThat(sink.watermarks()).last().isEqualTo(at("10:01:28"));
        assertThat(counters.snapshot()).containsEntry("repaired_minutes", 1L).containsEntry("backfill_ticks", 3L).containsEntry("ticks", 4L);
    }

    @Test
    void shouldRepairEveryMinuteOfAGapInOrderWhenCoverageResumes() {
        // Given a repaired first minute, then coverage lost at 10:02:30 and back at 10:04:10
        SymbolStream stream = coveredAndRepaired();
        stream.onTrades(List.of(trade("10", "10:02:10", "100")), NOW);
        stream.coverageLost(millis("10:02:30"));
        stream.publishWatermark(NOW + 5 * SECOND);
        int watermarksWhileLost = sink.watermarks().size();
        stream.coverageStarted(millis("10:04:10"));

        // When the snapshot brings a trade of 10:03 and live trades of 10:04 arrive
        stream.onTrades(List.of(trade("11", "10:03:30", "104"), trade("12", "10:04:20", "105")), NOW);
        var request = stream.nextRepair(millis("10:04:21"), Long.MAX_VALUE, NOW).orElseThrow();
        stream.onKlines(request.id(), List.of(candle("10:02:00", "100", "100", "98", "98", "1"),
                candle("10:03:00", "103", "104", "103", "104", "1")), NOW);

        // Then no watermark was published while coverage was lost, 10:02 and 10:03 were requested together and
        // repaired in order, each followed by its held trades, while 10:04 still waits
        assertThat(sink.watermarks()).hasSize(watermarksWhileLost);
        assertThat(request.firstMinute()).isEqualTo(millis("10:02:00"));
        assertThat(request.lastMinute()).isEqualTo(millis("10:03:00"));
        assertThat(ids()).endsWith("10", "bf-" + millis("10:02:00") + "-l", "bf-" + millis("10:02:00") + "-c",
                "11", "bf-" + millis("10:03:00") + "-o", "bf-" + millis("10:03:00") + "-l", "bf-" + millis("10:03:00") + "-c", "12");
        assertThat(stream.repairing()).isTrue();
    }

    @Test
    void shouldGiveUpTheRepairAndFlushWhenTooManyTradesAreHeldBack() {
        // Given room for two held trades while the first minute waits
        SymbolStream stream = stream(settingsBuilder().maxBufferedTrades(2).build());
        stream.coverageStarted(millis("10:00:10"));
        var request = stream.nextRepair(millis("10:01:02"), Long.MAX_VALUE, NOW).orElseThrow();

        // When a third trade of a later minute arrives
        stream.onTrades(List.of(trade("1", "10:01:05", "100"), trade("2", "10:01:06", "100"), trade("3", "10:01:07", "100")), NOW);

        // Then the repair is given up, the trades are flushed in order, and its late answer is ignored
        assertThat(ids()).containsExactly("1", "2", "3");
        assertThat(counters.snapshot()).containsEntry("repairs_abandoned", 1L);
        stream.onKlines(request.id(), List.of(candle("10:00:00", "99", "99", "99", "99", "1")), NOW);
        assertThat(ids()).containsExactly("1", "2", "3");
    }

    @Test
    void shouldRetryAfterABackoffAndGiveUpAfterTheLastAttemptWhenKlineCallsFail() {
        // Given three attempts and a pending first minute with a held trade
        SymbolStream stream = stream(settingsBuilder().maxRepairAttempts(3).build());
        stream.coverageStarted(millis("10:00:10"));
        stream.onTrades(List.of(trade("1", "10:01:05", "100")), NOW);
        IOException failure = new IOException("HTTP 503");

        // When the first call fails
        var first = stream.nextRepair(millis("10:01:06"), Long.MAX_VALUE, NOW).orElseThrow();
        stream.onKlinesFailed(first.id(), failure, NOW);

        // Then no call is made before the backoff has passed, and one is made after it
        assertThat(stream.nextRepair(millis("10:01:06"), Long.MAX_VALUE, NOW + 1)).isEmpty();
        var second = stream.nextRepair(millis("10:01:06"), Long.MAX_VALUE, NOW + SECOND).orElseThrow();
        assertThat(second.id()).isNotEqualTo(first.id());

        // When the remaining attempts fail too
        stream.onKlinesFailed(second.id(), failure, NOW + SECOND);
        var third = stream.nextRepair(millis("10:01:06"), Long.MAX_VALUE, NOW + 2 * SECOND).orElseThrow();
        stream.onKlinesFailed(third.id(), failure, NOW + 2 * SECOND);

        // Then the minute is given up and the held trade published
        assertThat(counters.snapshot()).containsEntry("rest_retries", 2L).containsEntry("repairs_abandoned", 1L);
        assertThat(ids()).containsExactly("1");
        assertThat(stream.repairing()).isFalse();
    }

    @Test
    void shouldDropDuplicateAndLateTradesWhenTheyArrive() {
        // Given a repaired first minute
        SymbolStream stream = coveredAndRepaired();

        // When a trade is pushed twice, and trades of final minutes arrive
        stream.onTrades(List.of(trade("20", "10:01:10", "100"), trade("20", "10:01:10", "100"),
                trade("21", "10:00:30", "100"), trade("22", "09:59:59", "100")), NOW);

        // Then each is published once and the late ones not at all
        assertThat(ids()).containsOnlyOnce("20").doesNotContain("21", "22");
        assertThat(counters.snapshot()).containsEntry("duplicates_dropped", 1L).containsEntry("late_trades", 2L);
    }

    @Test
    void shouldCountAMismatchAndStillFixWhatItCanWhenTheKlineContradictsPublishedTrades() {
        // Given a published trade above the high the venue later reports
        SymbolStream stream = stream(settings());
        stream.coverageStarted(millis("10:00:10"));
        stream.onTrades(List.of(trade("1", "10:00:20", "150"), trade("2", "10:00:40", "100")), NOW);
        var request = stream.nextRepair(millis("10:01:02"), Long.MAX_VALUE, NOW).orElseThrow();

        // When the kline arrives
        stream.onKlines(request.id(), List.of(candle("10:00:00", "110", "120", "99", "99", "1.5")), NOW);

        // Then the mismatch is counted and the open, low, close and volume are still repaired
        assertThat(counters.snapshot()).containsEntry("kline_mismatches", 1L).containsEntry("repaired_minutes", 1L);
        assertThat(ids()).containsExactly("1", "2", "bf-" + millis("10:00:00") + "-o", "bf-" + millis("10:00:00") + "-l",
                "bf-" + millis("10:00:00") + "-c");
    }

    @Test
    void shouldRequestAtMostOneRestPageWhenAGapIsLong() {
        // Given coverage lost for a day
        SymbolStream stream = coveredAndRepaired();
        stream.coverageLost(millis("10:01:30"));
        stream.coverageStarted(millis("10:01:30") + Duration.ofDays(1).toMillis());

        // When the repair starts
        var request = stream.nextRepair(millis("10:01:30") + Duration.ofDays(1).toMillis(), Long.MAX_VALUE, NOW).orElseThrow();

        // Then it asks for the first 1000 minutes
        assertThat(request.minutes()).isEqualTo(1000);
        assertThat(request.firstMinute()).isEqualTo(millis("10:01:00"));
    }

    private SymbolStream coveredAndRepaired() {
        SymbolStream stream = stream(settings());
        stream.coverageStarted(millis("10:00:10"));
        var request = stream.nextRepair(millis("10:01:02"), Long.MAX_VALUE, NOW).orElseThrow();
        stream.onKlines(request.id(), List.of(), NOW);
        return stream;
    }

    private SymbolStream stream(HashKeySettings settings) {
        return new SymbolStream(Instruments.defaults().resolve("BTCUSDT"), settings, sink, counters,
                new Backoff(settings.reconnectMinBackoff(), settings.reconnectMaxBackoff(), new SplittableRandom(3)));
    }

    private static HashKeySettings settings() {
        return settingsBuilder().build();
    }

    private static HashKeySettings.Builder settingsBuilder() {
        return HashKeySettings.builder(List.of("BTCUSDT")).reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    private List<String> ids() {
        return sink.items().stream().filter(TickItem.class::isInstance).map(i -> ((TickItem) i).tick()).map(MarketTick::tradeId).toList();
    }

    private static VenueTrade trade(String id, String time, String price) {
        return new VenueTrade(id, millis(time), new BigDecimal(price), new BigDecimal("0.5"), false);
    }

    private static VenueCandle candle(String minute, String open, String high, String low, String close, String volume) {
        return new VenueCandle(millis(minute), new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
                new BigDecimal(close), new BigDecimal(volume));
    }

    private static Instant at(String time) {
        return Instant.parse("2024-03-01T" + time + "Z");
    }

    private static long millis(String time) {
        return at(time).toEpochMilli();
    }
}
