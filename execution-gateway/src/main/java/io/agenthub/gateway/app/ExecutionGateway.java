package io.agenthub.gateway.app;

import io.agenthub.core.market.Instruments;
import io.agenthub.gateway.paper.PaperVenueTopology;
import io.agenthub.schemas.streams.StreamsSettings;
import io.agenthub.schemas.topics.TopicPartitions;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;

/** The execution gateway as a running service: the paper venue in a Kafka Streams application, exactly once. */
public final class ExecutionGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecutionGateway.class);

    private final KafkaStreams streams;

    private ExecutionGateway(KafkaStreams streams) {
        this.streams = streams;
    }

    public static ExecutionGateway start(GatewayProperties props) {
        Topics topics = props.kafka().topicPrefix().isEmpty() ? Topics.standard() : Topics.withPrefix(props.kafka().topicPrefix());
        int partitions = TopicPartitions.count(props.kafka().bootstrapServers(), topics.marketTicks().name(), Duration.ofSeconds(60));
        KafkaStreams streams = new KafkaStreams(PaperVenueTopology.build(topics, Instruments.defaults(), props.paper().venueSettings(),
                        props.paper().balance(), partitions),
                streamsProperties(props));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("paper venue stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        log.info("execution gateway started: paper venue over {} symbol partitions", partitions);
        return new ExecutionGateway(streams);
    }

    static Properties streamsProperties(GatewayProperties props) {
        return StreamsSettings.exactlyOnce(props.kafka().applicationId(), props.kafka().bootstrapServers(), props.kafka().stateDir(),
                props.kafka().replicationFactor(), 1, props.commitInterval(), props.pollInterval());
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    }
}
