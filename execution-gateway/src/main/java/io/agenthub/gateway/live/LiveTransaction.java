package io.agenthub.gateway.live;

import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * What one Kafka transaction of the live executor writes: the latest journal state of the orders and agents that
 * changed, the execution reports, and the offsets of the intents and position events that caused them. Nothing
 * reaches Kafka until {@link #commit}; a run that fails before loses only what it had not committed, and starts again
 * from the journal.
 */
final class LiveTransaction {

    private final LiveJournal journal;
    private final Topic<String, ExecutionReport> executions;
    private final Map<ClientOrderId, LiveOrder> orders = new LinkedHashMap<>();
    private final Map<String, LiveAgent> agents = new LinkedHashMap<>();
    private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    private KafkaProducer<String, byte[]> producer;
    private Supplier<ConsumerGroupMetadata> group;

    LiveTransaction(LiveJournal journal, Topic<String, ExecutionReport> executions) {
        this.journal = journal;
        this.executions = executions;
    }

    /** The executor's transactional producer: one instance active at a time, its transactional id fencing any other. */
    static KafkaProducer<String, byte[]> producer(String bootstrapServers, String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** The transactional producer of this run, and the consumer group whose offsets it commits. */
    void open(KafkaProducer<String, byte[]> producer, Supplier<ConsumerGroupMetadata> group) {
        this.producer = producer;
        this.group = group;
        records.clear();
        orders.clear();
        agents.clear();
    }

    void journal(LiveOrder order) {
        orders.put(order.clientOrderId, order);
    }

    void journal(LiveAgent agent) {
        agents.put(agent.agentId, agent);
    }

    void report(ExecutionReport report) {
        records.add(new ProducerRecord<>(executions.name(), report.getAgentId(),
                executions.valueSerde().serializer().serialize(executions.name(), report)));
    }

    void send(ProducerRecord<String, byte[]> record) {
        records.add(record);
    }

    /** Commits what was gathered with {@code offsets}, if any. */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (records.isEmpty() && orders.isEmpty() && agents.isEmpty() && (offsets == null || offsets.isEmpty())) {
            return;
        }
        producer.beginTransaction();
        orders.values().forEach(o -> producer.send(journal.record(o)));
        agents.values().forEach(a -> producer.send(journal.record(a)));
        records.forEach(producer::send);
        if (offsets != null && !offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, group.get());
        }
        producer.commitTransaction();
        records.clear();
        orders.clear();
        agents.clear();
    }
}
