package io.agenthub.core.agent;

import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.ProtectiveLevels;

import java.util.Map;

/**
 * What an agent asks its planner (a plan) or supervisor (a review of its open position) with: its recent bars and
 * indicators, the plan in force, the open position with its levels, and its own settings, whose risk bounds an answer
 * may never exceed.
 *
 * @param lastPrice  the last price the agent saw, NaN before any
 * @param indicators finite values only, by name ({@code atr}, {@code adx}, {@code plus_di}, {@code minus_di},
 *                   {@code volatility}, {@code trend}, {@code range_pct})
 * @param levels     the open position's protective levels, null while flat
 */
public record AdviceRequest(Kind kind, long sequence, long time, AgentId agentId, String ownerId, AgentSettings settings,
                            BarSeries recent, double lastPrice, Map<String, Double> indicators, Plan plan, Position position,
                            ProtectiveLevels levels) {

    public enum Kind { PLANNING, SUPERVISION }
}
