package io.agenthub.gateway.app;

import io.agenthub.core.market.Instruments;
import io.agenthub.gateway.paper.PaperVenueTopology;
import io.agenthub.schemas.topics.TopicPartitions;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
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
        KafkaStreams streams = new KafkaStreams(PaperVenueTopology.build(topics, Instruments.defaults(), props.paperBalance(), partitions),
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
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, props.kafka().applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, props.kafka().bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, props.kafka().stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, props.kafka().replicationFactor());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) props.commitInterval().toMillis());
        p.put(StreamsConfig.POLL_MS_CONFIG, props.pollInterval().toMillis());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        return p;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    }
}
