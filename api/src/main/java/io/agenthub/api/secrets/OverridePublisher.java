package io.agenthub.api.secrets;

import io.agenthub.api.web.UnavailableException;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.ids.UserId;
import io.agenthub.schemas.events.AgentCredentials;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.secrets.SecretCipher;
import io.agenthub.secrets.SecretOverrides;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries a request's {@code X-Secret-*} overrides to the services that resolve secrets (the gateway's HashKey keys,
 * the supervisor's LLM keys): sealed one by one under the master key onto {@code agents.credentials}, keyed by the
 * agent. They go straight to Kafka, never through the outbox, so no table ever holds them, sealed or not; they are
 * sent, and acknowledged, before the agent's configuration commits, so a service has them before the agent's first
 * order or request. The agent's tombstone ({@link #end}) ends them once it is deleted.
 */
public final class OverridePublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OverridePublisher.class);
    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, AgentCredentials> topic;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Duration timeout;

    /** @param timeout how long a request waits for Kafka to take its overrides before it is refused (503) */
    public OverridePublisher(String bootstrapServers, String clientId, Topic<String, AgentCredentials> topic, SecretCipher cipher, Clock clock,
                             Duration timeout) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() / 2,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.cipher = cipher;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Sends the overrides and waits until Kafka has them, replacing those an earlier request left for the agent; a
     * request that gave none sends nothing (the agent keeps what it had).
     *
     * @return whether anything was sent
     * @throws UnavailableException when Kafka does not take them in time (the request then changes nothing)
     */
    public boolean publish(UUID ownerId, String agentId, long revision, Map<String, String> overrides, UUID causationId) {
        if (overrides.isEmpty()) {
            return false;
        }
        AgentCredentials credentials = SecretOverrides.seal(cipher, UserId.of(ownerId), AgentId.of(agentId), revision, overrides, clock.instant(),
                causationId == null ? null : causationId.toString());
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), credentials);
        try {
            producer.send(new ProducerRecord<>(topic.name(), agentId, value)).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            log.info("agent {}: the request's overrides of {} sent sealed to the services", agentId, overrides.keySet());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while handing the request's secret overrides to the services", 5);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new UnavailableException("the request's secret overrides (X-Secret-*) cannot reach the services now (Kafka: "
                    + (e instanceof ExecutionException ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName())
                    + "); nothing was changed, try again", 5);
        }
    }

    /** Ends the agent's overrides (a tombstone: the services drop them, compaction removes the sealed record). */
    public void end(String agentId) {
        producer.send(new ProducerRecord<>(topic.name(), agentId, null), (metadata, e) -> {
            if (e != null) {
                log.warn("agent {}: the tombstone ending its overrides was not sent ({}); the sealed record stays on the topic",
                        agentId, e.getClass().getSimpleName());
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
