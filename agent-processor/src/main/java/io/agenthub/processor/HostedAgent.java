package io.agenthub.processor;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.indicators.Adx;
import io.agenthub.core.indicators.RollingStats;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.Strategy;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.Side;
import io.agenthub.core.trading.TradingAgent;
import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.AdvisorKind;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.AgentState;
import io.agenthub.schemas.events.AgentStatus;
import io.agenthub.schemas.events.DesiredState;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.events.LogLevel;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One agent as the processor hosts it: its configuration and lifecycle, the {@link TradingAgent} step function, the
 * bars of its interval built from ticks, and its planning and supervision cycles. Every input is one method; outputs go
 * to the {@link Emitter}. The whole of it writes to bytes for the state store and reads back to identical behaviour.
 *
 * <ul>
 *   <li><b>Bars</b> of {@code interval_seconds} come from the task's {@link SymbolMarket}; a bar the agent did not see
 *   from its first instant (it started mid-bar) is not given to the strategy.</li>
 *   <li><b>Plans</b> (from the LLM planner) are checked, and applied at the next bar boundary: the new strategy warms up
 *   on the recent bars and decides on that bar. {@code max_loss_pct} of a plan never exceeds the agent's own bound.</li>
 *   <li><b>Supervision</b>: every {@code every_n_ticks} ticks with a position open, a request (none while one is
 *   awaited, for up to ten cycles); a reply that is late, out of order or for a position no longer open is ignored with
 *   a {@code warn}.</li>
 *   <li><b>Lifecycle</b>: {@code running}, {@code stopped} (emits nothing; fills of orders already sent still
 *   apply), {@code error} (bad configuration, strategy failure, loss limit, failed reconciliation) until a person
 *   starts it again with a new configuration revision.</li>
 * </ul>
 */
final class HostedAgent {

    private static final int FORMAT = 3;
    /** Cycles an advisor request is awaited before a new one replaces it. */
    static final int PATIENCE_CYCLES = 10;
    private static final AvroSerde<AgentConfig> CONFIG_SERDE = AvroSerde.of(AgentConfig.class);
    static final String RECONCILIATION_FAILED = "RECONCILIATION_FAILED";

    private final String agentId;
    private final ProcessorSettings env;
    /** The task's stored minutes, which the agent warms up on when it starts and a new strategy when it takes over. */
    private final BarHistory history;

    private AgentConfig config;
    private byte[] configBytes;
    private AgentSettings settings;
    private AgentState status = AgentState.CREATING;
    private String statusReason;
    private TradingAgent trader;

    private Plan plan;
    private Plan pendingPlan;

    /** Open time of the first bar this agent saw from its first instant since it last started; -1 before its first tick. */
    private long barsFrom = -1;

    private long bars;
    private long barsSincePlan;
    private long ticksSinceSupervision;
    /** Market time the supervision cycle counts from: the last review, or the open position's first supervised tick; -1: none yet. */
    private long reviewFrom = -1;
    private long advisorSequence;
    private long planRequest;
    private long supervisionRequest;
    private String supervisedPosition;

    private Adx adx = new Adx(14);
    private RollingStats returns = new RollingStats(RETURNS_WINDOW);
    private double previousClose = Double.NaN;
    private RecentBars recent;
    private static final int RETURNS_WINDOW = 30;
    /**
     * The first market event (of the task's {@link MarketLog}) the agent has not stepped through because an order was
     * in flight; -1 while it holds nothing.
     */
    private long heldFrom = -1;
    /**
     * Event time of the last interval line (the {@code tick} log line and the position's mark), -1 before the first since
     * the agent started or this task restored it; like the last price, not stored (it changes every interval, the stored
     * state only when something happens), so a restored agent's first tick gives its first line.
     */
    private long lastBeat = -1;
    /** The symbol's tick count at the last interval line, for the count of ticks since. */
    private long ticksAtBeat;
    /** Ticks stepped through (live or held) since the task last asked: its evaluation count; not stored. */
    private long stepped;

    /** The strategy and decision parameters in force: from the configuration, or from the planner. */
    record Plan(String strategyName, StrategyParameters parameters, double threshold, BigDecimal maxLossPct, String source) {
    }

    HostedAgent(String agentId, ProcessorSettings env, BarHistory history) {
        this.agentId = agentId;
        this.env = env;
        this.history = history;
        this.recent = new RecentBars(0);
    }

    // ---------------------------------------------------------------- configuration and lifecycle

    /** What the task must do with the agent's stored state after a configuration. */
    enum Outcome { KEEP, REMOVE }

