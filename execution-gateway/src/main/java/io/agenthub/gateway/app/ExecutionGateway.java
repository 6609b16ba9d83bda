package io.agenthub.gateway.app;

import io.agenthub.core.broker.Venues;
import io.agenthub.core.market.Instruments;
import io.agenthub.gateway.live.HashKeyRoutes;
import io.agenthub.gateway.live.LiveExecutor;
import io.agenthub.gateway.live.LiveVenues;
import io.agenthub.gateway.paper.PaperVenueTopology;
import io.agenthub.kafka.streams.StreamsSettings;
import io.agenthub.kafka.topics.TopicPartitions;
import io.agenthub.schemas.topics.Topics;
import io.agenthub.secrets.OverrideFeed;
import io.agenthub.secrets.SecretOverrides;
import io.agenthub.secrets.SecretResolver;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The execution gateway as a running service: the paper venue in a Kafka Streams application (exactly once) for paper
 * agents, and the live executor for agents in live mode (HashKey Global).
 */
public final class ExecutionGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecutionGateway.class);

    private final KafkaStreams streams;
    private final LiveExecutor live;
    private final OverrideFeed overrides;

    private ExecutionGateway(KafkaStreams streams, LiveExecutor live, OverrideFeed overrides) {
        this.streams = streams;
        this.live = live;
        this.overrides = overrides;
    }

    public static ExecutionGateway start(GatewayProperties props) {
        Topics topics = props.kafka().topicPrefix().isEmpty() ? Topics.standard() : Topics.withPrefix(props.kafka().topicPrefix());
        int partitions = TopicPartitions.count(props.kafka().bootstrapServers(), topics.marketTicks().name(), Duration.ofSeconds(60));
        KafkaStreams streams = new KafkaStreams(PaperVenueTopology.build(topics, Instruments.defaults(), props.paper().venueSettings(),
                        props.paper().priceHistory(), props.paper().balance(), partitions),
                streamsProperties(props));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("paper venue stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        log.info("execution gateway started: paper venue over {} symbol partitions", partitions);
        LiveExecutor live = null;
        OverrideFeed feed = null;
        if (props.live().enabled()) {
            GatewayProperties.Live settings = props.live();
            GatewayProperties.Secrets secrets = settings.secrets();
            SecretOverrides overrides = SecretOverrides.openedWith(secrets.masterKeys());
            // before the executor reads its first intent: an agent started with X-Secret-* keys trades from the start
            feed = OverrideFeed.start(props.kafka().bootstrapServers(), props.kafka().applicationId() + "-overrides",
                    topics.agentsCredentials(), overrides, Duration.ofSeconds(30));
            SecretResolver resolver = SecretResolver.connect(secrets.jdbcUrl(), secrets.username(), secrets.password(), secrets.masterKeys(),
                    System::getenv, Clock.systemUTC()).withOverrides(overrides);
            live = new LiveExecutor(props.kafka().bootstrapServers(), props.kafka().applicationId(), props.kafka().replicationFactor(), topics,
                    settings.executorSettings(), Clock.systemUTC(), sink -> {
                        // the live venues, each by its name in Venues: one line per adapter
                        LiveVenues venues = LiveVenues.open(Map.of(
                                Venues.HASHKEY, hashkey -> new HashKeyRoutes(settings.hashkey(), resolver, Clock.systemUTC(), hashkey)), sink);
                        overrides.onChange(venues::forget);
                        return venues;
                    }).start();
            log.info("live orders go to HashKey Global at {} (keys from {}{})", settings.hashkey().restUrl(),
                    overrides.canOpen() ? "the request that started the agent, then " : "",
                    secrets.jdbcUrl().isBlank() ? "the environment" : "the secret store");
        }
        return new ExecutionGateway(streams, live, feed);
    }

    static Properties streamsProperties(GatewayProperties props) {
        return StreamsSettings.exactlyOnce(props.kafka().applicationId(), props.kafka().bootstrapServers(), props.kafka().stateDir(),
                props.kafka().replicationFactor(), 1, props.commitInterval(), props.pollInterval());
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The live executor, or null when live orders are disabled. */
    public LiveExecutor live() {
        return live;
    }

    @Override
    public void close() {
        if (live != null) {
            live.close();
        }
        if (overrides != null) {
            overrides.close();
        }
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    }
}
