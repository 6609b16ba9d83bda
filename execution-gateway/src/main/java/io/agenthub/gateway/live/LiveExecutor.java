package io.agenthub.gateway.live;

import io.agenthub.core.broker.Broker;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.DesiredState;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.orders.OrderEvents;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
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
 * transactional id fences any other).
 */
public final class LiveExecutor implements AutoCloseable {

    /** How the executor behaves; see {@link io.agenthub.gateway.app.GatewayProperties.Live}. */
    /**
     * @param protectiveStops whether a live perpetual position is guarded at the venue by stop orders at the agent's
     *                        stop-loss and take-profit (kept in step with its levels; the fill of one cancels the
     *                        other), so that it is closed even while the hub is down
     */
    public record Settings(Duration maxEntryAge, Duration unknownPatience, Duration unknownRetry, Duration sweep, Duration poll,
                           boolean protectiveStops) {
    }

    private static final Logger log = LoggerFactory.getLogger(LiveExecutor.class);
    private static final Set<String> HALTING = Set.of("LEVERAGE_ABOVE_VENUE_CAP", "CREDENTIALS_MISSING", "VENUE_BANNED", "RECONCILIATION_FAILED",
            "LEVERAGE_ON_SPOT");

    private final String bootstrapServers;
    private final String applicationId;
    private final int replicationFactor;
    private final Topics topics;
    private final Settings settings;
    private final Clock clock;
    private final LiveJournal journal;
    private final LiveRoutes routes;
    private final ConcurrentLinkedQueue<OrderUpdate> updates = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean ready;

