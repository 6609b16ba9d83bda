package io.agenthub.api.runtime;

import io.agenthub.api.agents.Agents;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** What the runtime observed about an agent's container, on {@code agents.status} as reporter {@code runtime}. */
public final class StatusReports implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, AgentStatus> topic;
    private final Clock clock;

    public StatusReports(String bootstrapServers, Topics topics, Clock clock) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "agenthub-api-runtime", ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        this.topic = topics.agentsStatus();
        this.clock = clock;
    }

    /** The agent is in {@code error} for {@code reason}, as observed by the runtime. */
    public void error(Agents.Agent agent, String reason, String containerId) {
        AgentStatus status = AgentStatus.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setEventTime(clock.instant()).setCausationId(null)
                .setAgentId(agent.id()).setStatus(AgentState.ERROR).setReason(reason).setConfigRevision(agent.revision())
                .setReporter("runtime").setInstanceId(containerId == null ? null : containerId.substring(0, Math.min(12, containerId.length())))
                .build();
        producer.send(new ProducerRecord<>(topic.name(), agent.id(), topic.valueSerde().serializer().serialize(topic.name(), status)));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
