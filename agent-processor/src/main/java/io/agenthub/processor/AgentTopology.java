package io.agenthub.processor;

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
import io.agenthub.schemas.market.MarketRecords;
import io.agenthub.schemas.streams.AgentRecords;
import io.agenthub.schemas.streams.ParsedStreams;
import io.agenthub.schemas.streams.RecordParser;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The agent processor's topology, a pure function of its settings:
 * <pre>
 * market.ticks ─► parse ─► broadcast to every partition ─► &lt;app&gt;-market-fanout-repartition ─┐
 *                  └─ bad ─► market.ticks.dlq                                                 │
 * agents.config ─────► parse ─┐                                                              ▼
 * agents.plans ──────► parse ─┼────────────────────────────────────────────► agents [agent-state, symbol-markets]
 * risk.adjustments ──► parse ─┤   (each bad record ─► its .dlq)                    │
 * orders.executions ─► parse ─┘                                                    ├─► orders.intents, positions.events
 *                                                                                  └─► agents.logs, agents.status, advisor.requests
 * </pre>
 * Agents are keyed (and partitioned) by agent id, so one busy symbol spreads over every partition; every tick goes to
 * every partition of the agent key space, where the task steps the agents of that symbol it hosts. Ticks are few and
 * agents many, so copying ticks is cheap and moving agents is not.
 */
public final class AgentTopology {

    public static final String APPLICATION = "agent-processor";
    public static final String STATE_STORE = "agent-state";
    public static final String MARKET_STORE = "symbol-markets";
    public static final String LOG_STORE = "market-log";
    static final String FANOUT = "market-fanout";
    /** The agent tasks' metric group, and its totals: deliveries (agent × tick or watermark) and ticks stepped through. */
    static final String METRICS = "agenthub-agents";
    public static final String EVALUATIONS = "agent-evaluations-total";
    public static final String STEPS = "agent-ticks-stepped-total";

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

    /**
     * @param agentPartitions partitions of the agent key space ({@code agents.config} and the other agent topics); the
     *                        fan-out topic gets as many, so that each agent task receives every tick
     */
    public static Topology build(Topics topics, ProcessorSettings env, Hosting hosting, int agentPartitions) {
        StreamsBuilder builder = new StreamsBuilder();
        String application = APPLICATION + hosting.applicationSuffix();

        Topic<String, SpecificRecord> ticks = topics.marketTicks();
        RecordParser<String, byte[]> checkTick = (key, value) -> {
            MarketRecords.decode(ticks, env.instruments(), key, value);
            return new RecordParser.Parsed<>(new String(key, StandardCharsets.UTF_8), value);
        };
        KStream<String, Object> market = ParsedStreams.stream(builder, application, ticks, topics.deadLetters(ticks), "market", checkTick)
                .repartition(Repartitioned.<String, byte[]>as(FANOUT)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray())
                        .withNumberOfPartitions(agentPartitions)
                        .withStreamPartitioner(everyPartition()))
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
        inputs.process(() -> new AgentTask(env, hosting), Named.as("agents"), STATE_STORE, MARKET_STORE, LOG_STORE)
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