    Outcome onConfig(AgentConfig update, Emitter out) {
        long time = update.getEventTime().toEpochMilli();
        if (config != null && update.getRevision() <= config.getRevision()) {
            out.log(time, LogLevel.WARN, "configuration revision " + update.getRevision() + " ignored: revision "
                    + config.getRevision() + " is already applied", Map.of("revision", Long.toString(update.getRevision())));
            return Outcome.KEEP;
        }
        if (update.getDesiredState() == DesiredState.DELETED) {
            boolean holding = trader != null && (!trader.position().isFlat() || trader.inFlight() != null);
            setConfig(update);
            if (holding && update.getFlattenOnStop()) {
                // its owner asked to close first: deleted once flat (finishKillSwitch)
                boolean sent = trader.close(OrderPurpose.KILL_SWITCH, "deleted by its owner: closed at market first", time, out);
                out.log(time, LogLevel.STOP, "deleting: " + (sent ? "the open position is being closed at market first"
                        : "the position is closed at market after the order in flight"), Map.of());
                return Outcome.KEEP;
            }
            out.log(time, LogLevel.STOP, "deleted" + (trader != null && !trader.position().isFlat()
                    ? "; the open " + trader.position().side().name().toLowerCase(Locale.ROOT) + " position is left to the venue" : ""), Map.of());
            status(AgentState.DELETED, null, time, out);
            return Outcome.REMOVE;
        }
        AgentSettings.Checked checked = AgentSettings.check(update, env.instruments(), env.catalog(), env.riskDefaults());
        if (checked instanceof AgentSettings.Invalid invalid) {
            setConfig(update);
            out.log(time, LogLevel.ERROR, invalid.reason(), Map.of("revision", Long.toString(update.getRevision())));
            status(AgentState.ERROR, invalid.reason(), time, out);
            return Outcome.KEEP;
        }
        AgentSettings next = ((AgentSettings.Valid) checked).settings();
        AgentConfig previous = config;
        setConfig(update);
        if (trader == null || !next.instrument().equals(settings.instrument())) {
            if (trader != null && !trader.position().isFlat()) {
                String reason = "the symbol cannot change while a position is open";
                out.log(time, LogLevel.ERROR, reason, Map.of());
                status(AgentState.ERROR, reason, time, out);
                return Outcome.KEEP;
            }
            create(next, time, out);
        } else {
            reconfigure(previous, next, time, out);
        }
        if (update.getDesiredState() == DesiredState.RUNNING) {
            start(time, out);
        } else if (update.getFlattenOnStop() && (!trader.position().isFlat() || status == AgentState.RUNNING && trader.inFlight() != null)) {
            // the owner's kill switch: the position is closed at market; a running agent says it stopped once it is flat
            // (finishKillSwitch), one stopped already stays so
            boolean stopping = status == AgentState.RUNNING;
            boolean sent = trader.close(OrderPurpose.KILL_SWITCH, "kill switch: flattened by its owner", time, out);
            out.log(time, LogLevel.STOP, "kill switch pulled by its owner" + (stopping ? ": stopping once flat" : "")
                    + (sent ? "; the open position is being closed at market" : "; after the order in flight"), Map.of());
            if (!stopping) {
                status(AgentState.STOPPED, null, time, out);
            }
        } else if (status != AgentState.STOPPED) {
            out.log(time, LogLevel.STOP, "stopped by its owner" + (trader.position().isFlat() ? ""
                    : "; the open position stays, without stop-loss or take-profit checks, until the agent runs again"), Map.of());
            status(AgentState.STOPPED, null, time, out);
        }
        return Outcome.KEEP;
    }

    private void setConfig(AgentConfig update) {
        config = update;
        configBytes = CONFIG_SERDE.encode(update);
    }

    private void create(AgentSettings next, long time, Emitter out) {
        settings = next;
        plan = new Plan(next.strategy().name(), next.parameters(), next.threshold(), null, "configuration");
        pendingPlan = null;
        trader = new TradingAgent(next.agentSettings(agentId, env.initialEquity()), next.strategy().create(next.parameters()));
        recent = new RecentBars(recentCapacity());
        barsFrom = -1;
        out.log(time, LogLevel.INIT, "created: " + next.strategy().name() + " " + next.parameters() + " on " + next.instrument().symbol()
                + " every " + next.intervalSeconds() + " s, " + (config.getLiveMode() ? "live" : "paper") + ", threshold "
                + next.threshold(), Map.of("strategy", next.strategy().name(), "symbol", next.instrument().symbol().toString()));
    }

    /** A new revision while hosted: risk and costs apply at once, a new strategy at the next bar boundary. */
    private void reconfigure(AgentConfig previous, AgentSettings next, long time, Emitter out) {
        boolean strategyChanged = !next.strategy().name().equals(settings.strategy().name())
                || !next.parameters().equals(settings.parameters()) || next.threshold() != settings.threshold();
        if (next.intervalSeconds() != settings.intervalSeconds()) {
            barsFrom = -1;
        }
        settings = next;
        if (strategyChanged) {
            pendingPlan = new Plan(next.strategy().name(), next.parameters(), next.threshold(), null, "configuration");
        }
        if (config.getPlanner().getEnabled() != previous.getPlanner().getEnabled()) {
            recent = new RecentBars(recentCapacity());
        }
        trader.reconfigure(traderSettings(plan), time, out);
        out.log(time, LogLevel.INIT, "configuration revision " + config.getRevision() + " applied"
                + (strategyChanged ? "; the strategy changes at the next bar boundary" : ""), Map.of("revision", Long.toString(config.getRevision())));
    }

    private void start(long time, Emitter out) {
        if (status == AgentState.RUNNING) {
            status(AgentState.RUNNING, null, time, out);
            return;
        }
        if (trader.halted()) {
            trader.resume("its owner", time, out);
        }
        barsFrom = -1;
        lastBeat = -1;
        out.log(time, LogLevel.START, "running on " + settings.instrument().symbol() + " (" + plan.strategyName() + ")", Map.of());
        status(AgentState.RUNNING, null, time, out);
        if (config.getPlanner().getEnabled()) {
            requestPlan(time, out);
        }
    }

