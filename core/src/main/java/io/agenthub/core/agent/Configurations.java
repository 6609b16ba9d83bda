package io.agenthub.core.agent;

import io.agenthub.core.trading.LogLevel;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.TradingAgent;

import java.util.Locale;
import java.util.Map;

/**
 * What a revision of its owner's configuration does to an agent: an old revision is ignored; a valid one creates the
 * agent or reconfigures it (risk and costs at once, a new strategy at the next bar boundary) and starts or stops it; an
 * invalid one puts it in {@code error}; the kill switch closes the position at market, and a delete may ask the same
 * first.
 */
final class Configurations {

    private Configurations() {
    }

    static AgentKernel.Outcome apply(AgentKernel k, AgentSpec update, long time, KernelOutputs out) {
        if (k.spec != null && update.revision() <= k.spec.revision()) {
            out.log(time, LogLevel.WARN, "configuration revision " + update.revision() + " ignored: revision "
                    + k.spec.revision() + " is already applied", Map.of("revision", Long.toString(update.revision())));
            return AgentKernel.Outcome.KEEP;
        }
        if (update.desired() == AgentSpec.Desired.DELETED) {
            boolean holding = k.trader != null && (!k.trader.position().isFlat() || k.trader.inFlight() != null);
            k.spec = update;
            if (holding && update.flattenOnStop()) {
                // its owner asked to close first: deleted once flat (finishKillSwitch)
                boolean sent = k.trader.close(OrderPurpose.KILL_SWITCH, "deleted by its owner: closed at market first", time, out);
                out.log(time, LogLevel.STOP, "deleting: " + (sent ? "the open position is being closed at market first"
                        : "the position is closed at market after the order in flight"), Map.of());
                return AgentKernel.Outcome.KEEP;
            }
            out.log(time, LogLevel.STOP, "deleted" + (k.trader != null && !k.trader.position().isFlat()
                    ? "; the open " + k.trader.position().side().name().toLowerCase(Locale.ROOT) + " position is left to the venue" : ""), Map.of());
            k.status(Lifecycle.DELETED, null, time, out);
            return AgentKernel.Outcome.REMOVE;
        }
        if (update.checked() instanceof AgentSettings.Invalid invalid) {
            k.spec = update;
            out.log(time, LogLevel.ERROR, invalid.reason(), Map.of("revision", Long.toString(update.revision())));
            k.status(Lifecycle.ERROR, invalid.reason(), time, out);
            return AgentKernel.Outcome.KEEP;
        }
        AgentSettings next = ((AgentSettings.Valid) update.checked()).settings();
        AgentSpec previous = k.spec;
        k.spec = update;
        if (k.trader == null || !next.instrument().equals(k.settings.instrument())) {
            if (k.trader != null && !k.trader.position().isFlat()) {
                String reason = "the symbol cannot change while a position is open";
                out.log(time, LogLevel.ERROR, reason, Map.of());
                k.status(Lifecycle.ERROR, reason, time, out);
                return AgentKernel.Outcome.KEEP;
            }
            create(k, next, time, out);
        } else {
            reconfigure(k, previous, next, time, out);
        }
        if (update.desired() == AgentSpec.Desired.RUNNING) {
            start(k, time, out);
        } else if (update.flattenOnStop() && (!k.trader.position().isFlat() || k.status == Lifecycle.RUNNING && k.trader.inFlight() != null)) {
            // the owner's kill switch: the position is closed at market; a running agent says it stopped once it is flat
            // (finishKillSwitch), one stopped already stays so
            boolean stopping = k.status == Lifecycle.RUNNING;
            boolean sent = k.trader.close(OrderPurpose.KILL_SWITCH, "kill switch: flattened by its owner", time, out);
            out.log(time, LogLevel.STOP, "kill switch pulled by its owner" + (stopping ? ": stopping once flat" : "")
                    + (sent ? "; the open position is being closed at market" : "; after the order in flight"), Map.of());
            if (!stopping) {
                k.status(Lifecycle.STOPPED, null, time, out);
            }
        } else if (k.status != Lifecycle.STOPPED) {
            out.log(time, LogLevel.STOP, "stopped by its owner" + (k.trader.position().isFlat() ? ""
                    : "; the open position stays, without stop-loss or take-profit checks, until the agent runs again"), Map.of());
            k.status(Lifecycle.STOPPED, null, time, out);
        }
        return AgentKernel.Outcome.KEEP;
    }

    private static void create(AgentKernel k, AgentSettings next, long time, KernelOutputs out) {
        k.settings = next;
        k.plan = Plan.of(next);
        k.pendingPlan = null;
        k.trader = new TradingAgent(next.agentSettings(k.agentId, k.env.initialEquity()), next.strategy().create(next.parameters()));
        k.context = new MarketContext(k.recentCapacity());
        k.barsFrom = -1;
        if (out.wantsText()) {
            out.log(time, LogLevel.INIT, "created: " + next.strategy().name() + " " + next.parameters() + " on " + next.instrument().symbol()
                    + " every " + next.intervalSeconds() + " s, " + (k.spec.liveMode() ? "live" : "paper") + ", threshold "
                    + next.threshold(), Map.of("strategy", next.strategy().name(), "symbol", next.instrument().symbol().toString()));
        }
    }

    /** A new revision while hosted: risk and costs apply at once, a new strategy at the next bar boundary. */
    private static void reconfigure(AgentKernel k, AgentSpec previous, AgentSettings next, long time, KernelOutputs out) {
        boolean strategyChanged = !next.strategy().name().equals(k.settings.strategy().name())
                || !next.parameters().equals(k.settings.parameters()) || next.threshold() != k.settings.threshold();
        if (next.intervalSeconds() != k.settings.intervalSeconds()) {
            k.barsFrom = -1;
        }
        k.settings = next;
        if (strategyChanged) {
            k.pendingPlan = Plan.of(next);
        }
        if (k.spec.advisors().planner() != previous.advisors().planner()) {
            k.context.keep(k.recentCapacity());
        }
        k.trader.reconfigure(k.traderSettings(k.plan), time, out);
        out.log(time, LogLevel.INIT, "configuration revision " + k.spec.revision() + " applied"
                + (strategyChanged ? "; the strategy changes at the next bar boundary" : ""), Map.of("revision", Long.toString(k.spec.revision())));
    }

    private static void start(AgentKernel k, long time, KernelOutputs out) {
        if (k.status == Lifecycle.RUNNING) {
            k.status(Lifecycle.RUNNING, null, time, out);
            return;
        }
        if (k.trader.halted()) {
            k.trader.resume("its owner", time, out);
        }
        k.barsFrom = -1;
        k.lastBeat = -1;
        if (out.wantsText()) {
            out.log(time, LogLevel.START, "running on " + k.settings.instrument().symbol() + " (" + k.plan.strategyName() + ")", Map.of());
        }
        k.status(Lifecycle.RUNNING, null, time, out);
        if (k.spec.advisors().planner()) {
            k.advisors.requestPlan(time, out);
        }
    }

}
