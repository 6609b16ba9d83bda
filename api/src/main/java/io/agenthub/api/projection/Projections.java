package io.agenthub.api.projection;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every projection on a spring-kafka listener container of its own (one consumer group per projection, reading
 * committed records from the start), started with the application and stopped with it.
 */
public final class Projections implements SmartLifecycle {

    private final List<KafkaMessageListenerContainer<byte[], byte[]>> containers = new ArrayList<>();
    private volatile boolean running;

    public Projections(String bootstrapServers, String groupPrefix, List<Projection<?>> projections) {
        for (Projection<?> projection : projections) {
            Map<String, Object> consumer = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "-" + projection.name(),
                    ConsumerConfig.CLIENT_ID_CONFIG, groupPrefix + "-" + projection.name(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            ContainerProperties properties = new ContainerProperties(projection.topic().name());
            properties.setMessageListener(projection);
            properties.setPollTimeout(500);
            KafkaMessageListenerContainer<byte[], byte[]> container = new KafkaMessageListenerContainer<>(
                    new DefaultKafkaConsumerFactory<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()), properties);
            container.setBeanName("projection-" + projection.name());
            // a failure to apply (PostgreSQL away) is retried every second, never skipped: nothing is lost
            container.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
            containers.add(container);
        }
    }

    @Override
    public void start() {
        containers.forEach(KafkaMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(KafkaMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
