package io.agenthub.gateway.live;

import io.agenthub.core.trading.ClientOrderId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * The live executor's memory, on a compacted topic of its own: every live order it was asked to place
 * ({@code o:<clientOrderId>}) and every live agent's ledger ({@code a:<agentId>}). Written only inside the executor's
 * transactions, read back whole (committed records only) when it starts. Settled orders older than a week are
 * removed (tombstones) when it starts.
 */
final class LiveJournal {

    static final Duration KEEP_SETTLED = Duration.ofDays(7);

    private final String topic;
    private final Map<ClientOrderId, LiveOrder> orders = new HashMap<>();
    private final Map<String, LiveAgent> agents = new HashMap<>();

    LiveJournal(String topic) {
        this.topic = topic;
    }

    /** Creates the journal's topic (one compacted partition) unless it exists. */
    void provision(String bootstrapServers, int replicationFactor) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"))))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the live journal " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    String topic() {
        return topic;
    }

    /** Reads the topic to its end; returns tombstones for settled orders too old to keep. */
    List<ProducerRecord<String, byte[]>> load(String bootstrapServers, long now) {
        orders.clear();
        agents.clear();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record.key(), record.value());
                }
            }
        }
        List<ProducerRecord<String, byte[]>> tombstones = new ArrayList<>();
        orders.values().removeIf(o -> {
            boolean old = o.isSettled() && now - o.updatedAt > KEEP_SETTLED.toMillis();
            if (old) {
                tombstones.add(new ProducerRecord<>(topic, "o:" + o.clientOrderId.value(), null));
            }
            return old;
        });
        return tombstones;
    }

    private void apply(String key, byte[] value) {
        if (key.startsWith("o:")) {
            ClientOrderId id = new ClientOrderId(key.substring(2));
            if (value == null) {
                orders.remove(id);
            } else {
                orders.put(id, read(value, LiveOrder::read));
            }
        } else if (key.startsWith("a:")) {
            String id = key.substring(2);
            if (value == null) {
                agents.remove(id);
            } else {
                agents.put(id, read(value, LiveAgent::read));
            }
        }
    }

    LiveOrder order(ClientOrderId id) {
        return orders.get(id);
    }

    void add(LiveOrder order) {
        orders.put(order.clientOrderId, order);
    }

    Collection<LiveOrder> orders() {
        return orders.values();
    }

    List<LiveOrder> unsettled(String agentId) {
        return orders.values().stream().filter(o -> !o.isSettled() && o.agentId.equals(agentId)).toList();
    }

    LiveAgent agent(String agentId) {
        return agents.computeIfAbsent(agentId, LiveAgent::new);
    }

    LiveAgent findAgent(String agentId) {
        return agents.get(agentId);
    }

    /** The agent whose ids a client order id is of, or null. */
    LiveAgent ownerOf(ClientOrderId id) {
        for (LiveAgent agent : agents.values()) {
            if (agent.owns(id)) {
                return agent;
            }
        }
        return null;
    }

    Collection<LiveAgent> agents() {
        return agents.values();
    }

    ProducerRecord<String, byte[]> record(LiveOrder order) {
        return new ProducerRecord<>(topic, "o:" + order.clientOrderId.value(), bytes(order::write));
    }

    ProducerRecord<String, byte[]> record(LiveAgent agent) {
        return new ProducerRecord<>(topic, "a:" + agent.agentId, bytes(agent::write));
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] bytes(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] value, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable live journal record", e);
        }
    }
}
