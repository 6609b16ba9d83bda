package io.agenthub.processor;

import io.agenthub.testkit.events.TestEvents;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.Side;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.AdvisorRequest;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentLogEntry;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.DeadLetter;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.MarketWatermark;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import io.agenthub.schemas.events.Tick;
import io.agenthub.schemas.topics.Topic;
import io.agenthub.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The agent processor's two topologies in {@link TopologyTestDriver}s, with the inputs the other services produce
 * (configurations, ticks, watermarks, plans, supervisor replies, execution reports) and its outputs read back as
 * events. Each tick goes through the fan-out first; its copies (with their headers) are handed to the agents at once.
 */
final class AgentDriver implements AutoCloseable {

    static final Symbol BTC = new Symbol("BTC", "USDT");
    private final Topics topics = Topics.standard();
    static final String COPIES = AgentTopology.fanoutTopic("agent-processor-test");
    private final TopologyTestDriver fanout;
    private final TopologyTestDriver driver;
    private final Path stateDir;
    private final TestInputTopic<String, SpecificRecord> ticks;
    private final TestOutputTopic<String, byte[]> copiesOut;
    private final TestInputTopic<String, byte[]> copiesIn;
    private final List<TestRecord<String, byte[]>> copied = new ArrayList<>();
    private final TestInputTopic<String, AgentConfig> configs;
    private final TestInputTopic<String, StrategyPlan> plans;
    private final TestInputTopic<String, RiskAdjustment> adjustments;
    private final TestInputTopic<String, ExecutionReport> executions;
    private final TestOutputTopic<String, OrderIntent> intents;
    private final TestOutputTopic<String, PositionEvent> positions;
    private final TestOutputTopic<String, AgentLogEntry> logs;
    private final TestOutputTopic<String, AgentStatus> statuses;
    private final TestOutputTopic<String, AdvisorRequest> requests;
    private long ingestTime = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    AgentDriver() {
        this(ProcessorSettings.defaults("test").withTickLines(false), null);
    }

    AgentDriver(ProcessorSettings settings, Path stateDir) {
        this(settings, stateDir, Hosting.sharedPool());
    }

