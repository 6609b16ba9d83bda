package io.agenthub.processor.app;

import io.agenthub.core.agent.AgentSettings;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.kafka.streams.StreamsSettings;
import io.agenthub.kafka.topics.TopicPartitions;
import io.agenthub.processor.AgentTopology;
import io.agenthub.processor.Hosting;
import io.agenthub.processor.ProcessorSettings;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The agent processor as a running service, in the shape it was told (the shared pool, or dedicated to one agent): two
 * Kafka Streams applications of {@link AgentTopology}, the fan-out (at least once, {@code <application id>-fanout})
 * copying ticks to {@code <application id>-market-fanout}, which it creates with the agent key space's partitions, and
 * the agents (exactly once) on those copies.
 */
public final class AgentProcessor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentProcessor.class);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

    private final KafkaStreams fanout;
    private final KafkaStreams streams;

    private AgentProcessor(KafkaStreams fanout, KafkaStreams streams) {
        this.fanout = fanout;
        this.streams = streams;
    }

    public static AgentProcessor start(ProcessorProperties props) {
        Topics topics = props.kafka().topicPrefix().isEmpty() ? Topics.standard() : Topics.withPrefix(props.kafka().topicPrefix());
        Hosting hosting = props.dedicatedAgentId().isEmpty() ? Hosting.sharedPool() : Hosting.dedicatedTo(props.dedicatedAgentId());
        ProcessorSettings settings = new ProcessorSettings(Instruments.defaults(), StrategyCatalog.builtIn(),
                AgentSettings.RiskDefaults.standard(), props.initialEquity(), props.contextBars(), props.tickLines(), instanceId(props),
                props.heldEvents(), props.history());
        int partitions = TopicPartitions.count(props.kafka().bootstrapServers(), topics.agentsConfig().name(), TOPIC_WAIT);
        String applicationId = props.kafka().applicationId() + hosting.applicationSuffix();
        String copies = AgentTopology.fanoutTopic(applicationId);
        provisionFanout(props, copies, partitions);
        KafkaStreams fanout = new KafkaStreams(AgentTopology.fanout(topics, settings, hosting, copies), fanoutProperties(props, hosting));
        KafkaStreams streams = new KafkaStreams(AgentTopology.build(topics, settings, hosting, copies), streamsProperties(props, hosting));
        for (KafkaStreams app : List.of(fanout, streams)) {
            app.setUncaughtExceptionHandler(e -> {
                log.error("agent processor stream thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        }
        streams.start();
        fanout.start();
        log.info("agent processor started: {}, {} agent partitions, {} threads", hosting.dedicated()
                ? "dedicated to agent " + hosting.dedicatedAgentId() : "shared pool", partitions, props.threads());
        return new AgentProcessor(fanout, streams);
    }

    /**
     * The fan-out's copies, one partition per partition of the agent key space (the agent tasks read them with the
     * agent topics, so the counts must match), each holding at most {@code fanoutRetention} of them. Retention is by
     * size: the copies keep their ticks' timestamps, which a replay of history sets in the past.
     */
    private static void provisionFanout(ProcessorProperties props, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, props.kafka().bootstrapServers()))) {
            try {
                long bytes = props.fanoutRetention().toBytes();
                admin.createTopics(List.of(new NewTopic(topic, partitions, props.kafka().replicationFactor().shortValue()).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(bytes),
                        TopicConfig.SEGMENT_BYTES_CONFIG, Long.toString(Math.max(1024 * 1024, Math.min(bytes / 4, 64L * 1024 * 1024)))))))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the fan-out topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
                }
                // another replica may be creating it right now: its partitions are known once it is
                int existing = TopicPartitions.count(props.kafka().bootstrapServers(), topic, TOPIC_WAIT);
                if (existing != partitions) {
                    throw new IllegalStateException("the fan-out topic " + topic + " has " + existing + " partitions and the agent topics "
                            + partitions + "; delete it (it holds only copies of market.ticks) and start again");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka about " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The fan-out's settings: at least once (its duplicates are dropped by the agent tasks), each copy sent at once,
     * its offsets committed every second (what a restart sends again).
     */
    static Properties fanoutProperties(ProcessorProperties props, Hosting hosting) {
        Properties p = StreamsSettings.exactlyOnce(props.kafka().applicationId() + hosting.applicationSuffix() + "-fanout",
                props.kafka().bootstrapServers(), props.kafka().stateDir(), props.kafka().replicationFactor(), 1, Duration.ofSeconds(1),
                props.pollInterval());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), true);
        return p;
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

    /** The agents' state, unless the fan-out that feeds them ticks is not running: then the fan-out's. */
    public KafkaStreams.State state() {
        KafkaStreams.State copying = fanout.state();
        return copying == KafkaStreams.State.RUNNING ? streams.state() : copying;
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
        fanout.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
        streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    }
}
