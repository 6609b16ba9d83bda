package io.agenthub.gateway.live;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.Venues;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Live orders: the {@code orders.intents} of agents in live mode, placed at the venue account their owner's
 * credentials open ({@link LiveRoutes}), with every outcome on {@code orders.executions}. Idempotent and reconciled:
 * <ul>
 *   <li><b>Never twice.</b> An order is written to the journal ({@link LiveJournal}, committed) before it is sent, and
 *   its outcome, reports and the intent's offset are committed together after. An intent seen again (after a crash
 *   between the two) is not sent: the venue is asked for its client order id first. An unknown outcome (5xx, timeout,
 *   reset, 429) is asked about until the venue knows the order, or for {@code unknown-patience}; an order it never
 *   confirms is reported rejected ({@code ORDER_LOST}), never sent again.</li>
 *   <li><b>No fill lost or doubled.</b> Fills come from the venue's order stream and, after a gap (a reconnect, a
 *   restart, a sweep every {@code sweep}), from its REST fills; each order's cumulative quantity decides what is new.</li>
 *   <li><b>Reconciled before trading.</b> Before an agent's first order after a start or a lifted halt, its unsettled
 *   orders are resolved, the venue's open orders under its ids must all be known, and the account's position must
 *   equal what the fills of the agents sharing it add up to. What cannot be explained halts the agent: a report with
 *   {@code halt} puts it in {@code error}, and the gateway sends nothing for it until its owner starts it again.</li>
 *   <li>An entry decided more than {@code max-entry-age} ago is not sent ({@code STALE}); a reduce-only order always
 *   is. A venue that banned us (418) halts its live agents.</li>
 * </ul>
 * One thread does all of it; a failure of Kafka restarts it from the journal. One instance is active at a time (its
 * transactional id fences any other). This class is the Kafka session and its loop; an intent is handled by
 * {@link LiveIntents}, an order at the venue by {@link LiveOrders} (which alone sends one, after the journal), the
 * protective stops by {@link LiveGuards}, what one transaction writes by {@link LiveTransaction}.
 */
public final class LiveExecutor implements AutoCloseable {

    /**
     * How the executor behaves; see {@link io.agenthub.gateway.app.GatewayProperties.Live}.
     *
     * @param protectiveStops whether a live perpetual position is guarded at the venue by stop orders at the agent's
     *                        stop-loss and take-profit (kept in step with its levels; the fill of one cancels the
     *                        other), so that it is closed even while the hub is down
     */
    public record Settings(Duration maxEntryAge, Duration unknownPatience, Duration unknownRetry, Duration sweep, Duration poll,
                           boolean protectiveStops) {
    }

    private static final Logger log = LoggerFactory.getLogger(LiveExecutor.class);

    private final String bootstrapServers;
    private final String applicationId;
    private final int replicationFactor;
    private final Topics topics;
    private final Settings settings;
    private final Clock clock;
    private final LiveJournal journal;
    private final LiveRoutes routes;
    private final ConcurrentLinkedQueue<OrderUpdate> updates = new ConcurrentLinkedQueue<>();
    private final LiveTransaction unit;
    private final LiveHalts halts;
    private final LiveOrders orders;
    private final LiveGuards guards;
    private final LiveIntents intake;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean ready;

    // owned by the executor thread
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<byte[], byte[]> intents;
    private KafkaConsumer<byte[], byte[]> configs;

    public LiveExecutor(String bootstrapServers, String applicationId, int replicationFactor, Topics topics, Settings settings, Clock clock,
                        Function<java.util.function.Consumer<OrderUpdate>, LiveRoutes> routes) {
        this.bootstrapServers = bootstrapServers;
        this.applicationId = applicationId;
        this.replicationFactor = replicationFactor;
        this.topics = topics;
        this.settings = settings;
        this.clock = clock;
        this.journal = new LiveJournal(topics.prefix() + applicationId + "-live-journal");
        this.routes = routes.apply(updates::add);
        this.unit = new LiveTransaction(journal, topics.ordersExecutions());
        this.halts = new LiveHalts(journal, unit, clock);
        this.orders = new LiveOrders(journal, this.routes, unit, halts, settings, clock, updates, (agent, order) -> guards().onFill(agent, order));
        this.guards = new LiveGuards(journal, this.routes, unit, orders, clock);
        this.intake = new LiveIntents(journal, this.routes, unit, halts, orders, guards, new LiveReconciler(journal, this.routes, orders, halts),
                settings, clock);
        this.thread = new Thread(this::run, "live-executor");
        this.thread.setDaemon(true);
    }