    /** A failure inside the agent (its strategy threw): the agent stops in {@code error}; nothing else is affected. */
    void fail(RuntimeException error, long time, Emitter out) {
        String reason = "strategy failure: " + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        out.log(time, LogLevel.ERROR, reason, Map.of());
        status(AgentState.ERROR, reason, time, out);
    }

    private void status(AgentState state, String reason, long time, Emitter out) {
        status = state;
        statusReason = reason;
        out.emit(AgentStatus.newBuilder()
                .setEventId(Events.newEventId())
                .setEventTime(Instant.ofEpochMilli(time))
                .setCausationId(out.causationId())
                .setAgentId(agentId)
                .setStatus(state)
                .setReason(reason)
                .setConfigRevision(config == null ? 0 : config.getRevision())
                .setReporter("agent-processor")
                .setInstanceId(env.instanceId())
                .build());
    }

    /** After every step: a halted trader (loss limit, kill switch) puts a running agent in {@code error}. */
    private void checkHalted(long time, Emitter out) {
        if (status == AgentState.RUNNING && trader.halted()) {
            status(AgentState.ERROR, trader.haltReason(), time, out);
        }
    }

    // ---------------------------------------------------------------- market data

    /**
     * A tick of the agent's symbol (not late), the {@code symbolTicks}-th of the symbol in this task.
     *
     * @return whether the agent's stored state must be written (more changed than the last price)
     */
    boolean onTick(MarketTick tick, SymbolMarket market, long seq, Emitter out) {
        if (status != AgentState.RUNNING) {
            return false;
        }
        if (heldFrom >= 0) {
            // already holding: nothing of the agent's own changes (the event is in the task's log)
            return false;
        }
        if (hold(seq)) {
            return true;
        }
        return step(tick.time().toEpochMilli(), tick.price(), market.ticks(), market.whole(settings.intervalSeconds()), out);
    }

    /** Whether the agent holds event {@code seq} for later: an order is in flight, or it has not caught up yet. */
    private boolean hold(long seq) {
        if (heldFrom >= 0) {
            return true;
        }
        if (trader.inFlight() == null) {
            return false;
        }
        heldFrom = seq;
        return true;
    }

    /** The ticks stepped through (as they came, or held and replayed) since the last call. */
    long takeStepped() {
        long n = stepped;
        stepped = 0;
        return n;
    }

    /** Whether the agent holds the market events that come now (the task logs them while any agent does). */
    boolean holding() {
        return status == AgentState.RUNNING && trader != null && (heldFrom >= 0 || trader.inFlight() != null);
    }

    /**
     * A tick the agent steps through (live, or held and replayed).
     *
     * @param wholeBar whether the market's open bar of the agent's interval holds every tick of it (the agent then
     *                 decides on it, though it started after the bar opened)
     */
    private boolean step(long time, BigDecimal tickPrice, long symbolTicks, boolean wholeBar, Emitter out) {
        if (status != AgentState.RUNNING) {
            return false;
        }
        stepped++;
        boolean changed = false;
        double price = tickPrice.doubleValue();
        trader.onTick(time, price, out);
        if (barsFrom < 0) {
            long interval = settings.intervalMillis();
            long open = Math.floorDiv(time, interval) * interval;
            barsFrom = time == open || wholeBar ? open : open + interval;
            changed = true;
            warmUp(open, time, price, out);
        }
        if (lastBeat < 0 || time - lastBeat >= settings.intervalMillis()) {
            beat(time, tickPrice, symbolTicks, out);
        }
        if (config.getSupervisor().getEnabled() && !trader.position().isFlat() && trader.inFlight() == null) {
            changed = true;
            ++ticksSinceSupervision;
            if (reviewFrom < 0) {
                reviewFrom = time;
            }
            Integer seconds = config.getSupervisor().getEveryNSeconds();
            if (seconds == null ? due(ticksSinceSupervision, config.getSupervisor().getEveryNTicks(), supervisionRequest)
                    : due(time - reviewFrom, seconds * 1000L, supervisionRequest)) {
                requestSupervision(time, out);
            }
        }
        checkHalted(time, out);
        return changed;
    }

    /**
     * A closed bar of the agent's interval: the strategy decides, unless the agent did not see the whole bar.
     *
     * @return whether the agent's stored state must be written (not when the bar joins what it already holds)
     */
    boolean onBar(long seq, long openTime, long closeTime, double open, double high, double low, double close, double volume, Emitter out) {
        if (status == AgentState.RUNNING && barsFrom >= 0 && openTime >= barsFrom) {
            if (heldFrom >= 0) {
                return false;
            }
            if (hold(seq)) {
                return true;
            }
        }
        bar(openTime, closeTime, open, high, low, close, volume, out);
        return true;
    }

