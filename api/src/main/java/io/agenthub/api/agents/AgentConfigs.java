package io.agenthub.api.agents;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An agent's accepted settings as the {@code AgentConfig} event the processors run. */
final class AgentConfigs {

    private AgentConfigs() {
    }

    static AgentConfig of(String agentId, UUID ownerId, long revision, DesiredState desired, AgentSpec spec, AgentRequest.Deployment deployment,
                          Instant time, UUID eventId, String causationId) {
        Map<String, BigDecimal> params = new LinkedHashMap<>();
        spec.strategyParams().forEach((name, value) -> params.put(name, Decimals.toWire(value)));
        AgentRequest.RiskParams risk = spec.riskParams();
        return AgentConfig.newBuilder()
                .setEventId(eventId.toString())
                .setEventTime(time)
                .setCausationId(causationId)
                .setAgentId(agentId)
                .setOwnerId(ownerId.toString())
                .setRevision(revision)
                .setDesiredState(desired)
                .setSymbol(spec.symbol())
                .setStrategyName(spec.strategyName())
                .setStrategyParams(params)
                .setIntervalSeconds(spec.intervalSeconds())
                .setLiveMode(spec.liveMode())
                .setVenue(spec.venue())
                .setDeployment(Deployment.valueOf(deployment.name()))
                .setRisk(RiskParams.newBuilder()
                        .setMaxPositionUsd(Decimals.toWire(risk.maxPositionUsd()))
                        .setStopLossPct(Decimals.toWire(risk.stopLossPct()))
                        .setTakeProfitPct(Decimals.toWire(risk.takeProfitPct()))
                        .setLeverage(risk.leverage())
                        .setMaxLossPct(Decimals.toWire(risk.maxLossPct()))
                        .setLossLimitPct(spec.lossLimitPct() == null ? null : Decimals.toWire(spec.lossLimitPct()))
                        .setAllowShort(spec.allowShort())
                        .setTpSlMode(TpSlMode.valueOf(spec.tpSlMode().name()))
                        .build())
                .setFees(FeeSchedule.newBuilder()
                        .setMakerRate(Decimals.toWire(spec.fees().makerRate()))
                        .setTakerRate(Decimals.toWire(spec.fees().takerRate()))
                        .build())
                .setSlippageBps(Decimals.toWire(spec.slippageBps()))
                .setPlanner(PlannerSettings.newBuilder().setEnabled(spec.planner().enabled()).setEveryNBars(spec.planner().everyNBars()).build())
                .setSupervisor(SupervisorSettings.newBuilder().setEnabled(spec.supervisor().enabled())
                        .setEveryNTicks(spec.supervisor().everyNTicks()).setEveryNSeconds(spec.supervisor().everyNSeconds()).build())
                .build();
    }
}
