package io.agenthub.schemas.topics;

import io.agenthub.core.market.Timeframe;
import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.AvroUnionSerde;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentCredentials;
import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.Bar;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.DecisionRecord;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.events.Tick;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serde;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import static io.agenthub.schemas.topics.Topic.KeySpace.AGENT;
import static io.agenthub.schemas.topics.Topic.KeySpace.SYMBOL;

/**
 * The typed topic catalogue every service uses; {@code docs/topics.md} documents the same list.
 *
 * <p>An optional prefix namespaces every name (tests use one per test; a shared cluster can host several hubs).
 * Keys are strings everywhere except on dead-letter topics, whose key is the source record's raw key.
 */
public final class Topics {

    public static final String DLQ_SUFFIX = ".dlq";
    private static final Pattern PREFIX = Pattern.compile("([a-zA-Z0-9_-]+\\.)?");
    private static final Serde<String> KEY = Serdes.String();
    private static final AvroUnionSerde MARKET_SERDE = new AvroUnionSerde(Tick.class, MarketWatermark.class);

    static final Duration MARKET_RETENTION = Duration.ofDays(7);
    static final Duration BAR_RETENTION = Duration.ofDays(90);
    static final Duration EVENT_RETENTION = Duration.ofDays(30);
    static final Duration AUDIT_RETENTION = Duration.ofDays(365);
    static final Duration DLQ_RETENTION = Duration.ofDays(14);

    private final String prefix;

    private Topics(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a topic prefix is letters, digits, '_' or '-' followed by '.', got '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    public static Topics standard() {
        return new Topics("");
    }

    /** A catalogue whose names all start with {@code prefix} (which ends with a dot, e.g. {@code "t42."}). */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix);
    }

    public String prefix() {
        return prefix;
    }

    /**
     * Ticks and, in the same partitions and order, the feed's watermarks: a {@link MarketWatermark} promises that no
     * tick of its symbol with an earlier event time follows it. Values are {@link Tick} or {@link MarketWatermark}.
     */
    public Topic<String, SpecificRecord> marketTicks() {
        return new Topic<>(prefix + "market.ticks", KEY, MARKET_SERDE, SYMBOL, MARKET_RETENTION);
    }

    public Topic<String, Bar> marketBars(Timeframe timeframe) {
        return topic("market.bars." + timeframe.label(), Bar.class, SYMBOL, BAR_RETENTION);
    }

    public Topic<String, AgentConfig> agentsConfig() {
        return topic("agents.config", AgentConfig.class, AGENT, null);
    }

    /**
     * The secret overrides sent with the request that started an agent's run, sealed; compacted, and a tombstone (null
     * value) ends them. Read whole into memory by the services that resolve secrets, never stored by them.
     */
    public Topic<String, AgentCredentials> agentsCredentials() {
        return topic("agents.credentials", AgentCredentials.class, AGENT, null);
    }

    public Topic<String, AgentStatus> agentsStatus() {
        return topic("agents.status", AgentStatus.class, AGENT, null);
    }

    public Topic<String, StrategyPlan> agentsPlans() {
        return topic("agents.plans", StrategyPlan.class, AGENT, null);
    }

    public Topic<String, AdvisorRequest> advisorRequests() {
        return topic("advisor.requests", AdvisorRequest.class, AGENT, EVENT_RETENTION);
    }

    public Topic<String, RiskAdjustment> riskAdjustments() {
        return topic("risk.adjustments", RiskAdjustment.class, AGENT, EVENT_RETENTION);
    }

    public Topic<String, OrderIntent> ordersIntents() {
        return topic("orders.intents", OrderIntent.class, AGENT, EVENT_RETENTION);
    }

    public Topic<String, ExecutionReport> ordersExecutions() {
        return topic("orders.executions", ExecutionReport.class, AGENT, EVENT_RETENTION);
    }

    public Topic<String, PositionEvent> positionsEvents() {
        return topic("positions.events", PositionEvent.class, AGENT, EVENT_RETENTION);
    }

    public Topic<String, AgentLogEntry> agentsLogs() {
        return topic("agents.logs", AgentLogEntry.class, AGENT, EVENT_RETENTION);
    }

    public Topic<String, DecisionRecord> agentsDecisions() {
        return topic("agents.decisions", DecisionRecord.class, AGENT, AUDIT_RETENTION);
    }

    /** The dead-letter topic of a source topic: same key space, raw source key, {@link DeadLetter} value. */
    public Topic<byte[], DeadLetter> deadLetters(Topic<?, ?> source) {
        return new Topic<>(source.name() + DLQ_SUFFIX, Serdes.ByteArray(), AvroSerde.of(DeadLetter.class),
                source.keySpace(), DLQ_RETENTION);
    }

    /** Every source topic of the contract, with bar topics for the given timeframes. */
    public List<Topic<?, ?>> sources(Collection<Timeframe> barTimeframes) {
        List<Topic<?, ?>> topics = new ArrayList<>(List.of(marketTicks()));
        barTimeframes.stream().sorted().distinct().map(this::marketBars).forEach(topics::add);
        topics.addAll(List.of(agentsConfig(), agentsCredentials(), agentsStatus(), agentsPlans(), advisorRequests(), riskAdjustments(),
                ordersIntents(), ordersExecutions(), positionsEvents(), agentsLogs(), agentsDecisions()));
        return topics;
    }

    /**
     * Every topic of the contract: the sources and a dead-letter topic for each but {@code agents.credentials} (its
     * readers hold the whole topic in memory and skip what does not parse, which stays on the topic: nothing to copy).
     */
    public List<Topic<?, ?>> all(Collection<Timeframe> barTimeframes) {
        List<Topic<?, ?>> sources = sources(barTimeframes);
        List<Topic<?, ?>> all = new ArrayList<>(sources);
        String credentials = agentsCredentials().name();
        sources.stream().filter(t -> !t.name().equals(credentials)).map(this::deadLetters).forEach(all::add);
        return all;
    }

    private <V extends SpecificRecord> Topic<String, V> topic(
            String name, Class<V> type, Topic.KeySpace keySpace, Duration retention) {
        return new Topic<>(prefix + name, KEY, AvroSerde.of(type), keySpace, retention);
    }
}
