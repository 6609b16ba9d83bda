package io.agenthub.core.agent;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.Strategy;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.trading.LogLevel;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.TradingAgent;
import io.agenthub.core.trading.TradingSettings;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One agent, whole: the kernel that the backtest engine, the stream processor and any other runner drive, and nothing
 * else. It takes one event at a time (its owner's configuration, a tick, a closed bar of its interval, a venue's report,
 * a plan, a supervisor's reply) and says what the agent does through {@link KernelOutputs}: orders, position updates,
 * log lines, status, planning and review requests. Its state writes to bytes ({@link KernelCodec}) and reads back to
 * identical behaviour.
 *
 * <ul>
 *   <li><b>Trading</b> is the {@link TradingAgent} step: signals, risk, protective levels, the loss limit.</li>
 *   <li><b>Bars</b>: a bar the agent did not see from its first instant (it started mid-bar) is not given to the
 *   strategy. At its first tick after it starts, it warms up on the stored bars of its interval ({@link BarSource}).</li>
 *   <li><b>Advisors</b> ({@link AdvisorCycles}): plans are checked and applied at the next bar boundary; an open position
 *   is reviewed every N ticks or seconds.</li>
 *   <li><b>Lifecycle</b>: {@code running}, {@code stopped} (emits nothing; fills of orders already sent still apply),
 *   {@code error} (bad configuration, strategy failure, loss limit, failed reconciliation) until a person starts it
 *   again with a new configuration revision; the owner's kill switch and delete close the position first when asked.</li>
 * </ul>
 */
public final class AgentKernel {

    /**
     * What the kernel needs of the runner, the same for every agent it runs.
     *
     * @param contextBars   closed bars kept for a planner's context and a new strategy's warm-up
     * @param tickLines     a {@code tick} log line once per interval
     * @param marketContext whether the agent keeps the market context an advisor is asked with (ADX, returns, recent
     *                      bars); a backtest without advisors does not
     */
    public record Environment(StrategyCatalog catalog, BigDecimal initialEquity, int contextBars, boolean tickLines,
                              boolean marketContext, BarSource history) {
        public Environment {
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(initialEquity, "initialEquity");
            Objects.requireNonNull(history, "history");
        }
    }

    /** Cycles an advisor request is awaited before a new one replaces it. */
    public static final int PATIENCE_CYCLES = 10;

    /** What the runner must do with the agent's stored state after a configuration. */
    public enum Outcome { KEEP, REMOVE }

    final AgentId agentId;
    final Environment env;
    final AdvisorCycles advisors = new AdvisorCycles(this);

    AgentSpec spec;
    AgentSettings settings;
    Lifecycle status = Lifecycle.CREATING;
    String statusReason;
    TradingAgent trader;
    Plan plan;
    Plan pendingPlan;
    MarketContext context;
    /** Open time of the first bar this agent saw from its first instant since it last started; -1 before its first tick. */
    long barsFrom = -1;
    long bars;

    /**
     * Event time of the last interval line (the {@code tick} log line and the mark), made at the first tick of each
     * interval (aligned as bars are); -1 before the first since the agent started. Stored, so that a restored agent
     * makes its lines when the uninterrupted one would have.
     */
    long lastBeat = -1;
    /** The symbol's tick count at the last interval line, for the count of ticks since. */
    long ticksAtBeat;
    /** Ticks stepped through since the runner last asked: its evaluation count; not stored. */
    private long stepped;

    public AgentKernel(AgentId agentId, Environment env) {
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.env = Objects.requireNonNull(env, "env");
    }

    // ---------------------------------------------------------------- configuration and lifecycle

    /** A revision of the owner's configuration: create, reconfigure, start, stop, the kill switch, delete. */
    public Outcome configure(AgentSpec update, long time, KernelOutputs out) {
        return Configurations.apply(this, update, time, out);
    }

    /** A failure inside the agent (its strategy threw): the agent stops in {@code error}; nothing else is affected. */
    public void fail(RuntimeException error, long time, KernelOutputs out) {
        String reason = "strategy failure: " + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        out.log(time, LogLevel.ERROR, reason, Map.of());
        status(Lifecycle.ERROR, reason, time, out);
    }

    void status(Lifecycle state, String reason, long time, KernelOutputs out) {
        status = state;
        statusReason = reason;
        out.status(state, reason, spec == null ? 0 : spec.revision(), time);
    }

    /** After every step: a halted trader (loss limit, kill switch) puts a running agent in {@code error}. */
    void checkHalted(long time, KernelOutputs out) {
        if (status == Lifecycle.RUNNING && trader.halted()) {
            status(Lifecycle.ERROR, trader.haltReason(), time, out);
        }
    }

    TradingSettings traderSettings(Plan plan) {
        RiskSettings risk = settings.risk();
        if (plan.maxLossPct() != null) {
            risk = risk.withMaxLossPct(plan.maxLossPct().min(risk.maxLossPct()));
        }
        return new TradingSettings(agentId, settings.instrument(), risk, settings.costs(), plan.threshold(), env.initialEquity());
    }

    // ---------------------------------------------------------------- market data

    /**
     * A tick of the agent's symbol, the {@code symbolTicks}-th of the symbol the runner has seen.
     *
     * @param wholeBar whether the runner's open bar of the agent's interval holds every tick of it (the agent then
     *                 decides on it, though it started after the bar opened)
     * @return whether the agent's stored state must be written (more changed than the last price)
     */
    public boolean tick(long time, double price, long symbolTicks, boolean wholeBar, KernelOutputs out) {
        if (status != Lifecycle.RUNNING) {
            return false;
        }
        stepped++;
        trader.onTick(time, price, out);
        if (onlyTradingOnTicks(out) && !trader.halted()) {
            return false; // a quiet tick of a backtest: nothing else to do (kept small, so that the runner's loop inlines it)
        }
        return afterTick(time, price, symbolTicks, wholeBar, out);
    }

    /**
     * Whether ticks within [{@code low}, {@code high}] would change nothing but the last price ({@link TradingAgent#quietWithin}):
     * a runner that knows a stretch of ticks stays within it (a candle's path) may give its last tick alone.
     */
    public boolean quietWithin(double low, double high, KernelOutputs out) {
        return status != Lifecycle.RUNNING || onlyTradingOnTicks(out) && trader.quietWithin(low, high);
    }

    /** Whether ticks concern the trading step alone: the first is past, no mark nor review waits on them. */
    private boolean onlyTradingOnTicks(KernelOutputs out) {
        return barsFrom >= 0 && !out.wantsMarks() && !spec.advisors().supervisor();
    }

    /** After the trading step's tick: the first tick's warm-up, the interval line and mark, the review cycle, a halt. */
    private boolean afterTick(long time, double price, long symbolTicks, boolean wholeBar, KernelOutputs out) {
        boolean changed = false;
        if (barsFrom < 0) {
            changed = true;
            firstTick(time, price, wholeBar, out);
        }
        if (out.wantsMarks() && (lastBeat < 0 || Math.floorDiv(time, settings.intervalMillis()) > Math.floorDiv(lastBeat, settings.intervalMillis()))) {
            changed = true;
            beat(time, price, symbolTicks, out);
        }
        if (spec.advisors().supervisor() && !trader.position().isFlat() && trader.inFlight() == null) {
            changed = true;
            advisors.ticked(time, out);
        }
        checkHalted(time, out);
        return changed;
    }

    /** The first tick since the agent started: the bars it decides on start with the first it sees whole; it warms up. */
    private void firstTick(long time, double price, boolean wholeBar, KernelOutputs out) {
        long interval = settings.intervalMillis();
        long open = Math.floorDiv(time, interval) * interval;
        barsFrom = time == open || wholeBar ? open : open + interval;
        warmUp(open, time, price, out);
    }

    /** Whether a closed bar opening at {@code openTime} goes to the strategy (the agent runs and saw it whole). */
    public boolean decidesOn(long openTime) {
        return status == Lifecycle.RUNNING && barsFrom >= 0 && openTime >= barsFrom;
    }

    /** A closed bar of the agent's interval: the strategy decides, unless the agent did not see the whole bar. */
    public void bar(long openTime, long closeTime, double open, double high, double low, double close, double volume, KernelOutputs out) {
        if (!decidesOn(openTime)) {
            return;
        }
        if (pendingPlan != null) {
            advisors.applyPlan(openTime, closeTime, out);
        }
        boolean warming = !trader.strategy().ready();
        trader.decide(learn(openTime, closeTime, open, high, low, close, volume), close, closeTime, out);
        if (warming) {
            warming(closeTime, out);
        }
        bars++;
        advisors.barClosed(closeTime, out);
        checkHalted(closeTime, out);
    }

    /** After a bar the strategy was still warming up for: it says whether it is warm now. */
    private void warming(long time, KernelOutputs out) {
        Strategy strategy = trader.strategy();
        if (strategy.ready()) {
            if (out.wantsText()) {
                out.log(time, LogLevel.INIT, "warmed up: " + strategy.explain(), Map.of());
            }
            status(Lifecycle.RUNNING, null, time, out);
        } else {
            status(Lifecycle.RUNNING, warmingUp(strategy), time, out);
        }
    }

    /** A closed bar the agent learns from: its market context (for its advisors), its strategy and ATR; returns the signal. */
    private double learn(long openTime, long closeTime, double open, double high, double low, double close, double volume) {
        if (env.marketContext()) {
            context.learn(openTime, open, high, low, close, volume);
        }
        return trader.learn(openTime, closeTime, open, high, low, close, volume);
    }

    /**
     * At the first tick after the agent starts: it learns the stored bars of its interval that closed by {@code open}
     * (the current bar's open) and, warm and with the last of them just closed, decides on it at this tick's price. A
     * strategy that saw bars before a pause starts afresh when the history can warm it up; it keeps what it knew when not.
     */
    private void warmUp(long open, long time, double price, KernelOutputs out) {
        Strategy fresh = plan.strategy().create(plan.parameters());
        int wanted = Math.max(fresh.warmup(), Math.max(MarketContext.RETURNS_WINDOW, recentCapacity()));
        BarSeries stored = env.history().last(settings.instrument().symbol(), settings.intervalSeconds(), open, wanted);
        String interval = Timeframe.ofSeconds(settings.intervalSeconds()).label();
        boolean learned = stored.size() >= fresh.warmup() || trader.strategy().barsSeen() == 0;
        if (!learned) {
            out.log(time, LogLevel.INIT, "resumed with what the strategy knew before it stopped (" + stored.size() + " stored " + interval
                    + " bars, fewer than the " + fresh.warmup() + " it needs afresh)", Map.of());
        } else {
            trader.forgetMarket(fresh);
            context.reset(recentCapacity());
            for (int i = 0; i < stored.size(); i++) {
                learn(stored.openTime(i), stored.openTime(i) + settings.intervalMillis(), stored.open(i), stored.high(i), stored.low(i),
                        stored.close(i), stored.volume(i));
            }
        }
        Strategy strategy = trader.strategy();
        if (!strategy.ready()) {
            String warming = warmingUp(strategy);
            if (out.wantsText()) {
                out.log(time, LogLevel.INIT, warming + (stored.size() == 0 ? " (no stored " + interval + " bars of " + symbol() + ")"
                        : " (" + stored.size() + " stored " + interval + " bars)") + "; it decides once warm", Map.of("stored_bars", Integer.toString(stored.size())));
            }
            status(Lifecycle.RUNNING, warming, time, out);
            return;
        }
        // its signal is the just-closed bar's only when it learned the stored bars now
        boolean current = learned && stored.size() > 0 && stored.openTime(stored.size() - 1) + settings.intervalMillis() == open;
        if (out.wantsText()) {
            out.log(time, LogLevel.INIT, (learned ? "warmed up on " + stored.size() + " stored " + interval + " bars: " : "warm: ") + strategy.explain()
                    + (current ? "; deciding on the bar that just closed" : ""), Map.of("stored_bars", Integer.toString(stored.size())));
        }
        if (current) {
            trader.decide(strategy.signal(), price, time, out);
        }
    }

    static String warmingUp(Strategy strategy) {
        return "warming up, " + strategy.barsSeen() + " of " + strategy.warmup() + " bars";
    }

    /** Closed bars kept for the planner's context: none without a planner. */
    int recentCapacity() {
        return spec.advisors().planner() ? env.contextBars() : 0;
    }

    /**
     * After a restore: a running agent that has seen ticks since it started saw every tick of its symbol since, so its
     * last price is the symbol's (which the runner keeps apart, as it changes on every tick).
     */
    public void restoreLastSeen(double price, long time) {
        if (trader != null && status == Lifecycle.RUNNING && barsFrom >= 0 && !Double.isNaN(price)) {
            trader.restoreLastSeen(price, time);
        }
    }

    /** The ticks stepped through since the last call. */
    public long takeStepped() {
        long n = stepped;
        stepped = 0;
        return n;
    }

    /**
     * Once per interval of the agent's (and at its first tick after it starts): a {@code tick} log line with the ticks
     * stepped through since the last one, and the open position marked to the price.
     */
    private void beat(long time, double tickPrice, long symbolTicks, KernelOutputs out) {
        long ticks = lastBeat < 0 ? 1 : symbolTicks - ticksAtBeat;
        lastBeat = time;
        ticksAtBeat = symbolTicks;
        if (env.tickLines()) {
            String price = BigDecimal.valueOf(tickPrice).stripTrailingZeros().toPlainString();
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

    /** The planner's answer: checked, and applied at the next bar boundary. */
    public void plan(PlanReply reply, KernelOutputs out) {
        advisors.onPlan(reply, out);
    }

    /** The supervisor's answer to a review of the open position. */
    public void supervise(SupervisorReply reply, KernelOutputs out) {
        advisors.onAdjustment(reply, out);
    }

    /** What the venue says of one of the agent's orders. */
    public void execution(VenueReport report, KernelOutputs out) {
        Executions.apply(this, report, out);
    }

    // ---------------------------------------------------------------- reading

    public AgentId agentId() {
        return agentId;
    }

    public Lifecycle status() {
        return status;
    }

    public boolean running() {
        return status == Lifecycle.RUNNING;
    }

    /** The configuration applied last, or null before the first. */
    public AgentSpec spec() {
        return spec;
    }

    /** The settings in force, or null while the agent has no valid configuration. */
    public AgentSettings settings() {
        return settings;
    }

    /** The symbol the agent trades, or null while it has no valid configuration. */
    public Symbol symbol() {
        return settings == null ? null : settings.instrument().symbol();
    }

    /** The interval of the bars the agent trades, 0 while it has no valid configuration. */
    public int intervalSeconds() {
        return settings == null ? 0 : settings.intervalSeconds();
    }

    /** The trading step, or null before a valid configuration. */
    public TradingAgent trader() {
        return trader;
    }

    /** The order in flight, or null. */
    public OrderRequest inFlight() {
        return trader == null ? null : trader.inFlight();
    }

    public Plan plan() {
        return plan;
    }

    public Plan pendingPlan() {
        return pendingPlan;
    }

    /** Closed bars the strategy decided on. */
    public long bars() {
        return bars;
    }
}
