package io.agenthub.processor.wire;

import io.agenthub.core.agent.AgentSettings;
import io.agenthub.core.agent.AgentSpec;
import io.agenthub.core.agent.PlanReply;
import io.agenthub.core.agent.SupervisorReply;
import io.agenthub.core.agent.VenueReport;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.RiskSettings;
import io.agenthub.core.trading.Side;
import io.agenthub.core.trading.TpSlMode;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.RiskAdjustment;
import io.agenthub.schemas.events.RiskParams;
import io.agenthub.schemas.events.StrategyPlan;

import java.util.LinkedHashMap;
import java.util.Map;

/** The wire's agent events as the kernel takes them: configurations, plans, supervisors' replies, venues' reports. */
public final class WireAgents {

    private WireAgents() {
    }

    /** A configuration from {@code agents.config}, checked against the instruments and the catalogue. */
    public static AgentSpec spec(AgentConfig config, Instruments instruments, StrategyCatalog catalog, AgentSettings.RiskDefaults defaults) {
        Map<String, Double> params = new LinkedHashMap<>();
        config.getStrategyParams().forEach((name, value) -> params.put(name, value.doubleValue()));
        var supervisor = config.getSupervisor();
        AgentSpec.Advisors advisors = new AgentSpec.Advisors(config.getPlanner().getEnabled(), config.getPlanner().getEveryNBars(),
                supervisor.getEnabled(), supervisor.getEveryNTicks(), supervisor.getEveryNSeconds());
        AgentSettings.Draft draft = new AgentSettings.Draft(config.getSymbol(), config.getStrategyName(), params, config.getIntervalSeconds(),
                () -> risk(config.getRisk(), defaults),
                () -> new ExecutionCosts(Decimals.fromWire(config.getFees().getMakerRate()), Decimals.fromWire(config.getFees().getTakerRate()),
                        Decimals.fromWire(config.getSlippageBps())),
                advisors);
        return new AgentSpec(config.getRevision(), AgentSpec.Desired.valueOf(config.getDesiredState().name()), config.getFlattenOnStop(),
                config.getOwnerId(), config.getLiveMode(), AgentSettings.check(draft, instruments, catalog), advisors);
    }

    /** The wire's risk parameters with the processor's defaults for what the wire does not carry. */
    static RiskSettings risk(RiskParams wire, AgentSettings.RiskDefaults defaults) {
        return new RiskSettings(Decimals.fromWire(wire.getMaxPositionUsd()), Decimals.fromWire(wire.getStopLossPct()),
                Decimals.fromWire(wire.getTakeProfitPct()), wire.getLeverage(), Decimals.fromWire(wire.getMaxLossPct()),
                Decimals.fromWire(wire.getLossLimitPct()), wire.getAllowShort(), TpSlMode.valueOf(wire.getTpSlMode().name()),
                defaults.atrMultiplier(), defaults.rewardRisk(), defaults.maintenanceMarginRate());
    }

    public static PlanReply plan(StrategyPlan reply) {
        Map<String, Double> params = new LinkedHashMap<>();
        reply.getParams().forEach((name, value) -> params.put(name, value.doubleValue()));
        return new PlanReply(reply.getEventTime().toEpochMilli(), reply.getRequestSequence(), reply.getDecisionId(), reply.getStrategyName(),
                params, reply.getLookback(), reply.getThreshold().doubleValue(), Decimals.fromWire(reply.getMaxLossPct()), reply.getProvider(),
                reply.getFallback(), reply.getReasoning());
    }

    public static SupervisorReply adjustment(RiskAdjustment reply) {
        return new SupervisorReply(reply.getEventTime().toEpochMilli(), reply.getRequestSequence(), reply.getDecisionId(), reply.getPositionId(),
                SupervisorReply.Action.valueOf(reply.getAction().name()), Decimals.fromWire(reply.getStopLoss()),
                Decimals.fromWire(reply.getTakeProfit()), reply.getProvider(), reply.getFallback(), reply.getReasoning());
    }

    public static VenueReport report(ExecutionReport report) {
        Liquidity liquidity = report.getLiquidity() == null ? Liquidity.TAKER : Liquidity.valueOf(report.getLiquidity().name());
        return new VenueReport(report.getEventTime().toEpochMilli(), new ClientOrderId(report.getClientOrderId()),
                VenueReport.Status.valueOf(report.getStatus().name()), Side.valueOf(report.getSide().name()),
                Decimals.fromWire(report.getLastPrice()), Decimals.fromWire(report.getLastQuantity()), Decimals.fromWire(report.getFee()),
                liquidity, report.getRejectCode(), report.getRejectReason(), report.getHalt(), report.getVenue());
    }
}
