package io.agenthub.ingest.feed.replay;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.ingest.feed.CollectingSink;
import io.agenthub.ingest.feed.ResumePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReplayFeedTest {

    private static final String CSV = """
            open_time,open,high,low,close,volume
            2023-03-01 00:00:00+00:00,100,110,98,105,1
            2023-03-01 00:01:00+00:00,105,106,101,102,2
            2023-03-01 00:02:00+00:00,oops,1,1,1,1
            2023-03-01 00:03:00+00:00,102,103,100,101,0
            """;
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T12:34:56Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path file() throws IOException {
        Path file = dir.resolve("candles.csv");
        Files.writeString(file, CSV);
        return file;
    }

    private CsvReplayFeed feed(boolean loop, boolean anchor, ResumePoint resume) throws IOException {
        return feed(loop, anchor, Duration.ZERO, resume);
    }

    private CsvReplayFeed feed(boolean loop, boolean anchor, Duration history, ResumePoint resume) throws IOException {
        return new CsvReplayFeed(new CsvReplayFeed.Settings(file(), Instruments.defaults().resolve("BTC/USDT"), 0, loop, anchor,
                history, Duration.ofHours(1), resume), NOW);
    }

    @Test
    void shouldStartThatMuchBeforeTheCurrentMinuteWhenAnchoredWithHistory() throws Exception {
        CollectingSink sink = new CollectingSink();

        feed(false, true, Duration.ofMinutes(2).plusSeconds(30), null).run(sink);

        assertThat(sink.ticks().getFirst().time()).as("whole minutes of history before 12:34").isEqualTo(Instant.parse("2026-11-28T12:32:00Z"));
        assertThat(sink.ticks().getLast().time()).isEqualTo(Instant.parse("2026-11-28T12:35:45Z"));
    }

    @Test
    void shouldPublishFourTicksPerCandleAndFinalWatermarkWhenReplayedOnce() throws Exception {
        CsvReplayFeed feed = feed(false, false, null);
        CollectingSink sink = new CollectingSink();

        feed.run(sink);

        assertThat(sink.ticks()).hasSize(12);
        assertThat(sink.ticks().getFirst().tradeId()).isEqualTo("c1677628800000-0");
        assertThat(sink.ticks().get(1).price()).isEqualByComparingTo("98");
        assertThat(sink.watermarks()).last().isEqualTo(Instant.parse("2023-03-01T00:04:00Z"));
        assertThat(feed.counters()).containsEntry("malformed_rows", 1L).containsEntry("candles", 3L);
        assertThat(feed.lastReport().firstSkipped().getFirst().lineNumber()).isEqualTo(4);
    }

    @Test
    void shouldShiftFirstCandleIntoCurrentMinuteWhenAnchoredToNow() throws Exception {
        CollectingSink sink = new CollectingSink();

        feed(false, true, null).run(sink);

        assertThat(sink.ticks().getFirst().time()).isEqualTo(Instant.parse("2026-11-28T12:34:00Z"));
        assertThat(sink.ticks().getFirst().tradeId()).startsWith("c1677628800000-0+");
    }

    @Test
    void shouldKeepTimeMovingForwardWithUniqueIdsWhenLooping() throws Exception {
        CsvReplayFeed feed = feed(true, false, null);
        CollectingSink sink = new CollectingSink() {
            @Override
            public void onTick(MarketTick tick) {
                super.onTick(tick);
                if (ticks().size() == 30) {
                    feed.close();
                }
            }
        };

        feed.run(sink);

        List<MarketTick> ticks = sink.ticks();
        assertThat(ticks).hasSizeGreaterThanOrEqualTo(24);
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).time()).isAfter(ticks.get(i - 1).time());
        }
        assertThat(new HashSet<>(ticks.stream().map(MarketTick::tradeId).toList())).hasSize(ticks.size());
        assertThat(ticks.get(12).time()).as("second pass starts where the first ended").isEqualTo(Instant.parse("2023-03-01T00:04:00Z"));
        assertThat(feed.counters().get("loops")).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void shouldContinueAfterLastPublishedTickWhenResumed() throws Exception {
        CollectingSink first = new CollectingSink();
        feed(false, true, null).run(first);
        MarketTick fifth = first.ticks().get(4);

        CollectingSink second = new CollectingSink();
        feed(false, true, new ResumePoint(fifth.time(), fifth.tradeId(), fifth.price())).run(second);

        assertThat(second.ticks()).isEqualTo(first.ticks().subList(5, 12));
    }
}