    // owned by the executor thread
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<byte[], byte[]> intents;
    private KafkaConsumer<byte[], byte[]> configs;
    private final Unit unit = new Unit();
    private long lastSweep;
    private int haltSequence;

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
        this.thread = new Thread(this::run, "live-executor");
        this.thread.setDaemon(true);
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
        provisionJournal();
        producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
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
                resolveOrder(order);
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
                    if (position != null && onPosition(position)) {
                        unit.commit(offsets);
                        offsets.clear();
                    }
                    continue;
                }
                OrderIntent intent = parse(topics.ordersIntents(), record);
                if (intent != null && intent.getLiveMode()) {
                    onIntent(intent, offsets);
                    offsets.clear();
                }
            }
            if (!offsets.isEmpty()) {
                unit.commit(offsets);
            }
            drainUpdates();
            maintain();
            unit.commit(null);
        }
    }

    private void provisionJournal() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(journal.topic(), 1, (short) replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"))))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the live journal " + journal.topic(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, applicationId + "-live-executor");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
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
            LiveAgent agent = journal.findAgent(config.getAgentId());
            if (agent == null && !config.getLiveMode()) {
                continue;
            }
            agent = journal.agent(config.getAgentId());
            if (config.getRevision() < agent.revision) {
                continue;
            }
            agent.revision = config.getRevision();
            agent.ownerId = config.getOwnerId();
            try {
                agent.symbol = Symbol.parse(config.getSymbol());
            } catch (IllegalArgumentException e) {
                agent.symbol = null;
            }
            agent.leverage = config.getRisk().getLeverage();
            agent.allowShort = config.getRisk().getAllowShort();
            agent.running = config.getLiveMode() && config.getDesiredState() == DesiredState.RUNNING;
            if (agent.halted != null && agent.running && agent.revision > agent.haltedAt) {
                log.info("agent {}: started again by its owner (revision {}); the halt ({}) is lifted, it is reconciled before it trades",
                        agent.agentId, agent.revision, agent.halted);
                agent.halted = null;
                agent.reconciled = false;
                unit.journal(agent);
            }
        }
    }

    // ---------------------------------------------------------------- intents

    private void onIntent(OrderIntent intent, Map<TopicPartition, OffsetAndMetadata> offsets) {
        long now = clock.millis();
        LiveAgent agent = journal.agent(intent.getAgentId());
        if (agent.ownerId == null) {
            agent.ownerId = intent.getOwnerId();
        }
        if (agent.symbol == null) {
            agent.symbol = Symbol.parse(intent.getSymbol());
            agent.leverage = Math.max(1, intent.getLeverage());
        }
        OrderCommand command;
        try {
            command = OrderEvents.command(intent);
        } catch (RuntimeException e) {
            LiveOrder refused = new LiveOrder(new ClientOrderId(intent.getClientOrderId()), agent.agentId, intent.getEventId(),
                    agent.symbol, io.agenthub.core.trading.Side.valueOf(intent.getSide().name()), BigDecimal.ONE, intent.getReduceOnly(),
                    intent.getEventTime().toEpochMilli());
            settleRefused(refused, "INVALID_ORDER", e.getMessage(), false, now);
            unit.commit(offsets);
            return;
        }
        LiveOrder seen = journal.order(command.clientOrderId());
        if (seen != null) {
            // asked again for an order already taken: it is never sent twice; what became of it is asked instead
            if (!seen.isSettled()) {
                resolveOrder(seen);
            }
            unit.commit(offsets);
            return;
        }
        LiveOrder order = LiveOrder.of(agent.agentId, command);
        order.updatedAt = now;
        String refusal = refusal(agent, order, command, now);
        if (refusal != null) {
            unit.commit(offsets);
            return;
        }
        LiveRoutes.Routed route = (LiveRoutes.Routed) routes.route(agent);
        agent.perpetual = agent.tradesPerpetual();
        if (command.reduceOnly()) {
            // the agent closes the position itself: the venue's stop orders stand aside first, so none claims it twice
            liftGuards(agent, route);
        }
        // the journal says "about to be sent" before it is: a crash from here on makes the next run ask, not send
        order.state = LiveOrder.State.SUBMITTING;
        journal.add(order);
        unit.journal(order);
        unit.journal(agent);
        unit.commit(null);
        try {
            VenueOrder placed = route.broker().submit(command);
            order.venueOrderId = placed.venueOrderId();
            order.updatedAt = placed.updatedAt();
            adopt(order, placed, route.broker(), false);
        } catch (BrokerException e) {
            switch (e.outcome()) {
                case REFUSED -> {
                    boolean halt = HALTING.contains(e.code());
                    settleRefused(order, e.code() == null ? "REFUSED" : e.code(), e.getMessage(), halt, now);
                    if (halt) {
                        haltAgent(agent, e.code(), e.getMessage());
                    }
                }
                case DUPLICATE -> resolveOrder(order);
                case UNKNOWN -> {
                    log.warn("agent {}: order {} sent with an unknown outcome ({}); the venue is asked before anything else", agent.agentId,
                            order.clientOrderId, e.getMessage());
                    order.state = LiveOrder.State.UNKNOWN;
                    order.unknownSince = now;
                    if (e.banned()) {
                        haltVenue(e.getMessage());
                    } else if (!e.throttled()) {
                        resolveOrder(order);
                    }
                }
            }
        }
        unit.journal(order);
        unit.commit(offsets);
    }

    /**
     * Why an intent is not sent at all (reported and settled here), or null to send it. An agent is reconciled with the
     * venue before its first order.
     */
    private String refusal(LiveAgent agent, LiveOrder order, OrderCommand command, long now) {
        if (agent.halted != null) {
            settleRefused(order, "HALTED", "not sent: the gateway halted this agent (" + agent.halted + ")", true, now);
            return agent.halted;
        }
        if (routes.banned()) {
            haltAgent(agent, "VENUE_BANNED", "HashKey banned this address (HTTP 418): live trading is stopped");
            settleRefused(order, "VENUE_BANNED", "not sent: HashKey banned this address (HTTP 418)", true, now);
            return "banned";
        }
        LiveRoutes.Route route = routes.route(agent);
        if (route instanceof LiveRoutes.Unroutable unroutable) {
            if (unroutable.halt()) {
                haltAgent(agent, unroutable.code(), unroutable.reason());
            }
            settleRefused(order, unroutable.code(), unroutable.reason(), unroutable.halt(), now);
            return unroutable.reason();
        }
        if (!agent.reconciled) {
            reconcile(agent, (LiveRoutes.Routed) route);
            if (agent.halted != null) {
                settleRefused(order, "RECONCILIATION_FAILED", "not sent: " + agent.halted, true, now);
                return agent.halted;
            }
        }
        if (!command.reduceOnly() && now - command.decisionTime() > settings.maxEntryAge().toMillis()) {
            settleRefused(order, "STALE", "not sent: decided " + (now - command.decisionTime()) / 1000 + " s ago, more than the "
                    + settings.maxEntryAge().toSeconds() + " s an entry may wait", false, now);
            return "stale";
        }
        return null;
    }

    private void settleRefused(LiveOrder order, String code, String reason, boolean halt, long now) {
        order.state = order.venueOrderId == null && order.lastReported == null ? LiveOrder.State.LOST : LiveOrder.State.DONE;
        order.updatedAt = now;
        journal.add(order);
        unit.report(LiveReports.rejected(order, LiveReports.VENUE, code, reason, halt, now));
        unit.journal(order);
    }

    // ---------------------------------------------------------------- what the venue says

    /** Asks the venue what became of an order whose outcome the gateway does not know, or whose fills it may have missed. */
    private void resolveOrder(LiveOrder order) {
        LiveAgent agent = journal.agent(order.agentId);
        LiveRoutes.Route route = routes.route(agent);
        if (!(route instanceof LiveRoutes.Routed routed)) {
            return;
        }
        long now = clock.millis();
        order.nextCheck = now + settings.unknownRetry().toMillis();
        Optional<VenueOrder> found;
        try {
            found = routed.broker().order(order.symbol, order.clientOrderId);
        } catch (BrokerException e) {
            if (e.banned()) {
                haltVenue(e.getMessage());
            }
            log.info("agent {}: order {} not resolved yet ({})", order.agentId, order.clientOrderId, e.getMessage());
            if (order.state == LiveOrder.State.SUBMITTING) {
                order.state = LiveOrder.State.UNKNOWN;
                order.unknownSince = now;
                unit.journal(order);
            }
            return;
        }
        if (found.isPresent()) {
            adopt(order, found.get(), routed.broker(), true);
            unit.journal(order);
            return;
        }
        switch (order.state) {
            case SUBMITTING, UNKNOWN -> {
                if (order.unknownSince == 0) {
                    order.unknownSince = now;
                    order.state = LiveOrder.State.UNKNOWN;
                } else if (now - order.unknownSince >= settings.unknownPatience().toMillis()) {
                    log.warn("agent {}: order {} never confirmed and not at the venue after {} s: reported lost, not sent again",
                            order.agentId, order.clientOrderId, settings.unknownPatience().toSeconds());
                    settleRefused(order, "ORDER_LOST", "the venue never confirmed this order and does not have it; it is not sent again",
                            false, now);
                    return;
                }
                unit.journal(order);
            }
            case OPEN -> haltAgent(agent, "RECONCILIATION_FAILED", "order " + order.clientOrderId + " was open at the venue and the venue "
                    + "no longer knows it");
            default -> {
            }
        }
    }

    /**
     * The venue's state of an order: fills not yet reported are (from its REST fills when {@code catchUp}), then its
     * status; an order still working is acknowledged once.
     */
    private void adopt(LiveOrder order, VenueOrder venueOrder, Broker broker, boolean catchUp) {
        order.venueOrderId = venueOrder.venueOrderId();
        if (venueOrder.filled().compareTo(order.venueFilled) > 0 && catchUp) {
            catchUpFills(order, venueOrder, broker);
        }
        if (venueOrder.status().isOpen() || venueOrder.filled().compareTo(order.venueFilled) > 0) {
            // working, or done with fills still to come (on the stream, or at the next sweep)
            order.state = LiveOrder.State.OPEN;
            if (order.lastReported == null && venueOrder.status().isOpen()) {
                unit.report(LiveReports.of(order, broker.venue(), venueOrder, null, OrderStatus.NEW));
            }
            return;
        }
        settle(order, venueOrder, broker.venue());
    }

    private void catchUpFills(LiveOrder order, VenueOrder venueOrder, Broker broker) {
        List<Execution> fills = broker.executions(order.symbol, order.decisionTime - 60_000).stream()
                .filter(e -> e.fill().clientOrderId().equals(order.clientOrderId)).toList();
        BigDecimal cumulative = BigDecimal.ZERO;
        for (Execution fill : fills) {
            cumulative = cumulative.add(fill.venueQuantity());
            if (cumulative.compareTo(order.venueFilled) <= 0) {
                continue;
            }
            applyFill(order, venueOrder, fill, broker.venue());
        }
        if (order.venueFilled.compareTo(venueOrder.filled()) < 0) {
            log.info("agent {}: order {} filled {} at the venue, {} reported; the rest is taken at the next sweep", order.agentId,
                    order.clientOrderId, venueOrder.filled().toPlainString(), order.venueFilled.toPlainString());
        }
    }

    private void applyFill(LiveOrder order, VenueOrder venueOrder, Execution fill, String venue) {
        order.venueFilled = order.venueFilled.add(fill.venueQuantity());
        order.booked = order.booked.add(fill.fill().quantity());
        order.updatedAt = fill.fill().time();
        LiveAgent agent = journal.agent(order.agentId);
        agent.position = agent.position.add(fill.fill().quantity().multiply(BigDecimal.valueOf(fill.fill().side().sign())));
        boolean complete = venueOrder.status() == OrderStatus.FILLED && order.venueFilled.compareTo(venueOrder.filled()) >= 0;
        unit.report(LiveReports.of(order, venue, venueOrder, fill, complete ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED));
        unit.journal(agent);
        if (complete) {
            order.state = LiveOrder.State.DONE;
        }
        oneCancelsTheOther(agent, order);
    }

    /** A finished order: its last word reported once (a FILLED without a fill when the fills said less). */
    private void settle(LiveOrder order, VenueOrder venueOrder, String venue) {
        if (order.isSettled()) {
            return;
        }
        ExecutionStatus last = order.lastReported;
        switch (venueOrder.status()) {
            case FILLED -> {
                if (last != ExecutionStatus.FILLED) {
                    unit.report(LiveReports.of(order, venue, venueOrder, null, OrderStatus.FILLED));
                }
            }
            case CANCELLED, REJECTED -> unit.report(LiveReports.of(order, venue, venueOrder, null, venueOrder.status()));
            default -> {
                return;
            }
        }
        order.state = LiveOrder.State.DONE;
        order.updatedAt = Math.max(order.updatedAt, venueOrder.updatedAt());
    }

    private void drainUpdates() {
        for (OrderUpdate update = updates.poll(); update != null; update = updates.poll()) {
            LiveOrder order = journal.order(update.order().clientOrderId());
            if (order == null) {
                LiveAgent owner = ownerOf(update.order().clientOrderId());
                if (owner != null && owner.reconciled) {
                    log.warn("agent {}: the venue reports order {} that this gateway did not place; reconciling", owner.agentId,
                            update.order().clientOrderId());
                    owner.reconciled = false;
                }
                continue;
            }
            if (order.isSettled()) {
                continue;
            }
            LiveAgent agent = journal.agent(order.agentId);
            LiveRoutes.Route route = routes.route(agent);
            if (!(route instanceof LiveRoutes.Routed routed)) {
                continue;
            }
            VenueOrder venueOrder = update.order();
            order.venueOrderId = venueOrder.venueOrderId();
            Execution fill = update.execution();
            if (fill != null && venueOrder.filled().compareTo(order.venueFilled) > 0) {
                if (venueOrder.filled().subtract(order.venueFilled).compareTo(fill.venueQuantity()) == 0) {
                    applyFill(order, venueOrder, fill, routed.broker().venue());
                } else {
                    // the stream skipped a fill: the venue's REST fills say which
                    catchUpFills(order, venueOrder, routed.broker());
                }
            }
            if (!venueOrder.status().isOpen() && venueOrder.filled().compareTo(order.venueFilled) <= 0) {
                settle(order, venueOrder, routed.broker().venue());
            } else if (order.state != LiveOrder.State.DONE) {
                order.state = LiveOrder.State.OPEN;
                if (order.lastReported == null && venueOrder.status().isOpen()) {
                    unit.report(LiveReports.of(order, routed.broker().venue(), venueOrder, null, OrderStatus.NEW));
                }
            }
            unit.journal(order);
        }
    }

    /** Unknown outcomes asked about again, accounts whose stream came back caught up, and a sweep of what is open. */
    private void maintain() {
        long now = clock.millis();
        Set<String> reconnected = routes.reconnected();
        boolean sweep = now - lastSweep >= settings.sweep().toMillis();
        if (sweep) {
            lastSweep = now;
        }
        for (LiveOrder order : List.copyOf(journal.orders())) {
            if (order.isSettled()) {
                continue;
            }
            boolean due = switch (order.state) {
                case SUBMITTING, UNKNOWN -> now >= order.nextCheck;
                default -> sweep || (!reconnected.isEmpty() && reconnected.contains(accountOf(order)));
            };
            if (due) {
                resolveOrder(order);
            }
        }
    }

    private String accountOf(LiveOrder order) {
        LiveRoutes.Route route = routes.route(journal.agent(order.agentId));
        return route instanceof LiveRoutes.Routed routed ? routed.account() : null;
    }

    // ---------------------------------------------------------------- protective stops

    /**
     * A live perpetual position opened, changed or closed: its venue-side stop orders follow the agent's levels, one at
     * the stop-loss and one at the take-profit (a new order replaces the old one when a level or the quantity moves; a
     * closed position takes both away). Each is a reduce-only STOP at market, so neither claims the position until it
     * triggers; the fill of one cancels the other ({@link #applyFill}).
     *
     * @return whether anything was sent or written
     */
    private boolean onPosition(PositionEvent event) {
        LiveAgent agent = journal.findAgent(event.getAgentId());
        if (agent == null || !agent.tradesPerpetual() || agent.halted != null || routes.banned()) {
            return false;
        }
        if (!(routes.route(agent) instanceof LiveRoutes.Routed route)) {
            return false;
        }
        boolean changed = false;
        switch (event.getKind()) {
            case OPENED, CHANGED -> {
                long opened = entrySequence(event.getPositionId());
                if (opened != agent.positionSequence) {
                    agent.positionSequence = opened;
                    agent.nextGuardLeg = 1;
                    changed = true;
                }
                BigDecimal quantity = Decimals.fromWire(event.getQuantity());
                BigDecimal mark = Decimals.fromWire(event.getMarkPrice());
                // each on its own: a target the venue refuses leaves the stop in place, and the other way round
                changed |= keepGuard(agent, agent.stop, route, event, Decimals.fromWire(event.getStopLoss()), quantity, mark);
                changed |= keepGuard(agent, agent.target, route, event, Decimals.fromWire(event.getTakeProfit()), quantity, mark);
            }
            case CLOSED -> changed = liftGuards(agent, route);
        }
        if (changed) {
            unit.journal(agent);
        }
        return changed;
    }

    /**
     * Keeps one guard in step with its level and the position's quantity.
     *
     * @return whether anything was sent or written
     */
    private boolean keepGuard(LiveAgent agent, LiveAgent.Guard guard, LiveRoutes.Routed route, PositionEvent event, BigDecimal level,
                              BigDecimal quantity, BigDecimal mark) {
        try {
            if (level == null || guard.holds(level, quantity)) {
                return level == null && liftGuard(agent, guard, route);
            }
            liftGuard(agent, guard, route);
            boolean belowIsPast = (event.getSide() == io.agenthub.schemas.events.PositionSide.LONG) == (guard == agent.stop);
            if (mark != null && (belowIsPast ? mark.compareTo(level) <= 0 : mark.compareTo(level) >= 0)) {
                // a stop on the far side of the market would wait for the price to come back; the agent exits at its next tick
                log.info("agent {}: the price {} is already past the {} {}; no stop order is placed for it", agent.agentId,
                        mark.toPlainString(), guard.name, level.toPlainString());
                return true;
            }
            placeGuard(agent, guard, route, event, level, quantity);
        } catch (BrokerException e) {
            log.warn("agent {}: the venue's {} stop not kept in step ({}); the agent's own {} still watches the position", agent.agentId,
                    guard.name, e.getMessage(), guard.name);
        }
        return true;
    }

    private void placeGuard(LiveAgent agent, LiveAgent.Guard guard, LiveRoutes.Routed route, PositionEvent event, BigDecimal level,
                            BigDecimal quantity) {
        if (agent.nextGuardLeg > 99) {
            log.warn("agent {}: the position's protective stop orders moved 99 times; the {} is not placed again", agent.agentId, guard.name);
            return;
        }
        ClientOrderId id = ClientOrderId.of(agent.agentId, agent.positionSequence, agent.nextGuardLeg++);
        io.agenthub.core.trading.Side exit = event.getSide() == io.agenthub.schemas.events.PositionSide.LONG
                ? io.agenthub.core.trading.Side.SELL : io.agenthub.core.trading.Side.BUY;
        OrderCommand command = OrderCommand.stopMarket(id, agent.symbol, exit, quantity, level, true, Math.max(1, event.getLeverage()),
                event.getEventTime().toEpochMilli());
        LiveOrder order = LiveOrder.of(agent.agentId, command);
        order.state = LiveOrder.State.SUBMITTING;
        order.updatedAt = clock.millis();
        journal.add(order);
        unit.journal(order);
        unit.journal(agent);
        unit.commit(null);
        try {
            VenueOrder placed = route.broker().submit(command);
            order.venueOrderId = placed.venueOrderId();
            order.state = placed.status().isOpen() ? LiveOrder.State.OPEN : LiveOrder.State.DONE;
            guard.set(id.value(), level, quantity);
            log.info("agent {}: position guarded at the venue by {} stop {} at {}", agent.agentId, guard.name, id, level.toPlainString());
        } catch (BrokerException e) {
            if (e.outcome() == BrokerException.Outcome.REFUSED) {
                order.state = LiveOrder.State.LOST;
            } else {
                order.state = LiveOrder.State.UNKNOWN;
                order.unknownSince = clock.millis();
                guard.set(id.value(), level, quantity);
            }
            unit.journal(order);
            throw e;
        }
        unit.journal(order);
    }

    /** Takes both venue-side stop orders away (before the agent's own exit, or once the position closed). */
    private boolean liftGuards(LiveAgent agent, LiveRoutes.Routed route) {
        boolean stop = liftGuard(agent, agent.stop, route);
        return liftGuard(agent, agent.target, route) || stop;
    }

    /**
     * Cancels a venue-side stop order, if it is still working; what it did before (it triggered) is reported as its
     * fills.
     *
     * @return whether there was one
     */
    private boolean liftGuard(LiveAgent agent, LiveAgent.Guard guard, LiveRoutes.Routed route) {
        if (!guard.isSet()) {
            return false;
        }
        ClientOrderId id = new ClientOrderId(guard.id);
        LiveOrder order = journal.order(id);
        guard.clear();
        unit.journal(agent);
        if (order == null || order.isSettled()) {
            return true;
        }
        try {
            VenueOrder cancelled = route.broker().cancel(agent.symbol, id);
            adopt(order, cancelled, route.broker(), true);
            if (!order.isSettled() && !cancelled.status().isOpen()) {
                settle(order, cancelled, route.broker().venue());
            }
        } catch (BrokerException e) {
            // not open any more (it triggered): its fills come on the stream or at the sweep
            log.info("agent {}: {} stop {} not cancelled ({}); resolving it", agent.agentId, guard.name, id, e.getMessage());
            resolveOrder(order);
        }
        unit.journal(order);
        return true;
    }

    /**
     * One of the position's venue-side stop orders filled: it is done guarding, and the other one is cancelled at once,
     * so that the two never close the position twice.
     */
    private void oneCancelsTheOther(LiveAgent agent, LiveOrder filled) {
        LiveAgent.Guard done = filled.clientOrderId.value().equals(agent.stop.id) ? agent.stop
                : filled.clientOrderId.value().equals(agent.target.id) ? agent.target : null;
        if (done == null) {
            return;
        }
        LiveAgent.Guard other = done == agent.stop ? agent.target : agent.stop;
        done.clear();
        unit.journal(agent);
        if (other.isSet() && routes.route(agent) instanceof LiveRoutes.Routed route) {
            log.info("agent {}: the venue's {} stop {} filled; the {} stop {} is cancelled", agent.agentId, done.name, filled.clientOrderId,
                    other.name, other.id);
            liftGuard(agent, other, route);
        }
    }

    /** The decision sequence of the entry that opened a position: its id is {@code <agent>-p<sequence>}. */
    private static long entrySequence(String positionId) {
        int at = positionId.lastIndexOf("-p");
        try {
            return at < 0 ? 0 : Long.parseLong(positionId.substring(at + 2));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- reconciliation

    /**
     * Reconciles an agent with its venue account before it trades: unsettled orders resolved, no open order under its
     * ids that the journal does not know, and the account's position equal to what the fills of the agents sharing it
     * add up to (on spot: at least their longs; the venue keeps fee dust).
     */
    private void reconcile(LiveAgent agent, LiveRoutes.Routed route) {
        try {
            for (LiveOrder order : journal.unsettled(agent.agentId)) {
                resolveOrder(order);
            }
            if (agent.halted != null) {
                return;
            }
            for (VenueOrder open : route.broker().openOrders(agent.symbol)) {
                if (ownedBy(agent, open.clientOrderId()) && journal.order(open.clientOrderId()) == null) {
                    haltAgent(agent, "RECONCILIATION_FAILED", "the venue holds open order " + open.clientOrderId()
                            + " under this agent's ids that this gateway did not place");
                    return;
                }
            }
            BigDecimal believed = BigDecimal.ZERO;
            Set<String> sharing = new HashSet<>();
            for (LiveAgent other : journal.agents()) {
                if (agent.symbol.equals(other.symbol) && other.position.signum() != 0 && other.tradesPerpetual() == agent.tradesPerpetual()
                        && routes.route(other) instanceof LiveRoutes.Routed r && r.account().equals(route.account())) {
                    believed = believed.add(other.position);
                    sharing.add(other.agentId);
                }
            }
            var account = route.broker().account();
            if (agent.tradesPerpetual()) {
                BigDecimal held = account.positions().stream().filter(p -> p.symbol().equals(agent.symbol))
                        .map(io.agenthub.core.broker.VenuePosition::signedQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (held.compareTo(believed) != 0) {
                    haltAgent(agent, "RECONCILIATION_FAILED", "the venue holds " + held.toPlainString() + " " + agent.symbol.base() + " in "
                            + agent.symbol + " perpetual positions; the reported fills of " + sharing + " add up to " + believed.toPlainString());
                    return;
                }
            } else {
                BigDecimal held = account.balance(agent.symbol.base()).map(io.agenthub.core.broker.Balance::total).orElse(BigDecimal.ZERO);
                if (held.compareTo(believed) < 0 || agent.position.signum() < 0) {
                    haltAgent(agent, "RECONCILIATION_FAILED", "the venue holds " + held.toPlainString() + " " + agent.symbol.base()
                            + "; the reported fills of " + sharing + " add up to " + believed.toPlainString());
                    return;
                }
            }
            agent.reconciled = true;
            log.info("agent {}: reconciled with {} ({} {} held by its fills)", agent.agentId, route.account(), agent.position.toPlainString(),
                    agent.symbol.base());
        } catch (BrokerException e) {
            if (e.banned()) {
                haltVenue(e.getMessage());
            }
            log.warn("agent {}: not reconciled yet ({}); its orders wait", agent.agentId, e.getMessage());
        }
    }

    /** Whether a client order id is of the agent's own {@code <agent>-<sequence>-<leg>} form. */
    private static boolean ownedBy(LiveAgent agent, ClientOrderId id) {
        String value = id.value();
        return value.startsWith(agent.agentId + "-") && value.substring(agent.agentId.length() + 1).matches("\\d+-\\d+");
    }

    private LiveAgent ownerOf(ClientOrderId id) {
        for (LiveAgent agent : journal.agents()) {
            if (ownedBy(agent, id)) {
                return agent;
            }
        }
        return null;
    }

    private void haltAgent(LiveAgent agent, String code, String reason) {
        if (agent.halted != null) {
            return;
        }
        log.error("agent {}: halted, {}: {}", agent.agentId, code, reason);
        agent.halted = code + ": " + reason;
        agent.haltedAt = agent.revision;
        agent.reconciled = false;
        unit.report(LiveReports.halt(agent, LiveReports.VENUE, code, reason, clock.millis(), ++haltSequence));
        unit.journal(agent);
    }

    /** HTTP 418: every live agent halts; nothing is sent until the ban is over and their owners start them again. */
    private void haltVenue(String why) {
        for (LiveAgent agent : journal.agents()) {
            if (agent.running) {
                haltAgent(agent, "VENUE_BANNED", "HashKey banned this address (HTTP 418), all live trading stopped: " + why);
            }
        }
    }

    // ---------------------------------------------------------------- transactions

    /** What one transaction writes: the latest journal state of what changed, reports, and the intents' offsets. */
    private final class Unit {
        private final Map<ClientOrderId, LiveOrder> orders = new LinkedHashMap<>();
        private final Map<String, LiveAgent> agents = new LinkedHashMap<>();
        private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();

        void journal(LiveOrder order) {
            orders.put(order.clientOrderId, order);
        }

        void journal(LiveAgent agent) {
            agents.put(agent.agentId, agent);
        }

        void report(ExecutionReport report) {
            Topic<String, ExecutionReport> executions = topics.ordersExecutions();
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
                producer.sendOffsetsToTransaction(offsets, intents.groupMetadata());
            }
            producer.commitTransaction();
            records.clear();
            orders.clear();
            agents.clear();
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
