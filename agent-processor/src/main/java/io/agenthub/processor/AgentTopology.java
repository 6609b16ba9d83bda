package io.agenthub.processor;

import io.agenthub.kafka.streams.AgentRecords;
import io.agenthub.kafka.streams.MarketRecords;
import io.agenthub.kafka.streams.ParsedStreams;
import io.agenthub.kafka.streams.RecordParser;
import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.Stores;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The agent processor's two topologies, pure functions of their settings. The fan-out copies every tick to every
 * partition of the agent key space, at least once and at once; the agents consume those copies exactly once:
 * <pre>
 * market.ticks ─► parse ─► stamp source ─► broadcast to every partition ─► &lt;app&gt;-market-fanout   (fan-out, at least once)
 *                  └─ bad ─► market.ticks.dlq                                     │
 *                                                                                 ▼
 * &lt;app&gt;-market-fanout ─► decode ─► drop copies already applied ─┐                      (agents, exactly once)
 * agents.config ─────► parse ─┐                                  ▼
 * agents.plans ──────► parse ─┼──────────────► agents [agent-state, symbol-markets, market-log, fanout-positions, bar-history]
 * risk.adjustments ──► parse ─┤   (each bad record ─► its .dlq)            │
 * orders.executions ─► parse ─┘                                            ├─► orders.intents, positions.events
 *                                                                          └─► agents.logs, agents.status, advisor.requests
 * </pre>
 * Agents are keyed (and partitioned) by agent id, so one busy symbol spreads over every partition; every tick goes to
 * every partition of the agent key space, where the task steps the agents of that symbol it hosts. Ticks are few and
 * agents many, so copying ticks is cheap and moving agents is not.
 *
 * <p>The copy is not a transaction of its own: under exactly-once it would wait for a commit before any agent could
 * read it, a whole commit interval on every tick's way to an intent. Each copy carries its tick's partition and offset
 * in {@code market.ticks} ({@value #SOURCE_HEADER}); an agent task remembers the last offset it applied per source
 * partition ({@value #FANOUT_STORE}, in the same transaction as the agents' state) and drops a copy at or below it, so
 * a copy sent again after the fan-out restarts is never applied twice.
 */
public final class AgentTopology {

    public static final String APPLICATION = "agent-processor";
    public static final String STATE_STORE = "agent-state";
    public static final String MARKET_STORE = "symbol-markets";
    public static final String LOG_STORE = "market-log";
    public static final String FANOUT_STORE = "fanout-positions";
    public static final String HISTORY_STORE = "bar-history";
    /** The header of a fan-out copy: its tick's partition (int) and offset (long) in {@code market.ticks}. */
    public static final String SOURCE_HEADER = "agenthub.source";
    /** The agent tasks' metric group, and its totals: deliveries (agent × tick or watermark) and ticks stepped through. */
    static final String METRICS = "agenthub-agents";
    public static final String EVALUATIONS = "agent-evaluations-total";
    public static final String STEPS = "agent-ticks-stepped-total";
    public static final String COPIES_DROPPED = "fanout-copies-dropped-total";

    /**
     * Changelogs roll small segments and compact early, so that a restore reads about one record per agent and symbol
     * rather than every state they ever had.
     */
    static final Map<String, String> CHANGELOG = Map.of(
            "segment.bytes", Integer.toString(16 * 1024 * 1024),
            "segment.ms", Long.toString(java.time.Duration.ofMinutes(10).toMillis()),
            "min.cleanable.dirty.ratio", "0.2");

    private AgentTopology() {
    }

    /** The fan-out topic of an agent processor application ({@code application.id} of its agents). */
    public static String fanoutTopic(String applicationId) {
        return applicationId + "-market-fanout";
    }

    /**
     * The fan-out: every good tick and watermark of {@code market.ticks} to every partition of {@code fanoutTopic}
     * (created with as many partitions as the agent key space, so that each agent task receives every tick), stamped
     * with where it came from; the bad ones to {@code market.ticks.dlq}.
     */
    public static Topology fanout(Topics topics, ProcessorSettings env, Hosting hosting, String fanoutTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        String application = APPLICATION + hosting.applicationSuffix();
        Topic<String, SpecificRecord> ticks = topics.marketTicks();
        RecordParser<String, byte[]> checkTick = (key, value) -> {
            MarketRecords.decode(ticks, env.instruments(), key, value);
            return new RecordParser.Parsed<>(new String(key, StandardCharsets.UTF_8), value);
        };
        ParsedStreams.stream(builder, application, ticks, topics.deadLetters(ticks), "market", checkTick)
                .processValues(StampSource::new, Named.as("market-stamp"))
                .to(fanoutTopic, Produced.with(Serdes.String(), Serdes.ByteArray()).withStreamPartitioner(everyPartition()).withName("market-fanout"));
        return builder.build();
    }

    /** The agents, exactly once, on the copies in {@code fanoutTopic} and the agent topics. */
    public static Topology build(Topics topics, ProcessorSettings env, Hosting hosting, String fanoutTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        String application = APPLICATION + hosting.applicationSuffix();

        Topic<String, SpecificRecord> ticks = topics.marketTicks();
        KStream<String, Object> market = builder.stream(fanoutTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("market-copies"))
                .mapValues((symbol, value) -> (Object) MarketRecords.decode(ticks, env.instruments(),
                        symbol.getBytes(StandardCharsets.UTF_8), value), Named.as("market-decode"));

        KStream<String, Object> inputs = market
                .merge(agentStream(builder, application, topics, topics.agentsConfig(), "config", AgentConfig::getAgentId), Named.as("merge-config"))
                .merge(agentStream(builder, application, topics, topics.agentsPlans(), "plans", StrategyPlan::getAgentId), Named.as("merge-plans"))
                .merge(agentStream(builder, application, topics, topics.riskAdjustments(), "adjustments", RiskAdjustment::getAgentId),
                        Named.as("merge-adjustments"))
                .merge(agentStream(builder, application, topics, topics.ordersExecutions(), "executions", ExecutionReport::getAgentId),
                        Named.as("merge-executions"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STATE_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled().withLoggingEnabled(CHANGELOG));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MARKET_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled().withLoggingEnabled(CHANGELOG));

        Map<Class<?>, String> destinations = new LinkedHashMap<>();
        destinations.put(OrderIntent.class, topics.ordersIntents().name());
        destinations.put(PositionEvent.class, topics.positionsEvents().name());
        destinations.put(AgentLogEntry.class, topics.agentsLogs().name());
        destinations.put(AgentStatus.class, topics.agentsStatus().name());
        destinations.put(AdvisorRequest.class, topics.advisorRequests().name());
        // the market events agents with an order in flight hold, until the last of them has stepped through them
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LOG_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FANOUT_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled().withLoggingEnabled(CHANGELOG));
        // every symbol's closed minutes, for agents to warm up on (BarHistory)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(HISTORY_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled().withLoggingEnabled(CHANGELOG));
        inputs.process(() -> new AgentTask(env, hosting), Named.as("agents"), STATE_STORE, MARKET_STORE, LOG_STORE, FANOUT_STORE, HISTORY_STORE)
                .to((key, value, context) -> destinations.get(value.getClass()),
                        Produced.with(Serdes.String(), outputSerde()).withName("outputs"));
        return builder.build();
    }

    /** A total of the agent tasks ({@link #EVALUATIONS}, {@link #STEPS}) over every task in {@code metrics}. */
    public static double total(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.values().stream()
                .filter(m -> m.metricName().group().equals(METRICS) && m.metricName().name().equals(name))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue())
                .sum();
    }

    private static <V extends SpecificRecord> KStream<String, Object> agentStream(
            StreamsBuilder builder, String application, Topics topics, Topic<String, V> topic, String name,
            java.util.function.Function<V, String> agentIdOf) {
        KStream<String, ?> parsed = ParsedStreams.stream(builder, application, topic, topics.deadLetters(topic), name,
                AgentRecords.parser(topic, agentIdOf));
        @SuppressWarnings("unchecked")
        KStream<String, Object> inputs = (KStream<String, Object>) parsed;
        return inputs;
    }

    /** Stamps a tick with its partition and offset in {@code market.ticks}, for the agent tasks to drop copies sent again. */
    private static final class StampSource implements FixedKeyProcessor<String, byte[], byte[]> {
        private FixedKeyProcessorContext<String, byte[]> context;

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            record.headers().remove(SOURCE_HEADER);
            record.headers().add(SOURCE_HEADER, ByteBuffer.allocate(12).putInt(source.partition()).putLong(source.offset()).array());
            context.forward(record);
        }
    }

    /** Every record to every partition: each agent task needs every tick of the symbols its agents trade. */
    static StreamPartitioner<String, byte[]> everyPartition() {
        Map<Integer, Optional<Set<Integer>>> all = new ConcurrentHashMap<>();
        return (topic, key, value, numPartitions) -> all.computeIfAbsent(numPartitions,
                n -> Optional.of(IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableSet())));
    }

    /** Serialises whichever event the task emitted with its own single-object encoding. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Serde<SpecificRecord> outputSerde() {
        Map<Class<?>, Serializer> serializers = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : java.util.List.of(OrderIntent.class, PositionEvent.class, AgentLogEntry.class,
                AgentStatus.class, AdvisorRequest.class)) {
            serializers.put(type, AvroSerde.of(type).serializer());
        }
        Serializer<SpecificRecord> serializer = (topic, value) -> value == null ? null : serializers.get(value.getClass()).serialize(topic, value);
        return Serdes.serdeFrom(serializer, (topic, bytes) -> {
            throw new UnsupportedOperationException("the processor's outputs are written, not read, here");
        });
    }
}
