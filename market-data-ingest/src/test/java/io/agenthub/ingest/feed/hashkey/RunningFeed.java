package io.agenthub.ingest.feed.hashkey;

import io.agenthub.core.market.MarketTick;
import io.agenthub.ingest.feed.CollectingSink;
import io.agenthub.ingest.feed.hashkey.config.HashKeySettings;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link HashKeyFeed} running on a thread of its own into a {@link CollectingSink}, for tests. */
final class RunningFeed implements AutoCloseable {

    final HashKeyFeed feed;
    final CollectingSink sink = new CollectingSink();
    private final Thread thread;
    private volatile Throwable failure;

    private RunningFeed(HashKeySettings settings) {
        this.feed = new HashKeyFeed(settings);
        this.thread = Thread.ofPlatform().name("test-hashkey-feed").daemon(true).unstarted(() -> {
            try {
                feed.run(sink);
            } catch (Throwable e) {
                failure = e;
            }
        });
    }

    static RunningFeed start(HashKeySettings settings) {
        RunningFeed running = new RunningFeed(settings);
        running.thread.start();
        return running;
    }

    List<MarketTick> ticks() {
        return sink.ticks();
    }

    List<String> tradeIds() {
        return ticks().stream().map(MarketTick::tradeId).toList();
    }

    Map<String, Long> counters() {
        return feed.counters();
    }

    /** Closes the feed and checks that {@code run} returned promptly and without failure. */
    void stop() throws InterruptedException {
        feed.close();
        thread.join(Duration.ofSeconds(2));
        assertThat(thread.isAlive()).as("feed thread still running 2 s after close()").isFalse();
        assertThat(failure).as("feed failure").isNull();
    }

    @Override
    public void close() {
        feed.close();
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
