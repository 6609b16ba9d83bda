package io.agenthub.testkit.events;

import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.Deployment;
import io.agenthub.schemas.events.DesiredState;
import io.agenthub.schemas.events.FeeSchedule;
import io.agenthub.schemas.events.PlannerSettings;
import io.agenthub.schemas.events.RiskParams;
import io.agenthub.schemas.events.SupervisorSettings;
import io.agenthub.schemas.events.TpSlMode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Agent configurations as the API publishes them, with the defaults of a paper agent. */
public final class AgentConfigs {

    private AgentConfigs() {
    }

    public static AgentConfig.Builder paper(String agentId, String strategy) {
        return AgentConfig.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventTime(Instant.parse("2023-03-01T00:00:00Z"))
                .setCausationId(null)
                .setAgentId(agentId)
                .setOwnerId("owner-1")
                .setRevision(1)
                .setDesiredState(DesiredState.RUNNING)
                .setSymbol("BTC/USDT")
                .setStrategyName(strategy)
                .setStrategyParams(Map.of())
                .setIntervalSeconds(60)
                .setLiveMode(false)
                .setDeployment(Deployment.SHARED)
                .setRisk(risk("1000", "2", "4", 1).build())
                .setFees(FeeSchedule.newBuilder().setMakerRate(wire("0.001")).setTakerRate(wire("0.001")).build())
                .setSlippageBps(wire("2"))
                .setPlanner(PlannerSettings.newBuilder().setEnabled(false).setEveryNBars(60).build())
                .setSupervisor(SupervisorSettings.newBuilder().setEnabled(false).setEveryNTicks(10).build());
    }

    public static RiskParams.Builder risk(String maxPositionUsd, String stopLossPct, String takeProfitPct, int leverage) {
        return RiskParams.newBuilder()
                .setMaxPositionUsd(wire(maxPositionUsd))
                .setStopLossPct(wire(stopLossPct))
                .setTakeProfitPct(wire(takeProfitPct))
                .setLeverage(leverage)
                .setMaxLossPct(null)
                .setLossLimitPct(null)
                .setAllowShort(false)
                .setTpSlMode(TpSlMode.FIXED);
    }

    /** The next revision of a configuration, as the API publishes a change. */
    public static AgentConfig.Builder next(AgentConfig config) {
        return AgentConfig.newBuilder(config).setEventId(UUID.randomUUID().toString()).setRevision(config.getRevision() + 1);
    }

    public static BigDecimal wire(String value) {
        return Decimals.toWire(new BigDecimal(value));
    }
}