    private LiveGuards guards() {
        return guards;
    }

    public LiveExecutor start() {
        thread.start();
        return this;
    }

    /** Whether it has read its journal and reconciled what was open, and takes intents. */
    public boolean ready() {
        return ready;
    }

    public String journalTopic() {
        return journal.topic();
    }

    // ---------------------------------------------------------------- the loop

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            try {
                session();
            } catch (Exception e) {
                if (closed) {
                    break;
                }
                log.error("live executor failed; starting again from its journal in {} s", backoff.toSeconds(), e);
                ready = false;
                closeClients();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
        closeClients();
    }

    private void session() {
        journal.provision(bootstrapServers, replicationFactor);
        producer = LiveTransaction.producer(bootstrapServers, applicationId + "-live-executor");
        producer.initTransactions();
        unit.open(producer, () -> intents.groupMetadata());
        List<ProducerRecord<String, byte[]>> tombstones = journal.load(bootstrapServers, clock.millis());
        tombstones.forEach(unit::send);
        configs = new KafkaConsumer<>(consumerProps(null), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> configPartitions = configs.partitionsFor(topics.agentsConfig().name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        configs.assign(configPartitions);
        configs.seekToBeginning(configPartitions);
        Map<TopicPartition, Long> end = configs.endOffsets(configPartitions);
        while (configPartitions.stream().anyMatch(p -> configs.position(p) < end.get(p))) {
            readConfigs(configs.poll(Duration.ofMillis(200)));
        }
        // what was in flight when the last run stopped is settled before anything new is sent
        for (LiveOrder order : List.copyOf(journal.orders())) {
            if (!order.isSettled()) {
                orders.resolve(order);
            }
        }
        unit.commit(null);
        intents = new KafkaConsumer<>(consumerProps(applicationId + "-live"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        intents.subscribe(settings.protectiveStops() ? List.of(topics.ordersIntents().name(), topics.positionsEvents().name())
                : List.of(topics.ordersIntents().name()));
        ready = true;
        log.info("live executor ready: {} live agents, {} unsettled orders", journal.agents().size(),
                journal.orders().stream().filter(o -> !o.isSettled()).count());
        while (!closed) {
            readConfigs(configs.poll(Duration.ZERO));
            ConsumerRecords<byte[], byte[]> records = intents.poll(settings.poll());
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                if (record.topic().equals(topics.positionsEvents().name())) {
                    PositionEvent position = parse(topics.positionsEvents(), record);
                    if (position != null && guards.onPosition(position)) {
                        unit.commit(offsets);
                        offsets.clear();
                    }
                    continue;
                }
                OrderIntent intent = parse(topics.ordersIntents(), record);
                if (intent != null && Venues.isLive(Venues.of(intent.getVenue(), intent.getLiveMode()))) {
                    intake.onIntent(intent, offsets);
                    offsets.clear();
                }
            }
            if (!offsets.isEmpty()) {
                unit.commit(offsets);
            }
            orders.drainUpdates();
            orders.maintain();
            unit.commit(null);
        }
    }

    private Properties consumerProps(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return props;
    }

    private static <V> V parse(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
        try {
            return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        } catch (RuntimeException e) {
            // the paper venue dead-letters what does not parse; here it is only not a live order
            log.debug("{}-{}@{} is not readable: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    // ---------------------------------------------------------------- configurations

    private void readConfigs(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            AgentConfig config = parse(topics.agentsConfig(), record);
            if (config == null) {
                continue;
            }
            if (AgentId.parse(config.getAgentId()).isEmpty()) {
                log.warn("{}-{}@{}: '{}' is not an agent id (1-64 letters, digits and _ . : -); skipped", record.topic(),
                        record.partition(), record.offset(), config.getAgentId());
                continue;
            }
            LiveAgent agent = journal.findAgent(config.getAgentId());
            if (agent == null && !Venues.isLive(Venues.of(config.getVenue(), config.getLiveMode()))) {
                continue;
            }
            agent = journal.agent(config.getAgentId());
            String lifted = agent.configure(config);
            if (lifted != null) {
                log.info("agent {}: started again by its owner (revision {}); the halt ({}) is lifted, it is reconciled before it trades",
                        agent.agentId, agent.revision, lifted);
                unit.journal(agent);
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClients() {
        for (AutoCloseable client : new AutoCloseable[] {intents, configs, producer}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    log.debug("closing a Kafka client: {}", e.toString());
                }
            }
        }
        intents = null;
        configs = null;
        producer = null;
    }

    @Override
    public void close() {
        closed = true;
        if (intents != null) {
            intents.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        routes.close();
    }
}
