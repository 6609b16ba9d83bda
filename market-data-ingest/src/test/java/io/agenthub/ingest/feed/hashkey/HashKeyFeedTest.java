package io.agenthub.ingest.feed.hashkey;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.BarBuilder;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.ingest.feed.CollectingSink;
import io.agenthub.ingest.feed.hashkey.config.HashKeySettings;
import io.agenthub.testkit.hashkey.HashKeyMarketPeer;
import io.agenthub.testkit.hashkey.ScriptedTrade;
import io.agenthub.testkit.hashkey.TradeHistories;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static io.agenthub.ingest.feed.hashkey.HashKeyFixtures.fastSettings;
import static io.agenthub.ingest.feed.hashkey.HashKeyFixtures.normalized;
import static io.agenthub.ingest.feed.hashkey.HashKeyFixtures.oneMinuteBars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class HashKeyFeedTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00.250Z");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void shouldPublishEveryPushedTradeWithMonotonicWatermarksWhenTheStreamIsSteady() throws Exception {
        // Given a venue pushing 300 historical trades
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 11, START, 300);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).start();
             RunningFeed running = RunningFeed.start(fastSettings(peer, "BTCUSDT").build())) {

            // When the feed has published the last one
            awaitPublished(running, history.getLast());
            running.stop();
            assertThat(peer.exhausted()).isTrue();

            // Then it published exactly the pushed trades, in order, with their ids, times, prices and sizes
            assertThat(running.ticks()).extracting(MarketTick::tradeId, t -> t.time().toEpochMilli(), MarketTick::price, MarketTick::size)
                    .containsExactlyElementsOf(history.stream()
                            .map(t -> tuple(t.id(), t.time(), t.price(), t.quantity())).toList());
            // and watermarks that only rise and never precede a tick published after them
            assertWatermarksRiseAndPrecedeLaterTrades(running.sink);
            // and it subscribed to trades and one-minute klines the documented way
            assertThat(peer.receivedFrames()).contains(
                    "{\"symbol\":\"BTCUSDT\",\"topic\":\"trade\",\"event\":\"sub\",\"params\":{\"binary\":false}}",
                    "{\"symbol\":\"BTCUSDT\",\"topic\":\"kline_1m\",\"event\":\"sub\",\"params\":{\"binary\":false}}");
            assertThat(running.counters()).containsEntry("ticks", 300L).containsEntry("reconnects", 0L)
                    .containsEntry("malformed_frames", 0L).containsEntry("kline_mismatches", 0L).containsEntry("backfill_ticks", 0L);
            assertEveryMinuteMatchesTheVenue(running.sink, peer, "BTCUSDT");
        }
    }

    @Test
    void shouldRebuildEveryMinuteExactlyWhenTheConnectionDropsAndTheGapIsBackfilledFromKlines() throws Exception {
        // Given a venue that drops the connection after trade #200 and resumes at #330: #201..#329 happen unseen
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 7, START, 600);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).start()) {
            peer.dropConnectionAfterTrade(200, 330);
            try (RunningFeed running = RunningFeed.start(fastSettings(peer, "BTCUSDT").build())) {

                // When the feed has reconnected, repaired the gap and published the last trade
                awaitPublished(running, history.getLast());
                running.stop();

                // Then one-minute bars built from everything it published equal the venue's klines, minute by minute
                assertEveryMinuteMatchesTheVenue(running.sink, peer, "BTCUSDT");
                // and minutes it never saw a trade of were replayed as candle paths
                for (long minute : minutesOnlyWithin(history, 201, 319)) {
                    assertThat(running.tradeIds()).contains("bf-" + minute + "-0", "bf-" + minute + "-3");
                }
                assertThat(running.tradeIds()).doesNotHaveDuplicates();
                assertThat(running.counters()).containsEntry("reconnects", 1L).containsEntry("kline_mismatches", 0L)
                        .containsEntry("repairs_abandoned", 0L);
                assertThat(running.counters().get("backfill_ticks")).isPositive();
                assertThat(peer.restRequests()).anyMatch(r -> r.startsWith("GET /quote/v1/klines?symbol=BTCUSDT&interval=1m&startTime="));
            }
        }
    }

    @Test
    void shouldRepairTheFirstPartialMinuteAndSkipOlderSnapshotTradesWhenTheFeedStartsMidStream() throws Exception {
        // Given a venue where 120 trades have already happened when the feed connects (its snapshot shows the last 10)
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 29, START, 300);
        ScriptedTrade lastBefore = history.get(119);
        Instant coverageMinute = Timeframe.ONE_MINUTE.openTimeOf(Instant.ofEpochMilli(lastBefore.time()));
        long olderSnapshotTrades = history.subList(110, 120).stream()
                .filter(t -> t.time() < coverageMinute.toEpochMilli()).count();
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).startAt(120).start();
             RunningFeed running = RunningFeed.start(fastSettings(peer, "BTCUSDT").build())) {

            // When the feed has published the last trade
            awaitPublished(running, history.getLast());
            running.stop();

            // Then snapshot trades from before the minute it started in are skipped, nothing earlier is published,
            // and from that minute on every bar equals the venue's kline (the partial first minute repaired)
            assertThat(running.counters()).containsEntry("late_trades", olderSnapshotTrades).containsEntry("kline_mismatches", 0L);
            assertThat(running.ticks()).allSatisfy(tick -> assertThat(tick.time()).isAfterOrEqualTo(coverageMinute));
            assertEveryMinuteMatchesTheVenue(running.sink, peer, "BTCUSDT", coverageMinute);
        }
    }

    @Test
    void shouldCountGarbageAndKeepTheConnectionWhenTheVenueSendsMalformedFrames() throws Exception {
        // Given a venue that slips four unusable frames between its trades
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 3, START, 200);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).start()) {
            peer.pushFrameAfterTrade(50, "this is not json");
            peer.pushFrameAfterTrade(60, "{\"symbol\":\"BTCUSDT\",\"topic\":\"trade\",\"data\":[{\"v\":\"9\",\"t\":1709287205123,\"p\":\"abc\",\"q\":\"1\"}]}");
            peer.pushFrameAfterTrade(70, "{\"symbol\":\"BTCUSDT\",\"topic\":\"depth\",\"data\":[]}");
            peer.pushFrameAfterTrade(80, "{\"symbol\":\"DOGEUSDT\",\"topic\":\"trade\",\"data\":[]}");
            try (RunningFeed running = RunningFeed.start(fastSettings(peer, "BTCUSDT").build())) {

                // When the stream has been delivered
                awaitPublished(running, history.getLast());
                running.stop();

                // Then each bad frame is counted, the connection kept, and every trade still published
                assertThat(running.counters()).containsEntry("malformed_frames", 4L).containsEntry("reconnects", 0L)
                        .containsEntry("ticks", 200L);
                assertThat(peer.connectionCount()).isEqualTo(1);
                assertEveryMinuteMatchesTheVenue(running.sink, peer, "BTCUSDT");
            }
        }
    }

    @Test
    void shouldRetryTheBackfillWhenTheKlineEndpointFailsAndStillRebuildEveryMinute() throws Exception {
        // Given a venue that pauses after trade #150, then drops the connection after #200 and resumes at #330
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 5, START, 500);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).start()) {
            peer.pauseAfterTrade(150, Duration.ofSeconds(1));
            peer.dropConnectionAfterTrade(200, 330);
            try (RunningFeed running = RunningFeed.start(fastSettings(peer, "BTCUSDT").build())) {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() ->
                        running.counters().get("repaired_minutes") >= 1 && peer.pushedTradeCount() > 150);

                // When the next two kline calls (the gap's backfill) answer HTTP 503
                peer.failNextRequests("/quote/v1/klines", 2, 503);
                awaitPublished(running, history.getLast());
                running.stop();

                // Then they were retried and every minute is still exact
                assertThat(running.counters()).containsEntry("rest_retries", 2L).containsEntry("repairs_abandoned", 0L)
                        .containsEntry("reconnects", 1L);
                assertEveryMinuteMatchesTheVenue(running.sink, peer, "BTCUSDT");
            }
        }
    }

    @Test
    void shouldReconnectWhenTheVenueFallsSilentAndKeepEveryMinuteExact() throws Exception {
        // Given a venue that stops pushing and answering pings after trade #150, but keeps the socket open
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 13, START, 300);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).start()) {
            peer.goSilentAfterTrade(150);
            HashKeySettings settings = fastSettings(peer, "BTCUSDT").pingInterval(Duration.ofMillis(100))
                    .silenceTimeout(Duration.ofMillis(600)).build();
            try (RunningFeed running = RunningFeed.start(settings)) {

                // When the feed has given up on the silent connection and received the rest on a new one
                awaitPublished(running, history.getLast());
                running.stop();

                // Then it reconnected once, dropped the re-pushed snapshot as duplicates, and every minute is exact
                assertThat(running.counters()).containsEntry("silence_timeouts", 1L).containsEntry("reconnects", 1L)
                        .containsEntry("duplicates_dropped", 10L);
                assertThat(peer.connectionCount()).isEqualTo(2);
                assertThat(peer.receivedFrames()).filteredOn(frame -> frame.matches("\\{\"ping\":\\d+}")).hasSizeGreaterThanOrEqualTo(3);
                assertEveryMinuteMatchesTheVenue(running.sink, peer, "BTCUSDT");
            }
        }
    }

    @Test
    void shouldKeepAQuietConnectionWhenPongsKeepArriving() throws Exception {
        // Given a venue that pushes nothing for 1.5 s but answers pings, and a silence timeout of 600 ms
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 17, START, 100);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).start()) {
            peer.pauseAfterTrade(50, Duration.ofMillis(1500));
            HashKeySettings settings = fastSettings(peer, "BTCUSDT").pingInterval(Duration.ofMillis(100))
                    .silenceTimeout(Duration.ofMillis(600)).build();
            try (RunningFeed running = RunningFeed.start(settings)) {

                // When the stream resumes and ends
                awaitPublished(running, history.getLast());
                running.stop();

                // Then pongs kept the connection alive
                assertThat(running.counters()).containsEntry("reconnects", 0L).containsEntry("ticks", 100L);
                assertThat(running.counters().get("pongs")).isGreaterThanOrEqualTo(5L);
            }
        }
    }

    @Test
    void shouldKeepEverySymbolExactWhenSeveralShareTheConnectionThroughAnOutage() throws Exception {
        // Given two symbols traded side by side and an outage in the middle
        List<ScriptedTrade> btc = TradeHistories.randomWalk("BTCUSDT", 21, START, 250);
        List<ScriptedTrade> eth = TradeHistories.randomWalk("ETHUSDT", 22, START.plusMillis(137), 250);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(btc).trades(eth).start()) {
            peer.dropConnectionAfterTrade(180, 300);
            try (RunningFeed running = RunningFeed.start(fastSettings(peer, "BTCUSDT", "ETH/USDT").build())) {

                // When both streams have been delivered
                ScriptedTrade last = peer.timeline().getLast();
                awaitPublished(running, last);
                await().atMost(PATIENCE).until(() -> running.tradeIds().containsAll(List.of(btc.getLast().id(), eth.getLast().id())));
                running.stop();

                // Then both symbols' minutes equal the venue's klines
                assertEveryMinuteMatchesTheVenue(running.sink, peer, "BTCUSDT");
                assertEveryMinuteMatchesTheVenue(running.sink, peer, "ETHUSDT");
            }
        }
    }

    @Test
    void shouldCountTheVenuesRejectionAndCarryOnWhenASubscriptionIsRefused() throws Exception {
        // Given a venue that lists BTCUSDT but not ETHUSDT
        List<ScriptedTrade> history = TradeHistories.randomWalk("BTCUSDT", 19, START, 150);
        try (HashKeyMarketPeer peer = HashKeyMarketPeer.builder().trades(history).start();
             RunningFeed running = RunningFeed.start(fastSettings(peer, "BTCUSDT", "ETHUSDT").build())) {

            // When the feed subscribes to both
            awaitPublished(running, history.getLast());
            running.stop();

            // Then both ETHUSDT subscriptions are reported as venue errors, and BTCUSDT is unaffected
            assertThat(running.counters()).containsEntry("venue_errors", 2L).containsEntry("reconnects", 0L);
            assertThat(running.sink.items()).allSatisfy(item -> assertThat(item).asString().doesNotContain("ETH"));
            assertEveryMinuteMatchesTheVenue(running.sink, peer, "BTCUSDT");
        }
    }

    @Test
    void shouldRejectASymbolWhenTheFeedIsCreatedWithOneItCannotTrade() {
        assertThatThrownBy(() -> new HashKeyFeed(HashKeySettings.production(List.of("BTCUSDT", "XYZUSDT"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot subscribe to 'XYZUSDT'")
                .hasMessageContaining("supported symbols");
        assertThatThrownBy(() -> new HashKeyFeed(HashKeySettings.production(List.of("BTCUSDT", "BTC/USDT"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BTC/USDT twice");
    }

    @Test
    void shouldReturnPromptlyWhenClosedWhileReconnecting() throws Exception {
        // Given a feed pointed at a port where nothing listens
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HashKeySettings settings = HashKeySettings.builder(List.of("BTCUSDT"))
                .restBaseUrl(URI.create("http://127.0.0.1:" + port)).wsUrl(URI.create("ws://127.0.0.1:" + port + "/quote/ws/v1"))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100)).httpTimeout(Duration.ofSeconds(1)).build();
        try (RunningFeed running = RunningFeed.start(settings)) {

            // When it has failed to connect a few times
            await().atMost(PATIENCE).until(() -> running.counters().get("reconnects") >= 3);

            // Then close() makes it return at once, with nothing published
            running.stop();
            assertThat(running.sink.items()).isEmpty();
        }
    }

    private static void awaitPublished(RunningFeed running, ScriptedTrade trade) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> running.tradeIds().contains(trade.id()));
    }

    /** Minutes (epoch ms) whose trades all lie within timeline indexes {@code from..to}. */
    private static List<Long> minutesOnlyWithin(List<ScriptedTrade> history, int from, int to) {
        Map<Long, List<Integer>> indexesByMinute = new TreeMap<>();
        IntStream.range(0, history.size()).forEach(i ->
                indexesByMinute.computeIfAbsent(Math.floorDiv(history.get(i).time(), 60_000L) * 60_000L, m -> new ArrayList<>()).add(i));
        return indexesByMinute.entrySet().stream()
                .filter(e -> e.getValue().stream().allMatch(i -> i >= from && i <= to))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Every minute from {@code from} to before the last trade's: bars built from the published ticks equal the venue's klines; and replaying
     * the sink into the bar builder (grace 2 s) closes no bar that differs from its kline and drops no tick as late.
     */
    private static void assertEveryMinuteMatchesTheVenue(CollectingSink sink, HashKeyMarketPeer peer, String venueSymbol) {
        assertEveryMinuteMatchesTheVenue(sink, peer, venueSymbol, Instant.EPOCH);
    }

    private static void assertEveryMinuteMatchesTheVenue(CollectingSink sink, HashKeyMarketPeer peer, String venueSymbol, Instant from) {
        Symbol symbol = Symbol.parse(venueSymbol);
        List<ScriptedTrade> trades = peer.trades(venueSymbol);
        Instant lastMinute = Timeframe.ONE_MINUTE.openTimeOf(Instant.ofEpochMilli(trades.getLast().time()));
        Map<Instant, Bar> expected = new TreeMap<>();
        peer.klines(venueSymbol).stream().filter(k -> k.openTime().isBefore(lastMinute) && !k.openTime().isBefore(from))
                .forEach(k -> expected.put(k.openTime(), normalized(k)));
        Map<Instant, Bar> actual = new TreeMap<>(oneMinuteBars(sink.ticks().stream().filter(t -> t.symbol().equals(symbol)).toList()));
        actual.keySet().removeIf(minute -> !minute.isBefore(lastMinute));

        assertThat(actual).containsExactlyEntriesOf(expected);

        BarBuilder builder = new BarBuilder(List.of(Timeframe.ONE_MINUTE), Duration.ofSeconds(2));
        BarBuilder.State state = BarBuilder.State.empty(symbol);
        List<BarAccumulator> closed = new ArrayList<>();
        for (CollectingSink.Item item : sink.items()) {
            BarBuilder.Step step = switch (item) {
                case CollectingSink.TickItem(MarketTick tick) when tick.symbol().equals(symbol) -> builder.onTick(state, tick);
                case CollectingSink.WatermarkItem(Symbol s, Instant watermark) when s.equals(symbol) -> builder.onWatermark(state, watermark);
                default -> null;
            };
            if (step != null) {
                state = step.state();
                closed.addAll(step.closed());
            }
        }
        assertThat(state.lateDrops()).as("ticks the bar builder dropped as late").isZero();
        Map<Instant, Bar> closedBars = new HashMap<>();
        closed.forEach(bar -> closedBars.put(bar.openTime(), normalized(bar.toBar())));
        assertThat(closedBars).isNotEmpty();
        closedBars.forEach((minute, bar) -> assertThat(bar).as("bar closed for %s", minute).isEqualTo(expected.get(minute)));
    }

    private static void assertWatermarksRiseAndPrecedeLaterTrades(CollectingSink sink) {
        Instant watermark = Instant.MIN;
        for (CollectingSink.Item item : sink.items()) {
            switch (item) {
                case CollectingSink.WatermarkItem(Symbol ignored, Instant w) -> {
                    assertThat(w).isAfter(watermark);
                    watermark = w;
                }
                case CollectingSink.TickItem(MarketTick tick) ->
                        assertThat(tick.time()).as("tick %s after watermark %s", tick.tradeId(), watermark).isAfterOrEqualTo(watermark);
            }
        }
        assertThat(sink.watermarks()).isNotEmpty();
    }
}
