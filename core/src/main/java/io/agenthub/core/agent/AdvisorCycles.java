package io.agenthub.core.agent;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.Strategy;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import io.agenthub.core.trading.LogLevel;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.TradingAgent;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An agent's planning and supervision cycles: when it asks (a plan every N closed bars, a review of an open position
 * every N ticks or seconds of market time), and what it does with the answers. A plan is checked and applied at the
 * next bar boundary, its {@code max_loss_pct} never above the agent's own bound; a supervisor's levels are checked by
 * the trading step. An answer that is late, out of order or for a position no longer open is ignored with a {@code warn}.
 */
final class AdvisorCycles {

    private final AgentKernel kernel;
    long barsSincePlan;
    long ticksSinceReview;
    /** Market time the review cycle counts from: the last review, or the open position's first supervised tick; -1: none yet. */
    long reviewFrom = -1;
    long sequence;
    long planRequest;
    long reviewRequest;
    String reviewedPosition;

    AdvisorCycles(AgentKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Whether an advisor cycle of {@code every} ticks or bars is due, {@code since} the last request. While a request
     * is awaited no new one is sent, so that a model slower than the cycle still gets its answer applied; after
     * {@value AgentKernel#PATIENCE_CYCLES} cycles without one it is given up (its answer, if it comes, is ignored as late).
     */
    private static boolean due(long since, long every, long awaited) {
        return since >= every && (awaited == 0 || since >= every * AgentKernel.PATIENCE_CYCLES);
    }

    // ---------------------------------------------------------------- planning

    void barClosed(long time, KernelOutputs out) {
        barsSincePlan++;
        AgentSpec.Advisors advisors = kernel.spec.advisors();
        if (advisors.planner() && due(barsSincePlan, advisors.planEveryBars(), planRequest)) {
            requestPlan(time, out);
        }
    }

    void requestPlan(long time, KernelOutputs out) {
        planRequest = ++sequence;
        barsSincePlan = 0;
        out.plan(request(AdviceRequest.Kind.PLANNING, planRequest, time));
    }

    private AdviceRequest request(AdviceRequest.Kind kind, long sequence, long time) {
        TradingAgent trader = kernel.trader;
        AgentSettings settings = kernel.settings;
        RecentBars recent = kernel.context.recent();
        return new AdviceRequest(kind, sequence, time, kernel.agentId, kernel.spec.ownerId(), settings,
                recent.series(settings.instrument().symbol(), Timeframe.ofSeconds(settings.intervalSeconds())),
                trader.lastPrice(), kernel.context.indicators(trader.atr()), kernel.plan, trader.position(), trader.levels());
    }

    void onPlan(PlanReply reply, KernelOutputs out) {
        long time = reply.time();
        if (kernel.status != Lifecycle.RUNNING) {
            out.log(time, LogLevel.WARN, "plan for request " + reply.requestSequence() + " ignored: the agent is "
                    + kernel.status.name().toLowerCase(Locale.ROOT), Map.of("decision_id", reply.decisionId()));
            return;
        }
        if (reply.requestSequence() != planRequest) {
            out.log(time, LogLevel.WARN, "plan for request " + reply.requestSequence() + " ignored: "
                    + (planRequest == 0 ? "no plan is awaited" : "request " + planRequest + " is the one awaited")
                    + " (late or out of order)", Map.of("decision_id", reply.decisionId()));
            return;
        }
        planRequest = 0;
        StrategyDefinition strategy = kernel.env.catalog().find(reply.strategyName()).orElse(null);
        List<String> problems = new ArrayList<>();
        StrategyParameters parameters = null;
        if (strategy == null) {
            problems.add("strategy '" + reply.strategyName() + "' is not in the catalogue");
        } else {
            Map<String, Double> values = new LinkedHashMap<>(reply.params());
            values.put("lookback", (double) reply.lookback());
            try {
                parameters = StrategyParameters.of(strategy, values);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        double threshold = reply.threshold();
        if (!(threshold > 0 && threshold <= 1)) {
            problems.add("threshold must be within (0, 1], got " + threshold);
        }
        BigDecimal maxLoss = reply.maxLossPct();
        if (maxLoss.signum() <= 0) {
            problems.add("max_loss_pct must be positive, got " + maxLoss.toPlainString());
        }
        if (!problems.isEmpty()) {
            out.log(time, LogLevel.WARN, "plan from " + reply.provider() + " refused, the current plan stays: "
                    + String.join("; ", problems), Map.of("decision_id", reply.decisionId()));
            return;
        }
        BigDecimal bound = kernel.settings.risk().maxLossPct();
        String clamp = "";
        if (maxLoss.compareTo(bound) > 0) {
            clamp = " (max_loss_pct " + maxLoss.toPlainString() + " clamped to the agent's " + bound.toPlainString() + ")";
            maxLoss = bound;
        }
        String source = reply.provider() + (reply.fallback() ? " fallback" : "");
        kernel.pendingPlan = new Plan(strategy, parameters, threshold, maxLoss, source);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("decision_id", reply.decisionId());
        fields.put("strategy", strategy.name());
        fields.put("provider", reply.provider());
        fields.put("fallback", Boolean.toString(reply.fallback()));
        out.log(time, LogLevel.LLM, "plan from " + source + ": " + strategy.name() + " " + parameters + ", threshold " + threshold
                + ", max loss " + maxLoss.toPlainString() + " %" + clamp + ", from the next bar. " + reply.reasoning(), fields);
    }

    /** The pending plan takes over at the bar opening at {@code open}: its strategy warms up on the stored bars before it. */
    void applyPlan(long open, long time, KernelOutputs out) {
        Plan next = kernel.pendingPlan;
        kernel.pendingPlan = null;
        Strategy strategy = next.strategy().create(next.parameters());
        AgentSettings settings = kernel.settings;
        Symbol symbol = settings.instrument().symbol();
        RecentBars recent = kernel.context.recent();
        BarSeries stored = kernel.env.history().last(symbol, settings.intervalSeconds(), open, strategy.warmup());
        BarSeries warmOn = stored.size() >= recent.size() ? stored : recent.series(symbol, stored.timeframe());
        for (int i = 0; i < warmOn.size(); i++) {
            strategy.onBar(warmOn.openTime(i), warmOn.open(i), warmOn.high(i), warmOn.low(i), warmOn.close(i), warmOn.volume(i));
        }
        int warmedOn = warmOn.size();
        kernel.plan = next;
        kernel.trader.replaceStrategy(strategy);
        kernel.trader.reconfigure(kernel.traderSettings(next), time, out);
        out.log(time, next.fromConfiguration() ? LogLevel.INIT : LogLevel.LLM, "now trading " + next.strategyName() + " "
                + next.parameters() + " (warmed up on " + warmedOn + " recent bars"
                + (strategy.ready() ? "" : ", still " + AgentKernel.warmingUp(strategy)) + ")", Map.of("strategy", next.strategyName()));
    }

    // ---------------------------------------------------------------- supervision

    /** A tick stepped through with a position open and no order in flight: a review when one is due. */
    void ticked(long time, KernelOutputs out) {
        ++ticksSinceReview;
        if (reviewFrom < 0) {
            reviewFrom = time;
        }
        AgentSpec.Advisors advisors = kernel.spec.advisors();
        Integer seconds = advisors.reviewEverySeconds();
        if (seconds == null ? due(ticksSinceReview, advisors.reviewEveryTicks(), reviewRequest)
                : due(time - reviewFrom, seconds * 1000L, reviewRequest)) {
            requestReview(time, out);
        }
    }

    /**
     * The position is due for review: it is marked with the review's context, which the supervisor answers (request
     * sequence = the review's).
     */
    private void requestReview(long time, KernelOutputs out) {
        reviewRequest = ++sequence;
        reviewedPosition = kernel.trader.positionId();
        ticksSinceReview = 0;
        reviewFrom = time;
        out.reviewWithNextMark(request(AdviceRequest.Kind.SUPERVISION, reviewRequest, time));
        if (!kernel.trader.mark(time, out)) {
            out.reviewWithNextMark(null); // no price to mark at yet: nothing to review on
            reviewRequest = 0;
        }
    }

    /** The position closed: no review is awaited, and the next position's cycle starts at its first tick. */
    void positionClosed() {
        reviewRequest = 0;
        ticksSinceReview = 0;
        reviewFrom = -1;
    }

    void onAdjustment(SupervisorReply reply, KernelOutputs out) {
        long time = reply.time();
        Map<String, String> fields = Map.of("decision_id", reply.decisionId(), "action", reply.action().name());
        if (kernel.status != Lifecycle.RUNNING) {
            out.log(time, LogLevel.WARN, "supervisor reply ignored: the agent is " + kernel.status.name().toLowerCase(Locale.ROOT), fields);
            return;
        }
        if (reply.requestSequence() != reviewRequest) {
            out.log(time, LogLevel.WARN, "supervisor reply to request " + reply.requestSequence() + " ignored: "
                    + (reviewRequest == 0 ? "no review is awaited" : "request " + reviewRequest + " is the one awaited")
                    + " (late or out of order)", fields);
            return;
        }
        reviewRequest = 0;
        TradingAgent trader = kernel.trader;
        String position = trader.positionId();
        if (position == null || !position.equals(reviewedPosition)
                || (reply.positionId() != null && !reply.positionId().equals(position))) {
            out.log(time, LogLevel.WARN, "supervisor reply ignored: position " + reviewedPosition + " is no longer open", fields);
            return;
        }
        String who = "supervisor (" + reply.provider() + (reply.fallback() ? " fallback" : "") + ")";
        switch (reply.action()) {
            case KEEP -> out.log(time, LogLevel.SUPERVISOR, who + " keeps the position: " + reply.reasoning(), fields);
            case CLOSE -> {
                out.log(time, LogLevel.SUPERVISOR, who + " closes the position: " + reply.reasoning(), fields);
                if (!trader.close(OrderPurpose.SUPERVISOR_CLOSE, who + ": " + reply.reasoning(), time, out)) {
                    out.log(time, LogLevel.WARN, "supervisor close not sent: an order is already in flight", fields);
                }
            }
            case ADJUST_TP_SL -> {
                List<String> notes = trader.adjustLevels(reply.stopLoss(), reply.takeProfit(), time, who, fields, out);
                if (!notes.isEmpty()) {
                    out.log(time, LogLevel.WARN, who + " levels not taken as given: " + String.join("; ", notes), fields);
                }
            }
        }
    }

    // ---------------------------------------------------------------- state

    void write(DataOutput out) throws IOException {
        out.writeLong(barsSincePlan);
        out.writeLong(ticksSinceReview);
        out.writeLong(sequence);
        out.writeLong(planRequest);
        out.writeLong(reviewRequest);
        out.writeUTF(reviewedPosition == null ? "" : reviewedPosition);
    }

    void read(DataInput in) throws IOException {
        barsSincePlan = in.readLong();
        ticksSinceReview = in.readLong();
        sequence = in.readLong();
        planRequest = in.readLong();
        reviewRequest = in.readLong();
        String reviewed = in.readUTF();
        reviewedPosition = reviewed.isEmpty() ? null : reviewed;
    }
}