    AgentDriver(ProcessorSettings settings, Path stateDir, Hosting hosting) {
        try {
            this.stateDir = stateDir != null ? stateDir : Files.createTempDirectory("agent-driver");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "agent-processor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, this.stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(AgentTopology.build(topics, settings, hosting, COPIES), props);
        Properties fanoutProps = new Properties();
        fanoutProps.putAll(props);
        fanoutProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "agent-processor-test-fanout");
        fanoutProps.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        fanout = new TopologyTestDriver(AgentTopology.fanout(topics, settings, hosting, COPIES), fanoutProps);
        ticks = fanout.createInputTopic(topics.marketTicks().name(), topics.marketTicks().keySerde().serializer(),
                topics.marketTicks().valueSerde().serializer());
        copiesOut = fanout.createOutputTopic(COPIES, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        copiesIn = driver.createInputTopic(COPIES, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        configs = input(topics.agentsConfig());
        plans = input(topics.agentsPlans());
        adjustments = input(topics.riskAdjustments());
        executions = input(topics.ordersExecutions());
        intents = output(topics.ordersIntents());
        positions = output(topics.positionsEvents());
        logs = output(topics.agentsLogs());
        statuses = output(topics.agentsStatus());
        requests = output(topics.advisorRequests());
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    void config(AgentConfig config) {
        configs.pipeInput(config.getAgentId(), config, ingestTime++);
    }

    /** @return the event id of the tick sent */
    String tick(MarketTick tick) {
        var event = TestEvents.tick(tick);
        ticks.pipeInput(tick.symbol().toString(), event, ingestTime++);
        handOver();
        return event.getEventId();
    }

    /** The fan-out's copies so far, to the agents. */
    private void handOver() {
        for (TestRecord<String, byte[]> copy : copiesOut.readRecordsToList()) {
            copied.add(copy);
            copiesIn.pipeInput(copy);
        }
    }

    /** The fan-out's last {@code count} copies sent again, as after it restarted from an older committed offset. */
    void resendCopies(int count) {
        for (TestRecord<String, byte[]> copy : List.copyOf(copied.subList(Math.max(0, copied.size() - count), copied.size()))) {
            copiesIn.pipeInput(copy);
        }
    }

    String tick(String time, String price) {
        return tick(MarketTick.trade(BTC, Instant.parse(time), new BigDecimal(price), BigDecimal.ONE, "t-" + time));
    }

    void watermark(Instant time) {
        ticks.pipeInput(BTC.toString(), TestEvents.watermark(BTC, time), ingestTime++);
        handOver();
    }

    /** A candle as the replay feed sends it: its four-tick path, then a watermark at its close. */
    void candle(Bar candle) {
        for (MarketTick tick : CandleTickPath.of(candle, 8)) {
            tick(tick);
        }
        watermark(candle.closeTime());
    }

    void plan(StrategyPlan plan) {
        plans.pipeInput(plan.getAgentId(), plan, ingestTime++);
    }

    void adjustment(RiskAdjustment adjustment) {
        adjustments.pipeInput(adjustment.getAgentId(), adjustment, ingestTime++);
    }

    void execution(ExecutionReport report) {
        executions.pipeInput(report.getAgentId(), report, ingestTime++);
    }

    /** Raw bytes on a topic, as a broken producer would write them. */
    void raw(String topic, byte[] key, byte[] value) {
        TopologyTestDriver to = topic.equals(topics.marketTicks().name()) ? fanout : driver;
        to.createInputTopic(topic, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer()).pipeInput(key, value, ingestTime++);
        handOver();
    }

    /** The paper venue's fill of an intent at {@code marketPrice}: the backtest's own fill model, slippage and fee. */
    void fill(OrderIntent intent, BigDecimal marketPrice, ExecutionCosts costs, Instant time) {
        execution(TestEvents.filled(intent, marketPrice, costs, time));
    }

    /** The venue refuses an intent. */
    void reject(OrderIntent intent, String code, String reason) {
        execution(TestEvents.rejected(intent, code, reason));
    }

    List<OrderIntent> intents() {
        return intents.readValuesToList();
    }

    /** Position events since the last look, but the marks that ask for a review ({@link #reviews()} has those). */
    List<PositionEvent> positions() {
        readPositions();
        List<PositionEvent> out = List.copyOf(unread);
        unread.clear();
        return out;
    }

    /** The reviews the agent asked the supervisor for since the last look: the marks of positions.events that carry one. */
    List<AdvisorRequest> reviews() {
        readPositions();
        List<AdvisorRequest> out = unreadReviews.stream().map(PositionEvent::getReview).toList();
        unreadReviews.clear();
        return out;
    }

    /** The marks that carry a review, whole (their event ids, positions and marks). */
    List<PositionEvent> reviewMarks() {
        readPositions();
        List<PositionEvent> out = List.copyOf(unreadReviews);
        unreadReviews.clear();
        return out;
    }

    private final List<PositionEvent> unread = new java.util.ArrayList<>();
    private final List<PositionEvent> unreadReviews = new java.util.ArrayList<>();

    private void readPositions() {
        for (PositionEvent event : positions.readValuesToList()) {
            (event.getReview() == null ? unread : unreadReviews).add(event);
        }
    }

    List<AgentLogEntry> logs() {
        return logs.readValuesToList();
    }

    List<AgentStatus> statuses() {
        return statuses.readValuesToList();
    }

    /** Planning requests on advisor.requests (reviews travel on positions.events: {@link #reviews()}). */
    List<AdvisorRequest> requests() {
        return requests.readValuesToList();
    }

    List<DeadLetter> deadLetters(Topic<?, ?> source) {
        Topic<byte[], DeadLetter> dlq = topics.deadLetters(source);
        TopologyTestDriver from = source.name().equals(topics.marketTicks().name()) ? fanout : driver;
        return from.createOutputTopic(dlq.name(), dlq.keySerde().deserializer(), dlq.valueSerde().deserializer()).readValuesToList();
    }

    /** A total of the agent tasks ({@code agent-evaluations-total} or {@code agent-ticks-stepped-total}), summed over tasks. */
    double metric(String name) {
        return AgentTopology.total(driver.metrics(), name);
    }

    KeyValueStore<String, byte[]> store() {
        return driver.getKeyValueStore(AgentTopology.STATE_STORE);
    }

    HostedAgent stored(String agentId, ProcessorSettings settings) {
        byte[] bytes = store().get(agentId);
        if (bytes == null) {
            return null;
        }
        HostedAgent agent = HostedAgent.fromBytes(agentId, bytes, settings, BarHistory.none());
        SymbolMarket market = agent.symbol() == null ? null : market(agent.symbol());
        if (market != null) {
            agent.restoreLastSeen(market);
        }
        return agent;
    }

    SymbolMarket market(String symbol) {
        byte[] bytes = driver.<String, byte[]>getKeyValueStore(AgentTopology.MARKET_STORE).get(symbol);
        return bytes == null ? null : SymbolMarket.fromBytes(Symbol.parse(symbol), bytes);
    }

    Topics topics() {
        return topics;
    }

    List<OrderIntent> drainIntents(List<OrderIntent> into) {
        List<OrderIntent> fresh = new ArrayList<>(intents());
        into.addAll(fresh);
        return fresh;
    }

    @Override
    public void close() {
        fanout.close();
        driver.close();
    }
}
