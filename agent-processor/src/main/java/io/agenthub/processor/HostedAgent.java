package io.agenthub.processor;

import io.agenthub.core.agent.AgentKernel;
import io.agenthub.core.agent.AgentSpec;
import io.agenthub.core.agent.KernelCodec;
import io.agenthub.core.agent.Lifecycle;
import io.agenthub.core.agent.Plan;
import io.agenthub.core.broker.Venues;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.trading.LogLevel;
import io.agenthub.core.trading.TradingAgent;
import io.agenthub.processor.wire.Emitter;
import io.agenthub.processor.wire.WireAgents;
import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.StrategyPlan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One agent as the processor hosts it: the {@link AgentKernel} (everything the agent does), fed from the task's
 * records, and what only a stream processor needs around it: the configuration as it came on the wire, and the market
 * events held while an order is in flight. The agent decides nothing between sending an order and hearing of it, so
 * what comes meanwhile is held (in the task's {@link MarketLog}) and replayed in order once the venue has answered,
 * first what came before the venue acted. The whole of it writes to bytes for the state store and reads back to
 * identical behaviour.
 */
final class HostedAgent {

    /**
     * 5: configuration, held events, then the kernel's state; 4 (the kernel's state without the interval line's clock)
     * and 1-3 (the kernel's fields around the held events) still read.
     */
    private static final int FORMAT = 5;
    private static final AvroSerde<AgentConfig> CONFIG_SERDE = AvroSerde.of(AgentConfig.class);

    private final ProcessorSettings env;
    private AgentKernel kernel;
    private AgentConfig config;
    private byte[] configBytes;
    /**
     * The first market event (of the task's {@link MarketLog}) the agent has not stepped through because an order was
     * in flight; -1 while it holds nothing.
     */
    private long heldFrom = -1;

    HostedAgent(String agentId, ProcessorSettings env, BarHistory history) {
        this(env, new AgentKernel(AgentId.of(agentId), environment(env, history)));
    }

    private HostedAgent(ProcessorSettings env, AgentKernel kernel) {
        this.env = env;
        this.kernel = kernel;
    }

    private static AgentKernel.Environment environment(ProcessorSettings env, BarHistory history) {
        return new AgentKernel.Environment(env.catalog(), env.initialEquity(), env.contextBars(), env.tickLines(), true, history::last);
    }

    private static AgentSpec spec(AgentConfig config, ProcessorSettings env) {
        return WireAgents.spec(config, env.instruments(), env.catalog(), env.riskDefaults());
    }

    // ---------------------------------------------------------------- inputs

    AgentKernel.Outcome onConfig(AgentConfig update, Emitter out) {
        AgentSpec spec = spec(update, env);
        AgentKernel.Outcome outcome = kernel.configure(spec, update.getEventTime().toEpochMilli(), out);
        if (kernel.spec() == spec) {
            // applied (not an old revision): kept as it came, to be read back with the state
            config = update;
            configBytes = CONFIG_SERDE.encode(update);
        }
        return outcome;
    }

    /**
     * A tick of the agent's symbol (not late), the {@code seq}-th market event of the task's log for the symbol.
     *
     * @return whether the agent's stored state must be written (more changed than the last price)
     */
    boolean onTick(MarketTick tick, SymbolMarket market, long seq, Emitter out) {
        if (!kernel.running() || heldFrom >= 0) {
            // already holding: nothing of the agent's own changes (the event is in the task's log)
            return false;
        }
        if (hold(seq)) {
            return true;
        }
        return kernel.tick(tick.time().toEpochMilli(), tick.price().doubleValue(), market.ticks(), market.whole(kernel.intervalSeconds()), out);
    }

    /**
     * A closed bar of the agent's interval: the strategy decides, unless the agent did not see the whole bar.
     *
     * @return whether the agent's stored state must be written (not when the bar joins what it already holds)
     */
    boolean onBar(long seq, long openTime, long closeTime, double open, double high, double low, double close, double volume, Emitter out) {
        if (kernel.decidesOn(openTime)) {
            if (heldFrom >= 0) {
                return false;
            }
            if (hold(seq)) {
                return true;
            }
        }
        kernel.bar(openTime, closeTime, open, high, low, close, volume, out);
        return true;
    }

    /** Whether the agent holds event {@code seq} for later: an order is in flight, or it has not caught up yet. */
    private boolean hold(long seq) {
        if (heldFrom >= 0) {
            return true;
        }
        if (kernel.inFlight() == null) {
            return false;
        }
        heldFrom = seq;
        return true;
    }

    void onPlan(StrategyPlan reply, Emitter out) {
        kernel.plan(WireAgents.plan(reply), out);
    }

    void onAdjustment(RiskAdjustment reply, Emitter out) {
        kernel.supervise(WireAgents.adjustment(reply), out);
    }

    void onExecution(ExecutionReport report, MarketLog market, Emitter out) {
        long time = report.getEventTime().toEpochMilli();
        // what happened before the venue acted, while the order was in flight, comes first
        replayHeld(market, event -> event.time() < time, out);
        kernel.execution(WireAgents.report(report), out);
        if (kernel.inFlight() == null) {
            // once no order is in flight, what was held meanwhile goes to the agent in order, until it decides again
            replayHeld(market, event -> kernel.inFlight() == null, out);
            if (kernel.inFlight() == null) {
                heldFrom = -1;
            }
        }
    }

    /** Steps through the held market events while {@code go} holds for the next one; {@link #heldFrom} follows. */
    private void replayHeld(MarketLog market, Predicate<MarketLog.Event> go, Emitter out) {
        if (heldFrom < 0 || kernel.trader() == null) {
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
                if (event.interval() == kernel.intervalSeconds()) {
                    kernel.bar(event.openTime(), event.time(), event.open(), event.high(), event.low(), event.close(), event.volume(), out);
                }
            } else {
                kernel.tick(event.time(), event.price().doubleValue(), event.symbolTicks(), false, out);
            }
            heldFrom = event.seq() + 1;
            return true;
        });
        out.causedBy(input);
        if (first > wanted) {
            out.log(kernel.trader().lastTime(), LogLevel.WARN, (first - wanted) + " market events that came while an order was in flight are no "
                    + "longer kept (more than held-events were held) and were skipped", Map.of("missed", Long.toString(first - wanted)));
        }
    }

    /** A failure inside the agent (its strategy threw): the agent stops in {@code error}; nothing else is affected. */
    void fail(RuntimeException error, long time, Emitter out) {
        kernel.fail(error, time, out);
    }

    /** After a restore: a running agent's last price is the symbol's (which the task keeps apart, as it changes on every tick). */
    void restoreLastSeen(SymbolMarket market) {
        kernel.restoreLastSeen(market.lastPrice(), market.lastTime());
    }

    /** The ticks stepped through (as they came, or held and replayed) since the last call. */
    long takeStepped() {
        return kernel.takeStepped();
    }

    /** Whether the agent holds the market events that come now (the task logs them while any agent does). */
    boolean holding() {
        return kernel.running() && (heldFrom >= 0 || kernel.inFlight() != null);
    }

    // ---------------------------------------------------------------- reading

    String agentId() {
        return kernel.agentId().value();
    }

    Lifecycle status() {
        return kernel.status();
    }

    /** The symbol whose ticks this agent needs, or null while it has no valid configuration. */
    String symbol() {
        return kernel.symbol() == null ? null : kernel.symbol().toString();
    }

    TradingAgent trader() {
        return kernel.trader();
    }

    Plan plan() {
        return kernel.plan();
    }

    Plan pendingPlan() {
        return kernel.pendingPlan();
    }

    long bars() {
        return kernel.bars();
    }

    /** The first market event held while an order is in flight, or -1. */
    long heldFrom() {
        return heldFrom;
    }

    /** The interval of the bars the agent trades, 0 while it has no valid configuration. */
    int intervalSeconds() {
        return kernel.intervalSeconds();
    }

    /** Makes the emitter speak for this agent, as configured by {@code latest} (the configuration being applied, if any). */
    void speak(Emitter out, String causationId, AgentConfig latest) {
        AgentConfig c = latest != null ? latest : config;
        String symbol = kernel.settings() != null ? symbol() : c == null ? "" : c.getSymbol();
        out.speakFor(kernel.agentId().value(), c == null ? "" : c.getOwnerId(), symbol, c == null ? Venues.PAPER : Venues.of(c.getVenue(), c.getLiveMode()),
                kernel.settings() == null ? 1 : kernel.settings().risk().leverage(), causationId);
    }

    // ---------------------------------------------------------------- state

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(configBytes.length);
            out.write(configBytes);
            out.writeLong(heldFrom);
            KernelCodec.write(kernel, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static HostedAgent fromBytes(String agentId, byte[] bytes, ProcessorSettings env, BarHistory history) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readByte();
            if (format < 1 || format > FORMAT) {
                throw new IOException("unknown state format " + format);
            }
            byte[] configBytes = new byte[in.readInt()];
            in.readFully(configBytes);
            AgentConfig config = CONFIG_SERDE.decode(configBytes);
            AgentSpec spec = spec(config, env);
            AgentKernel.Environment kernelEnv = environment(env, history);
            AgentId id = AgentId.of(agentId);
            long[] held = {-1};
            AgentKernel kernel;
            if (format >= 4) {
                held[0] = in.readLong();
                kernel = format == FORMAT ? KernelCodec.read(id, kernelEnv, spec, in) : KernelCodec.readEarlier(id, kernelEnv, spec, in, true, null);
            } else {
                kernel = KernelCodec.readEarlier(id, kernelEnv, spec, in, format >= 3, format >= 2 ? () -> held[0] = in.readLong() : null);
            }
            HostedAgent agent = new HostedAgent(env, kernel);
            agent.heldFrom = held[0];
            agent.config = config;
            agent.configBytes = configBytes;
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException("agent " + agentId + ": unreadable state", e);
        }
    }
}