    private void bar(long openTime, long closeTime, double open, double high, double low, double close, double volume, Emitter out) {
        if (status != AgentState.RUNNING || barsFrom < 0 || openTime < barsFrom) {
            return;
        }
        if (pendingPlan != null) {
            applyPlan(openTime, closeTime, out);
        }
        boolean warming = !trader.strategy().ready();
        trader.decide(learn(openTime, closeTime, open, high, low, close, volume), close, closeTime, out);
        if (warming) {
            Strategy strategy = trader.strategy();
            if (strategy.ready()) {
                out.log(closeTime, LogLevel.INIT, "warmed up: " + strategy.explain(), Map.of());
                status(AgentState.RUNNING, null, closeTime, out);
            } else {
                status(AgentState.RUNNING, warmingUp(strategy), closeTime, out);
            }
        }
        bars++;
        barsSincePlan++;
        if (config.getPlanner().getEnabled() && due(barsSincePlan, config.getPlanner().getEveryNBars(), planRequest)) {
            requestPlan(closeTime, out);
        }
        checkHalted(closeTime, out);
    }

    /** A closed bar the agent learns from: its market context (for the planner), its strategy and ATR; returns the signal. */
    private double learn(long openTime, long closeTime, double open, double high, double low, double close, double volume) {
        adx.update(high, low, close);
        if (!Double.isNaN(previousClose)) {
            returns.update(Math.log(close / previousClose));
        }
        previousClose = close;
        recent.add(openTime, open, high, low, close, volume);
        return trader.learn(openTime, closeTime, open, high, low, close, volume);
    }

    /**
     * At the first tick after the agent starts: it learns the stored bars of its interval that closed by {@code open}
     * (the current bar's open) and, warm and with the last of them just closed, decides on it at this tick's price. A
     * strategy that saw bars before a pause starts afresh when the history can warm it up; it keeps what it knew when not.
     */
    private void warmUp(long open, long time, double price, Emitter out) {
        Strategy fresh = env.catalog().require(plan.strategyName()).create(plan.parameters());
        int wanted = Math.max(fresh.warmup(), Math.max(RETURNS_WINDOW, recentCapacity()));
        BarSeries stored = history.last(settings.instrument().symbol(), settings.intervalSeconds(), open, wanted);
        String interval = Timeframe.ofSeconds(settings.intervalSeconds()).label();
        boolean learned = stored.size() >= fresh.warmup() || trader.strategy().barsSeen() == 0;
        if (!learned) {
            out.log(time, LogLevel.INIT, "resumed with what the strategy knew before it stopped (" + stored.size() + " stored " + interval
                    + " bars, fewer than the " + fresh.warmup() + " it needs afresh)", Map.of());
        } else {
            trader.forgetMarket(fresh);
            adx = new Adx(14);
            returns = new RollingStats(RETURNS_WINDOW);
            previousClose = Double.NaN;
            recent = new RecentBars(recentCapacity());
            for (int i = 0; i < stored.size(); i++) {
                learn(stored.openTime(i), stored.openTime(i) + settings.intervalMillis(), stored.open(i), stored.high(i), stored.low(i),
                        stored.close(i), stored.volume(i));
            }
        }
        Strategy strategy = trader.strategy();
        if (!strategy.ready()) {
            String warming = warmingUp(strategy);
            out.log(time, LogLevel.INIT, warming + (stored.size() == 0 ? " (no stored " + interval + " bars of " + symbol() + ")"
                    : " (" + stored.size() + " stored " + interval + " bars)") + "; it decides once warm", Map.of("stored_bars", Integer.toString(stored.size())));
            status(AgentState.RUNNING, warming, time, out);
            return;
        }
        // its signal is the just-closed bar's only when it learned the stored bars now
        boolean current = learned && stored.size() > 0 && stored.openTime(stored.size() - 1) + settings.intervalMillis() == open;
        out.log(time, LogLevel.INIT, (learned ? "warmed up on " + stored.size() + " stored " + interval + " bars: " : "warm: ") + strategy.explain()
                + (current ? "; deciding on the bar that just closed" : ""), Map.of("stored_bars", Integer.toString(stored.size())));
        if (current) {
            trader.decide(strategy.signal(), price, time, out);
        }
    }

    private static String warmingUp(Strategy strategy) {
        return "warming up, " + strategy.barsSeen() + " of " + strategy.warmup() + " bars";
    }

    /** Closed bars kept for the planner's context: none without a planner. */
    private int recentCapacity() {
        return config.getPlanner().getEnabled() ? env.contextBars() : 0;
    }

    /**
     * After a restore: a running agent that has seen ticks since it started saw every tick of its symbol since, so its
     * last price is the symbol's (which the task keeps apart, as it changes on every tick).
     */
    void restoreLastSeen(SymbolMarket market) {
        if (trader != null && status == AgentState.RUNNING && barsFrom >= 0 && !Double.isNaN(market.lastPrice())) {
            trader.restoreLastSeen(market.lastPrice(), market.lastTime());
        }
    }

    /**
     * Whether an advisor cycle of {@code every} ticks or bars is due, {@code since} the last request. While a request
     * is awaited no new one is sent, so that a model slower than the cycle still gets its answer applied; after
     * {@value #PATIENCE_CYCLES} cycles without one it is given up (its answer, if it comes, is ignored as late).
     */
    private static boolean due(long since, long every, long awaited) {
        return since >= every && (awaited == 0 || since >= every * PATIENCE_CYCLES);
    }

