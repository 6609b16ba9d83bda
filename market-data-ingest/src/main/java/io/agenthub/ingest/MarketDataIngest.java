package io.agenthub.ingest;

import io.agenthub.core.market.BarBuilder;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.Timeframe;
import io.agenthub.ingest.bars.BarTopology;
import io.agenthub.ingest.config.IngestProperties;
import io.agenthub.ingest.feed.MarketFeed;
import io.agenthub.ingest.publish.KafkaTickPublisher;
import io.agenthub.ingest.publish.LastPublished;
import io.agenthub.kafka.streams.StreamsSettings;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The market-data-ingest service: a feed publishing ticks and watermarks, and the Kafka Streams application that
 * builds bars from them. Either half can run alone (a feed-only replica, or {@code bars.enabled=false}).
 */
public final class MarketDataIngest implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MarketDataIngest.class);

    private final MarketFeed feed;
    private final KafkaTickPublisher publisher;
    private final KafkaStreams bars;
    private final Thread feedThread;
    private final CountDownLatch feedDone = new CountDownLatch(1);
    private volatile Throwable feedFailure;

    private MarketDataIngest(MarketFeed feed, KafkaTickPublisher publisher, KafkaStreams bars) {
        this.feed = feed;
        this.publisher = publisher;
        this.bars = bars;
        this.feedThread = Thread.ofPlatform().name("feed-" + feed.source()).daemon(false).unstarted(this::runFeed);
    }

    /** Starts the bar builder (if enabled) and then the feed. */
    public static MarketDataIngest start(IngestProperties props, Clock clock) {
        Instruments instruments = Instruments.defaults();
        Topics topics = props.kafka().topicPrefix().isEmpty() ? Topics.standard() : Topics.withPrefix(props.kafka().topicPrefix());
        KafkaStreams bars = null;
        if (props.bars().enabled()) {
            List<Timeframe> timeframes = props.bars().timeframes().stream().map(Timeframe::parse).toList();
            BarBuilder builder = new BarBuilder(timeframes, props.bars().grace());
            bars = new KafkaStreams(BarTopology.build(topics, builder, instruments), streamsProperties(props));
            bars.setUncaughtExceptionHandler(e -> {
                log.error("bar builder stream thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            bars.start();
        }
        MarketFeed feed = FeedFactory.create(props, instruments, clock, (source, symbol) ->
                LastPublished.find(props.kafka().bootstrapServers(), topics.marketTicks(), symbol, source, Duration.ofSeconds(30)));
        KafkaTickPublisher publisher = new KafkaTickPublisher(props.kafka().bootstrapServers(), topics, feed.source(), clock);
        MarketDataIngest ingest = new MarketDataIngest(feed, publisher, bars);
        log.info("market feed: {}", feed.describe());
        ingest.feedThread.start();
        return ingest;
    }

    static Properties streamsProperties(IngestProperties props) {
        return StreamsSettings.exactlyOnce(props.kafka().applicationId(), props.kafka().bootstrapServers(), props.kafka().stateDir(),
                props.kafka().replicationFactor(), 1, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    private void runFeed() {
        try {
            feed.run(publisher);
            publisher.flush();
            log.info("market feed {} finished: {}", feed.source(), counters());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            feedFailure = e;
            log.error("market feed {} stopped: {}", feed.source(), e.getMessage(), e);
        } finally {
            feedDone.countDown();
        }
    }

    public String feedDescription() {
        return feed.describe();
    }

    public String feedSource() {
        return feed.source();
    }

    /** True once a finite feed (a replay that does not loop) has published everything, or the feed failed. */
    public boolean feedFinished() {
        return feedDone.getCount() == 0;
    }

    public boolean awaitFeed(Duration timeout) throws InterruptedException {
        return feedDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Throwable feedFailure() {
        return feedFailure;
    }

    public KafkaStreams.State barsState() {
        return bars == null ? null : bars.state();
    }

    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>(feed.counters());
        counters.put("published_ticks", publisher.ticksSent());
        counters.put("published_watermarks", publisher.watermarksSent());
        return counters;
    }

    @Override
    public void close() {
        feed.close();
        try {
            feedThread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        if (bars != null) {
            // leave the group, so that a restarted instance gets its partitions at once rather than after the session timeout
            bars.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
        }
    }
}
