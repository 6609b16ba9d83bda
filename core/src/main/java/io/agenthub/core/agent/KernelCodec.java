package io.agenthub.core.agent;

import io.agenthub.core.ids.AgentId;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.TradingAgent;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent kernel's state as bytes, the configuration aside (the runner keeps that as it came, and gives it back on
 * read). Not stored: the last price, which the runner restores.
 */
public final class KernelCodec {

    /** Reads what a runner of an earlier state format wrote between the kernel's market context and its review clock. */
    @FunctionalInterface
    public interface Between {
        void read() throws IOException;
    }

    private KernelCodec() {
    }

    public static void write(AgentKernel kernel, DataOutput out) throws IOException {
        out.writeUTF(kernel.status.name());
        out.writeUTF(kernel.statusReason == null ? "" : kernel.statusReason);
        out.writeBoolean(kernel.trader != null);
        if (kernel.trader == null) {
            return;
        }
        writePlan(out, kernel.plan);
        out.writeBoolean(kernel.pendingPlan != null);
        if (kernel.pendingPlan != null) {
            writePlan(out, kernel.pendingPlan);
        }
        kernel.trader.write(out);
        out.writeLong(kernel.barsFrom);
        out.writeLong(kernel.bars);
        kernel.advisors.write(out);
        kernel.context.write(out);
        out.writeLong(kernel.advisors.reviewFrom);
        out.writeLong(kernel.lastBeat);
        out.writeLong(kernel.ticksAtBeat);
    }

    /** Reads what {@link #write} wrote, for an agent configured by {@code spec}. */
    public static AgentKernel read(AgentId agentId, AgentKernel.Environment env, AgentSpec spec, DataInput in) throws IOException {
        return read(agentId, env, spec, in, false, null, true);
    }

    /**
     * Reads the kernel's part of a state written before the interval line's clock was stored (the agent then makes its
     * first line at its first tick): by this codec before it ({@code between} null, {@code reviewClock}), or by a runner
     * of an earlier format, which kept a word of its own ({@code between}) after the market context, and the review
     * clock after that only when {@code reviewClock}.
     */
    public static AgentKernel readEarlier(AgentId agentId, AgentKernel.Environment env, AgentSpec spec, DataInput in, boolean reviewClock,
                                          Between between) throws IOException {
        return read(agentId, env, spec, in, !reviewClock, between, false);
    }

    private static AgentKernel read(AgentId agentId, AgentKernel.Environment env, AgentSpec spec, DataInput in, boolean noReviewClock,
                                    Between between, boolean beatClock) throws IOException {
        AgentKernel kernel = new AgentKernel(agentId, env);
        kernel.spec = spec;
        kernel.status = Lifecycle.valueOf(in.readUTF());
        String reason = in.readUTF();
        kernel.statusReason = reason.isEmpty() ? null : reason;
        if (!in.readBoolean()) {
            return kernel;
        }
        if (!(spec.checked() instanceof AgentSettings.Valid valid)) {
            throw new IOException("stored configuration no longer valid: " + ((AgentSettings.Invalid) spec.checked()).reason());
        }
        kernel.settings = valid.settings();
        kernel.plan = readPlan(env, in);
        kernel.pendingPlan = in.readBoolean() ? readPlan(env, in) : null;
        kernel.trader = new TradingAgent(kernel.traderSettings(kernel.plan), kernel.plan.strategy().create(kernel.plan.parameters()));
        kernel.trader.read(in);
        kernel.barsFrom = in.readLong();
        kernel.bars = in.readLong();
        kernel.advisors.read(in);
        kernel.context = new MarketContext(kernel.recentCapacity());
        kernel.context.read(in);
        if (between != null) {
            between.read();
        }
        kernel.advisors.reviewFrom = noReviewClock ? -1 : in.readLong();
        if (beatClock) {
            kernel.lastBeat = in.readLong();
            kernel.ticksAtBeat = in.readLong();
        }
        return kernel;
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

    private static Plan readPlan(AgentKernel.Environment env, DataInput in) throws IOException {
        StrategyDefinition strategy = env.catalog().require(in.readUTF());
        int n = in.readInt();
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            values.put(in.readUTF(), in.readDouble());
        }
        double threshold = in.readDouble();
        String maxLoss = in.readUTF();
        String source = in.readUTF();
        return new Plan(strategy, StrategyParameters.of(strategy, values), threshold, maxLoss.isEmpty() ? null : new BigDecimal(maxLoss), source);
    }
}