    // ---------------------------------------------------------------- planning

    private void requestPlan(long time, Emitter out) {
        planRequest = ++advisorSequence;
        barsSincePlan = 0;
        out.emit(AdvisorRequests.of(agentId, config.getOwnerId(), AdvisorKind.PLANNING, planRequest, time, settings, plan, trader, adx, returns, recent));
    }

    void onPlan(StrategyPlan reply, Emitter out) {
        long time = reply.getEventTime().toEpochMilli();
        if (status != AgentState.RUNNING) {
            out.log(time, LogLevel.WARN, "plan for request " + reply.getRequestSequence() + " ignored: the agent is "
                    + status.name().toLowerCase(Locale.ROOT), Map.of("decision_id", reply.getDecisionId()));
            return;
        }
        if (reply.getRequestSequence() != planRequest) {
            out.log(time, LogLevel.WARN, "plan for request " + reply.getRequestSequence() + " ignored: "
                    + (planRequest == 0 ? "no plan is awaited" : "request " + planRequest + " is the one awaited")
                    + " (late or out of order)", Map.of("decision_id", reply.getDecisionId()));
            return;
        }
        planRequest = 0;
        StrategyDefinition strategy = env.catalog().find(reply.getStrategyName()).orElse(null);
        List<String> problems = new ArrayList<>();
        StrategyParameters parameters = null;
        if (strategy == null) {
            problems.add("strategy '" + reply.getStrategyName() + "' is not in the catalogue");
        } else {
            Map<String, Double> values = new LinkedHashMap<>();
            reply.getParams().forEach((name, value) -> values.put(name, value.doubleValue()));
            values.put("lookback", (double) reply.getLookback());
            try {
                parameters = StrategyParameters.of(strategy, values);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        double threshold = reply.getThreshold().doubleValue();
        if (!(threshold > 0 && threshold <= 1)) {
            problems.add("threshold must be within (0, 1], got " + threshold);
        }
        BigDecimal maxLoss = Decimals.fromWire(reply.getMaxLossPct());
        if (maxLoss.signum() <= 0) {
            problems.add("max_loss_pct must be positive, got " + maxLoss.toPlainString());
        }
        if (!problems.isEmpty()) {
            out.log(time, LogLevel.WARN, "plan from " + reply.getProvider() + " refused, the current plan stays: "
                    + String.join("; ", problems), Map.of("decision_id", reply.getDecisionId()));
            return;
        }
        BigDecimal bound = settings.risk().maxLossPct();
        String clamp = "";
        if (maxLoss.compareTo(bound) > 0) {
            clamp = " (max_loss_pct " + maxLoss.toPlainString() + " clamped to the agent's " + bound.toPlainString() + ")";
            maxLoss = bound;
        }
        String source = reply.getProvider() + (reply.getFallback() ? " fallback" : "");
        pendingPlan = new Plan(strategy.name(), parameters, threshold, maxLoss, source);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("decision_id", reply.getDecisionId());
        fields.put("strategy", strategy.name());
        fields.put("provider", reply.getProvider());
        fields.put("fallback", Boolean.toString(reply.getFallback()));
        out.log(time, LogLevel.LLM, "plan from " + source + ": " + strategy.name() + " " + parameters + ", threshold " + threshold
                + ", max loss " + maxLoss.toPlainString() + " %" + clamp + ", from the next bar. " + reply.getReasoning(), fields);
    }

    /** The pending plan takes over at the bar opening at {@code open}: its strategy warms up on the stored bars before it. */
    private void applyPlan(long open, long time, Emitter out) {
        Plan next = pendingPlan;
        pendingPlan = null;
        Strategy strategy = env.catalog().require(next.strategyName()).create(next.parameters());
        Symbol symbol = settings.instrument().symbol();
        BarSeries stored = history.last(symbol, settings.intervalSeconds(), open, strategy.warmup());
        BarSeries warmOn = stored.size() >= recent.size() ? stored : recent.series(symbol, stored.timeframe());
        for (int i = 0; i < warmOn.size(); i++) {
            strategy.onBar(warmOn.openTime(i), warmOn.open(i), warmOn.high(i), warmOn.low(i), warmOn.close(i), warmOn.volume(i));
        }
        int warmedOn = warmOn.size();
        plan = next;
        trader.replaceStrategy(strategy);
        trader.reconfigure(traderSettings(next), time, out);
        out.log(time, next.source().equals("configuration") ? LogLevel.INIT : LogLevel.LLM, "now trading " + next.strategyName() + " "
                + next.parameters() + " (warmed up on " + warmedOn + " recent bars" + (strategy.ready() ? "" : ", still " + warmingUp(strategy)) + ")",
                Map.of("strategy", next.strategyName()));
    }

    private TradingAgent.Settings traderSettings(Plan plan) {
        RiskSettings risk = settings.risk();
        if (plan.maxLossPct() != null) {
            risk = risk.withMaxLossPct(plan.maxLossPct().min(risk.maxLossPct()));
        }
        return new TradingAgent.Settings(agentId, settings.instrument(), risk, settings.costs(), plan.threshold(), env.initialEquity());
    }

    // ---------------------------------------------------------------- supervision

    /**
     * The position is due for review: it is marked on {@code positions.events} with the review's context, which the
     * llm-supervisor answers on {@code risk.adjustments} (request sequence = the review's).
     */
    private void requestSupervision(long time, Emitter out) {
        supervisionRequest = ++advisorSequence;
        supervisedPosition = trader.positionId();
        ticksSinceSupervision = 0;
        reviewFrom = time;
        out.reviewWithNextMark(AdvisorRequests.of(agentId, config.getOwnerId(), AdvisorKind.SUPERVISION, supervisionRequest, time, settings,
                plan, trader, adx, returns, recent));
        if (!trader.mark(time, out)) {
            out.reviewWithNextMark(null); // no price to mark at yet: nothing to review on
            supervisionRequest = 0;
        }
    }

    void onAdjustment(RiskAdjustment reply, Emitter out) {
        long time = reply.getEventTime().toEpochMilli();
        Map<String, String> fields = Map.of("decision_id", reply.getDecisionId(), "action", reply.getAction().name());
        if (status != AgentState.RUNNING) {
            out.log(time, LogLevel.WARN, "supervisor reply ignored: the agent is " + status.name().toLowerCase(Locale.ROOT), fields);
            return;
        }
        if (reply.getRequestSequence() != supervisionRequest) {
            out.log(time, LogLevel.WARN, "supervisor reply to request " + reply.getRequestSequence() + " ignored: "
                    + (supervisionRequest == 0 ? "no review is awaited" : "request " + supervisionRequest + " is the one awaited")
                    + " (late or out of order)", fields);
            return;
        }
        supervisionRequest = 0;
        String position = trader.positionId();
        if (position == null || !position.equals(supervisedPosition)
                || (reply.getPositionId() != null && !reply.getPositionId().equals(position))) {
            out.log(time, LogLevel.WARN, "supervisor reply ignored: position " + supervisedPosition + " is no longer open", fields);
            return;
        }
        String who = "supervisor (" + reply.getProvider() + (reply.getFallback() ? " fallback" : "") + ")";
        switch (reply.getAction()) {
            case KEEP -> out.log(time, LogLevel.SUPERVISOR, who + " keeps the position: " + reply.getReasoning(), fields);
            case CLOSE -> {
                out.log(time, LogLevel.SUPERVISOR, who + " closes the position: " + reply.getReasoning(), fields);
                if (!trader.close(OrderPurpose.SUPERVISOR_CLOSE, who + ": " + reply.getReasoning(), time, out)) {
                    out.log(time, LogLevel.WARN, "supervisor close not sent: an order is already in flight", fields);
                }
            }
            case ADJUST_TP_SL -> {
                List<String> notes = trader.adjustLevels(Decimals.fromWire(reply.getStopLoss()), Decimals.fromWire(reply.getTakeProfit()),
                        time, who, fields, out);
                if (!notes.isEmpty()) {
                    out.log(time, LogLevel.WARN, who + " levels not taken as given: " + String.join("; ", notes), fields);
                }
            }
        }
    }

    // ---------------------------------------------------------------- executions

    void onExecution(ExecutionReport report, MarketLog market, Emitter out) {
        long time = report.getEventTime().toEpochMilli();
        ClientOrderId id = new ClientOrderId(report.getClientOrderId());
        // what happened before the venue acted, while the order was in flight, comes first
        replayHeld(market, event -> event.time() < time, out);
        switch (report.getStatus()) {
            case FILLED, PARTIALLY_FILLED -> {
                if (report.getLastQuantity() == null || report.getLastPrice() == null) {
                    if (report.getStatus() == ExecutionStatus.FILLED) {
                        // the venue's last word on an order whose fills were all reported before
                        trader.onOrderDone(id);
                    } else {
                        out.log(time, LogLevel.ERROR, "execution report " + report.getStatus() + " for " + id
                                + " without a fill quantity or price; ignored", Map.of("client_order_id", id.value()));
                        return;
                    }
                    break;
                }
                Liquidity liquidity = report.getLiquidity() == null ? Liquidity.TAKER : Liquidity.valueOf(report.getLiquidity().name());
                BigDecimal fee = report.getFee() == null ? BigDecimal.ZERO : Decimals.fromWire(report.getFee());
                trader.onFill(new Fill(id, Side.valueOf(report.getSide().name()), Decimals.fromWire(report.getLastPrice()),
                        Decimals.fromWire(report.getLastQuantity()), fee, liquidity, time), report.getStatus() == ExecutionStatus.FILLED, out);
                if (trader.position().isFlat()) {
                    supervisionRequest = 0;
                    ticksSinceSupervision = 0;
                    reviewFrom = -1;
                }
            }
            case CANCELLED -> {
                if (trader.inFlight() == null || !trader.inFlight().clientOrderId().equals(id)) {
                    // the gateway's own orders at the venue (a live position's stop-loss and take-profit) are moved and
                    // taken away as the position changes; the agent did not send them
                    out.log(time, LogLevel.SL_TP, "the venue's protective order " + id + " was cancelled", Map.of("client_order_id", id.value()));
                } else {
                    rejected(report, id, time, out);
                }
            }
            case REJECTED -> rejected(report, id, time, out);
            case ACKNOWLEDGED -> {
            }
        }
        finishKillSwitch(time, out);
        checkHalted(time, out);
        if (trader.inFlight() == null) {
            // once no order is in flight, what was held meanwhile goes to the agent in order, until it decides again
            replayHeld(market, event -> trader.inFlight() == null, out);
            if (trader.inFlight() == null) {
                heldFrom = -1;
            }
        }
    }

    /** The venue refused or cancelled the order in flight; a halt in the report puts the agent in {@code error}. */
    private void rejected(ExecutionReport report, ClientOrderId id, long time, Emitter out) {
        String reason = (report.getRejectCode() == null ? "" : report.getRejectCode() + ": ")
                + (report.getRejectReason() == null ? report.getStatus().name().toLowerCase(Locale.ROOT) : report.getRejectReason());
        trader.onRejected(id, reason, time, out);
        if (report.getHalt() || RECONCILIATION_FAILED.equals(report.getRejectCode())) {
            status(AgentState.ERROR, (RECONCILIATION_FAILED.equals(report.getRejectCode()) ? "reconciliation with " + report.getVenue()
                    + " failed: " : report.getVenue() + " cannot trade for this agent: ") + reason, time, out);
        }
    }

    /** Steps through the held market events while {@code go} holds for the next one; {@link #heldFrom} follows. */
    private void replayHeld(MarketLog market, java.util.function.Predicate<MarketLog.Event> go, Emitter out) {
        if (heldFrom < 0 || trader == null) {
            return;
        }
        long wanted = heldFrom;
        String input = out.causationId();
        long first = market.replay(symbol(), heldFrom, event -> {
            if (!go.test(event)) {
                return false;
            }
            // what the agent decides on a held event is caused by that event, not by the report that released it
            out.causedBy(event.cause() == null ? input : event.cause());
            if (event.bar()) {
                if (event.interval() == settings.intervalSeconds()) {
                    bar(event.openTime(), event.time(), event.open(), event.high(), event.low(), event.close(), event.volume(), out);
                }
            } else {
                step(event.time(), event.price(), event.symbolTicks(), false, out);
            }
            heldFrom = event.seq() + 1;
            return true;
        });
        out.causedBy(input);
        if (first > wanted) {
            out.log(trader.lastTime(), LogLevel.WARN, (first - wanted) + " market events that came while an order was in flight are no "
                    + "longer kept (more than held-events were held) and were skipped", Map.of("missed", Long.toString(first - wanted)));
        }
    }

    /**
     * After each execution while the owner's kill switch is pulled: an agent still running (stopping) says it stopped
     * once it is flat; one that still holds a position with no order in flight (an entry filled meanwhile, a close
     * refused) closes it at market.
     */
    private void finishKillSwitch(long time, Emitter out) {
        if (config == null || !config.getFlattenOnStop()) {
            return;
        }
        // deleted with close_position: deleted once flat; the kill switch: a running agent says it stopped once flat
        boolean deleting = config.getDesiredState() == DesiredState.DELETED;
        if (!deleting && (config.getDesiredState() != DesiredState.STOPPED || (status != AgentState.RUNNING && status != AgentState.STOPPED))) {
            return;
        }
        if (trader.position().isFlat() && trader.inFlight() == null) {
            if (deleting) {
                out.log(time, LogLevel.STOP, "deleted: flat", Map.of());
                status(AgentState.DELETED, null, time, out);
            } else if (status == AgentState.RUNNING) {
                out.log(time, LogLevel.STOP, "stopped by its owner's kill switch: flat", Map.of());
                status(AgentState.STOPPED, null, time, out);
            }
        } else if (!trader.position().isFlat() && trader.close(OrderPurpose.KILL_SWITCH,
                deleting ? "deleted by its owner: closed at market first" : "kill switch: flattened by its owner", time, out)) {
            out.log(time, LogLevel.STOP, (deleting ? "deleting" : "kill switch") + ": the position is being closed at market", Map.of());
        }
    }

    /**
     * Once per interval of the agent's (and at its first tick after it starts): a {@code tick} log line with the ticks
     * stepped through since the last one, and the open position marked to the price.
     */
    private void beat(long time, BigDecimal tickPrice, long symbolTicks, Emitter out) {
        long ticks = lastBeat < 0 ? 1 : symbolTicks - ticksAtBeat;
        lastBeat = time;
        ticksAtBeat = symbolTicks;
        if (env.tickLines()) {
            String price = tickPrice.stripTrailingZeros().toPlainString();
            out.log(time, LogLevel.TICK, ticks + (ticks == 1 ? " tick" : " ticks") + ", price " + price + ", " + positionText()
                            + (trader.strategy().ready() ? "" : ", " + warmingUp(trader.strategy())),
                    Map.of("ticks", Long.toString(ticks), "price", price));
        }
        trader.mark(time, out);
    }

    private String positionText() {
        Position p = trader.position();
        return p.isFlat() ? "flat" : p.side().name().toLowerCase(Locale.ROOT) + " " + p.quantity().toPlainString() + " @ "
                + p.averagePrice().toPlainString() + ", stop " + trader.levels().stopLoss().toPlainString() + ", take-profit "
                + trader.levels().takeProfit().toPlainString();
    }

    // ---------------------------------------------------------------- reading

    String agentId() {
        return agentId;
    }

    AgentState status() {
        return status;
    }

    /** The symbol whose ticks this agent needs, or null while it has no valid configuration. */
    String symbol() {
        return settings == null ? null : settings.instrument().symbol().toString();
    }

    TradingAgent trader() {
        return trader;
    }

    Plan plan() {
        return plan;
    }

    Plan pendingPlan() {
        return pendingPlan;
    }

    long bars() {
        return bars;
    }

    /** The first market event held while an order is in flight, or -1. */
    long heldFrom() {
        return heldFrom;
    }

    /** The interval of the bars the agent trades, 0 while it has no valid configuration. */
    int intervalSeconds() {
        return settings == null ? 0 : settings.intervalSeconds();
    }

    /** Makes the emitter speak for this agent, as configured by {@code latest} (the configuration being applied, if any). */
    void speak(Emitter out, String causationId, AgentConfig latest) {
        AgentConfig c = latest != null ? latest : config;
        String symbol = settings != null ? symbol() : c == null ? "" : c.getSymbol();
        out.speakFor(agentId, c == null ? "" : c.getOwnerId(), symbol, c != null && c.getLiveMode(),
                settings == null ? 1 : settings.risk().leverage(), causationId);
    }

    // ---------------------------------------------------------------- state

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static HostedAgent fromBytes(String agentId, byte[] bytes, ProcessorSettings env, BarHistory history) {
        HostedAgent agent = new HostedAgent(agentId, env, history);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            agent.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("agent " + agentId + ": unreadable state", e);
        }
        return agent;
    }

    private void write(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(configBytes.length);
        out.write(configBytes);
        out.writeUTF(status.name());
        out.writeUTF(statusReason == null ? "" : statusReason);
        out.writeBoolean(trader != null);
        if (trader == null) {
            return;
        }
        writePlan(out, plan);
        out.writeBoolean(pendingPlan != null);
        if (pendingPlan != null) {
            writePlan(out, pendingPlan);
        }
        trader.write(out);
        out.writeLong(barsFrom);
        out.writeLong(bars);
        out.writeLong(barsSincePlan);
        out.writeLong(ticksSinceSupervision);
        out.writeLong(advisorSequence);
        out.writeLong(planRequest);
        out.writeLong(supervisionRequest);
        out.writeUTF(supervisedPosition == null ? "" : supervisedPosition);
        adx.write(out);
        returns.write(out);
        out.writeDouble(previousClose);
        recent.write(out);
        out.writeLong(heldFrom);
        out.writeLong(reviewFrom);
    }

    private void read(DataInput in) throws IOException {
        int format = in.readByte();
        if (format < 1 || format > FORMAT) {
            throw new IOException("unknown state format " + format);
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        configBytes = bytes;
        config = CONFIG_SERDE.decode(bytes);
        status = AgentState.valueOf(in.readUTF());
        String reason = in.readUTF();
        statusReason = reason.isEmpty() ? null : reason;
        if (!in.readBoolean()) {
            return;
        }
        AgentSettings.Checked checked = AgentSettings.check(config, env.instruments(), env.catalog(), env.riskDefaults());
        if (!(checked instanceof AgentSettings.Valid valid)) {
            throw new IOException("stored configuration no longer valid: " + ((AgentSettings.Invalid) checked).reason());
        }
        settings = valid.settings();
        plan = readPlan(in);
        pendingPlan = in.readBoolean() ? readPlan(in) : null;
        trader = new TradingAgent(traderSettings(plan), env.catalog().require(plan.strategyName()).create(plan.parameters()));
        trader.read(in);
        barsFrom = in.readLong();
        bars = in.readLong();
        barsSincePlan = in.readLong();
        ticksSinceSupervision = in.readLong();
        advisorSequence = in.readLong();
        planRequest = in.readLong();
        supervisionRequest = in.readLong();
        String supervised = in.readUTF();
        supervisedPosition = supervised.isEmpty() ? null : supervised;
        adx.read(in);
        returns.read(in);
        previousClose = in.readDouble();
        recent = new RecentBars(recentCapacity());
        recent.read(in);
        if (format >= 2) {
            heldFrom = in.readLong();
        }
        reviewFrom = format >= 3 ? in.readLong() : -1;
    }

    private static void writePlan(DataOutput out, Plan plan) throws IOException {
        out.writeUTF(plan.strategyName());
        Map<String, Double> values = plan.parameters().asMap();
        out.writeInt(values.size());
        for (Map.Entry<String, Double> e : values.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
        out.writeDouble(plan.threshold());
        out.writeUTF(plan.maxLossPct() == null ? "" : plan.maxLossPct().toPlainString());
        out.writeUTF(plan.source());
    }

    private Plan readPlan(DataInput in) throws IOException {
        String name = in.readUTF();
        int n = in.readInt();
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            values.put(in.readUTF(), in.readDouble());
        }
        double threshold = in.readDouble();
        String maxLoss = in.readUTF();
        String source = in.readUTF();
        return new Plan(name, StrategyParameters.of(env.catalog().require(name), values), threshold,
                maxLoss.isEmpty() ? null : new BigDecimal(maxLoss), source);
    }
}
