package io.agenthub.processor.app;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.processor.AgentSettings;
import io.agenthub.processor.AgentTopology;
import io.agenthub.processor.Hosting;
import io.agenthub.processor.ProcessorSettings;
import io.agenthub.schemas.streams.StreamsSettings;
import io.agenthub.schemas.topics.TopicPartitions;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;

/**
 * The agent processor as a running service: the {@link AgentTopology} in a Kafka Streams application, exactly once,
 * in the shape it was told (the shared pool, or dedicated to one agent).
 */
public final class AgentProcessor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentProcessor.class);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

    private final KafkaStreams streams;

    private AgentProcessor(KafkaStreams streams) {
        this.streams = streams;
    }

    public static AgentProcessor start(ProcessorProperties props) {
        Topics topics = props.kafka().topicPrefix().isEmpty() ? Topics.standard() : Topics.withPrefix(props.kafka().topicPrefix());
        Hosting hosting = props.dedicatedAgentId().isEmpty() ? Hosting.sharedPool() : Hosting.dedicatedTo(props.dedicatedAgentId());
        ProcessorSettings settings = new ProcessorSettings(Instruments.defaults(), StrategyCatalog.builtIn(),
                AgentSettings.RiskDefaults.standard(), props.initialEquity(), props.contextBars(), props.tickLogEvery(), instanceId(props),
                props.heldEvents());
        int partitions = TopicPartitions.count(props.kafka().bootstrapServers(), topics.agentsConfig().name(), TOPIC_WAIT);
        KafkaStreams streams = new KafkaStreams(AgentTopology.build(topics, settings, hosting, partitions), streamsProperties(props, hosting));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("agent processor stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        log.info("agent processor started: {}, {} agent partitions, {} threads", hosting.dedicated()
                ? "dedicated to agent " + hosting.dedicatedAgentId() : "shared pool", partitions, props.threads());
        return new AgentProcessor(streams);
    }

    static Properties streamsProperties(ProcessorProperties props, Hosting hosting) {
        Properties p = StreamsSettings.exactlyOnce(props.kafka().applicationId() + hosting.applicationSuffix(), props.kafka().bootstrapServers(),
                props.kafka().stateDir(), props.kafka().replicationFactor(), props.threads(), props.commitInterval(), props.pollInterval());
        p.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 10_000);
        return p;
    }

    private static String instanceId(ProcessorProperties props) {
        if (!props.instanceId().isEmpty()) {
            return props.instanceId();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "agent-processor";
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Agent evaluations (agent × tick or watermark delivered, held ones included) since start, over every task of this instance. */
    public double evaluations() {
        return AgentTopology.total(streams.metrics(), AgentTopology.EVALUATIONS);
    }

    /**
     * Ticks agents stepped through since start, over every task of this instance: a tick an agent held while its order
     * was in flight counts once the agent has stepped through it, after the fill.
     */
    public double ticksStepped() {
        return AgentTopology.total(streams.metrics(), AgentTopology.STEPS);
    }

    @Override
    public void close() {
        // leave the group, so that a restarted instance gets its partitions at once rather than after the session timeout
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    }
}
