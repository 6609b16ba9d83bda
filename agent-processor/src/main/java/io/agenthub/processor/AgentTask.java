package io.agenthub.processor;

import io.agenthub.core.agent.AgentKernel;
import io.agenthub.core.agent.Lifecycle;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Watermark;
import io.agenthub.kafka.streams.MarketRecords.MarketRecord;
import io.agenthub.processor.wire.Emitter;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedSum;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The agents of one task (one partition of the agent key space): every input record of the task goes through here.
 *
 * <p>The task keeps its agents and its symbols' markets deserialised in memory, loaded from the stores when the task
 * starts (after Kafka Streams has restored the stores from their changelogs) and written back as they change, so that
 * a committed offset always comes with the state it produced: an agent ({@value AgentTopology#STATE_STORE}) whenever
 * more than the last price changed for it, a symbol's market ({@value AgentTopology#MARKET_STORE}: last price, open
 * bars) on every tick. A quiet tick writes one record per symbol, however many agents trade it.
 *
 * <p>An agent that throws goes to {@code error} alone; the task, its thread and the other agents carry on.
 */
final class AgentTask implements Processor<String, Object, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(AgentTask.class);

    private final ProcessorSettings env;
    private final Hosting hosting;
    private final Emitter out;
    private final AgentIndex agents = new AgentIndex();
    private final Map<String, SymbolMarket> markets = new HashMap<>();
    /** Agents whose state a record changed, written once each when it is done (identity: one entry per agent). */
    private final Set<HostedAgent> changed = new LinkedHashSet<>();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> state;
    private KeyValueStore<String, byte[]> marketState;
    private StoredMarketLog marketLog;
    private BarHistory history;
    private KeyValueStore<String, byte[]> fanoutState;
    /** The last offset of each {@code market.ticks} partition whose copy this task applied. */
    private final Map<Integer, Long> applied = new HashMap<>();
    private Sensor evaluations;
    private Sensor copiesDropped;
    private Sensor steps;
    /** Ticks stepped through by agents for the record being processed, recorded once it is done. */
    private long stepped;

    AgentTask(ProcessorSettings env, Hosting hosting) {
        this.env = env;
        this.out = new Emitter(env.instanceId());
        this.hosting = hosting;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.state = context.getStateStore(AgentTopology.STATE_STORE);
        this.marketState = context.getStateStore(AgentTopology.MARKET_STORE);
        this.marketLog = new StoredMarketLog(context.getStateStore(AgentTopology.LOG_STORE), env.heldEvents());
        this.fanoutState = context.getStateStore(AgentTopology.FANOUT_STORE);
        this.history = env.history().isZero() ? BarHistory.none()
                : new BarHistory(context.getStateStore(AgentTopology.HISTORY_STORE), env.history().toMillis());
        // init runs again on this instance when a task is revived after an aborted transaction: start from the stores
        agents.clear();
        markets.clear();
        changed.clear();
        applied.clear();
        String task = context.taskId().toString();
        this.evaluations = context.metrics().addSensor("agenthub-agent-evaluations-" + task, Sensor.RecordingLevel.INFO);
        if (!evaluations.hasMetrics()) {
            // a sum, not a count: one tick evaluates every subscribed agent of the task
            evaluations.add(new MetricName(AgentTopology.EVALUATIONS, AgentTopology.METRICS,
                    "agent evaluations (agent x tick or watermark delivered, held ones included)", Map.of("task-id", task)), new CumulativeSum());
            evaluations.add(new MetricName("agent-evaluations-rate", AgentTopology.METRICS, "agent evaluations per second",
                    Map.of("task-id", task)), new Rate(new WindowedSum()));
        }
        this.steps = context.metrics().addSensor("agenthub-agent-steps-" + task, Sensor.RecordingLevel.INFO);
        if (!steps.hasMetrics()) {
            // a tick held while the agent's order was in flight counts when the agent steps through it, after the fill
            steps.add(new MetricName(AgentTopology.STEPS, AgentTopology.METRICS,
                    "ticks agents stepped through (as they came, or held and replayed after a fill)", Map.of("task-id", task)), new CumulativeSum());
        }
        this.copiesDropped = context.metrics().addSensor("agenthub-fanout-copies-dropped-" + task, Sensor.RecordingLevel.INFO);
        if (!copiesDropped.hasMetrics()) {
            copiesDropped.add(new MetricName(AgentTopology.COPIES_DROPPED, AgentTopology.METRICS,
                    "fan-out copies of ticks already applied (sent again after the fan-out restarted), dropped", Map.of("task-id", task)),
                    new CumulativeSum());
        }
        try (KeyValueIterator<String, byte[]> all = fanoutState.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                applied.put(Integer.parseInt(entry.key), ByteBuffer.wrap(entry.value).getLong());
            }
        }
        try (KeyValueIterator<String, byte[]> all = marketState.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                markets.put(entry.key, SymbolMarket.fromBytes(Symbol.parse(entry.key), entry.value));
            }
        }
        try (KeyValueIterator<String, byte[]> all = state.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                try {
                    HostedAgent agent = HostedAgent.fromBytes(entry.key, entry.value, env, history);
                    SymbolMarket market = agent.symbol() == null ? null : markets.get(agent.symbol());
                    if (market != null) {
                        agent.restoreLastSeen(market);
                    }
                    agents.add(agent);
                } catch (RuntimeException e) {
                    log.error("task {}: agent {} cannot be restored and is not hosted: {}", context.taskId(), entry.key, e.getMessage(), e);
                }
            }
        }
        log.info("task {}: {} agents hosted", context.taskId(), agents.size());
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof MarketRecord && appliedBefore(record)) {
            return;
        }
        switch (record.value()) {
            case MarketRecord(String eventId, MarketTick tick) -> onTick(tick, eventId, record);
            case MarketRecord(String eventId, Watermark watermark) -> onWatermark(watermark, eventId, record);
            case AgentConfig config -> onConfig(record.key(), config, record);
            case StrategyPlan plan -> onAgentEvent(record.key(), plan.getEventId(), record, agent -> agent.onPlan(plan, out));
            case RiskAdjustment adjustment -> onAgentEvent(record.key(), adjustment.getEventId(), record, agent -> agent.onAdjustment(adjustment, out));
            case ExecutionReport report -> {
                onAgentEvent(record.key(), report.getEventId(), record, agent -> agent.onExecution(report, marketLog, out));
                HostedAgent agent = agents.get(record.key());
                if (agent != null && agent.symbol() != null) {
                    pruneLog(agent.symbol());
                }
            }
            default -> log.error("task {}: unexpected {} ignored", context.taskId(), record.value().getClass().getName());
        }
        if (stepped > 0) {
            steps.record(stepped);
            stepped = 0;
        }
    }

    /**
     * Whether a fan-out copy of a tick was applied here before (the fan-out sent it again after a restart); if not, it
     * is now, and its source offset is stored with the state it produces.
     */
    private boolean appliedBefore(Record<String, Object> record) {
        Header header = record.headers().lastHeader(AgentTopology.SOURCE_HEADER);
        if (header == null || header.value() == null || header.value().length != 12) {
            return false;
        }
        ByteBuffer source = ByteBuffer.wrap(header.value());
        int partition = source.getInt();
        long offset = source.getLong();
        Long last = applied.get(partition);
        if (last != null && offset <= last) {
            copiesDropped.record();
            return true;
        }
        applied.put(partition, offset);
        fanoutState.put(Integer.toString(partition), ByteBuffer.allocate(8).putLong(offset).array());
        return false;
    }

    private void onTick(MarketTick tick, String eventId, Record<String, Object> record) {
        // every symbol's minutes go to the history, whether or not an agent here trades it yet
        String symbol = tick.symbol().toString();
        List<HostedAgent> subscribed = agents.trading(symbol);
        SymbolMarket market = markets.computeIfAbsent(symbol, s -> new SymbolMarket(tick.symbol()));
        boolean fresh = market.onTick(tick, agents.intervals(symbol), (from, to) -> history.between(tick.symbol(), from, to),
                (interval, open, close, o, h, l, c, v, whole) -> closeBar(symbol, market, subscribed, interval, open, close, o, h, l, c, v, whole,
                        eventId, record));
        if (fresh && !subscribed.isEmpty()) {
            long seq = market.nextEvent();
            if (anyHolding(subscribed)) {
                marketLog.append(symbol, MarketLog.Event.tick(seq, tick.time().toEpochMilli(), tick.price(), market.ticks(), eventId));
            }
            for (int i = 0; i < subscribed.size(); i++) {
                HostedAgent agent = subscribed.get(i);
                boolean save = run(agent, eventId, null, record, a -> a.onTick(tick, market, seq, out), true);
                if (save || out.changesState()) {
                    changed.add(agent);
                }
                forward(agent, record);
            }
            evaluations.record(subscribed.size());
        }
        marketState.put(symbol, market.toBytes());
        saveChanged();
        if (!subscribed.isEmpty()) {
            pruneLog(symbol);
        }
    }

    /** Removes from the market log what no agent of the symbol holds any more. */
    private void pruneLog(String symbol) {
        List<HostedAgent> subscribed = agents.trading(symbol);
        SymbolMarket market = markets.get(symbol);
        if (subscribed.isEmpty() || market == null) {
            return;
        }
        long keepFrom = market.nextEventPeek();
        for (int i = 0; i < subscribed.size(); i++) {
            long held = subscribed.get(i).heldFrom();
            if (held >= 0 && held < keepFrom) {
                keepFrom = held;
            }
        }
        marketLog.prune(symbol, keepFrom);
    }

    private void onWatermark(Watermark watermark, String eventId, Record<String, Object> record) {
        String symbol = watermark.symbol().toString();
        List<HostedAgent> subscribed = agents.trading(symbol);
        SymbolMarket market = markets.get(symbol);
        if (market == null) {
            return;
        }
        market.onWatermark(watermark.time().toEpochMilli(), (interval, open, close, o, h, l, c, v, whole) ->
                closeBar(symbol, market, subscribed, interval, open, close, o, h, l, c, v, whole, eventId, record));
        evaluations.record(subscribed.size());
        marketState.put(symbol, market.toBytes());
        saveChanged();
        if (!subscribed.isEmpty()) {
            pruneLog(symbol);
        }
    }

    private void closeBar(String symbol, SymbolMarket market, List<HostedAgent> subscribed, int interval, long open, long close, double o,
                          double h, double l, double c, double v, boolean whole, String eventId, Record<String, Object> record) {
        if (interval == BarHistory.MINUTE_SECONDS && whole) {
            history.add(symbol, open, o, h, l, c, v);
        }
        if (!trades(subscribed, interval)) {
            return;
        }
        long seq = market.nextEvent();
        if (anyHolding(subscribed)) {
            marketLog.append(symbol, MarketLog.Event.bar(seq, interval, open, close, o, h, l, c, v, eventId));
        }
        for (int i = 0; i < subscribed.size(); i++) {
            HostedAgent agent = subscribed.get(i);
            if (agent.intervalSeconds() == interval) {
                if (run(agent, eventId, null, record, a -> a.onBar(seq, open, close, o, h, l, c, v, out), true) || !out.isEmpty()) {
                    changed.add(agent);
                }
                forward(agent, record);
            }
        }
    }

    private static boolean trades(List<HostedAgent> subscribed, int interval) {
        for (int i = 0; i < subscribed.size(); i++) {
            if (subscribed.get(i).intervalSeconds() == interval) {
                return true;
            }
        }
        return false;
    }

    /** Whether some agent of the symbol holds market events (an order in flight): then they are logged for it. */
    private static boolean anyHolding(List<HostedAgent> subscribed) {
        for (int i = 0; i < subscribed.size(); i++) {
            if (subscribed.get(i).holding()) {
                return true;
            }
        }
        return false;
    }

    private void saveChanged() {
        changed.forEach(this::save);
        changed.clear();
    }

    private void onConfig(String agentId, AgentConfig config, Record<String, Object> record) {
        HostedAgent agent = agents.get(agentId);
        if (!hosting.hosts(agentId, config)) {
            if (agent != null) {
                log.info("agent {} is no longer hosted here ({} deployment); its state is released", agentId, config.getDeployment());
                unhost(agent);
            }
            return;
        }
        boolean fresh = agent == null;
        if (fresh) {
            agent = new HostedAgent(agentId, env, history);
        }
        String before = agent.symbol();
        AgentKernel.Outcome outcome = run(agent, config.getEventId(), config, record, a -> a.onConfig(config, out), AgentKernel.Outcome.KEEP);
        if (outcome == AgentKernel.Outcome.REMOVE) {
            unhost(agent);
        } else {
            agents.index(agent, before, fresh);
            save(agent);
        }
        forward(agent, record);
    }

    private void onAgentEvent(String agentId, String eventId, Record<String, Object> record, Consumer<HostedAgent> step) {
        HostedAgent agent = agents.get(agentId);
        if (agent == null) {
            // another deployment's agent, or one deleted: nothing here to apply it to
            return;
        }
        run(agent, eventId, null, record, a -> {
            step.accept(a);
            return null;
        }, null);
        if (agent.status() == Lifecycle.DELETED) {
            // deleted once its position was closed (its owner asked to close first)
            unhost(agent);
        } else {
            save(agent);
        }
        forward(agent, record);
    }

    /**
     * One step of one agent, returning what the step returns; a failure inside it puts that agent in error, goes no
     * further, and returns {@code onFailure}.
     */
    private <R> R run(HostedAgent agent, String causationId, AgentConfig latest, Record<String, Object> record,
                      Function<HostedAgent, R> step, R onFailure) {
        agent.speak(out, causationId, latest);
        try {
            return step.apply(agent);
        } catch (RuntimeException e) {
            log.warn("agent {} failed on {} from {}: {}", agent.agentId(), record.value().getClass().getSimpleName(),
                    context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"), e.toString(), e);
            if (agent.trader() != null) {
                agent.fail(e, record.timestamp(), out);
            }
            return onFailure;
        } finally {
            stepped += agent.takeStepped();
        }
    }

    private void save(HostedAgent agent) {
        state.put(agent.agentId(), agent.toBytes());
    }

    /** What {@code agent} emitted for the record, keyed by its id. */
    private void forward(HostedAgent agent, Record<String, Object> cause) {
        if (out.isEmpty()) {
            return;
        }
        for (SpecificRecord event : out.drain()) {
            context.forward(new Record<>(agent.agentId(), event, cause.timestamp()));
        }
    }

    private void unhost(HostedAgent agent) {
        agents.remove(agent);
        state.delete(agent.agentId());
    }
}
