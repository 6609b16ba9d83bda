package io.agenthub.api.agents;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Comparing two versions of an agent's settings, field by field, in wire names. */
final class AgentSpecs {

    private AgentSpecs() {
    }

    static List<String> differences(AgentSpec a, AgentSpec b) {
        List<String> changed = new ArrayList<>();
        check(changed, "symbol", a.symbol(), b.symbol());
        check(changed, "strategy_name", a.strategyName(), b.strategyName());
        check(changed, "strategy_params", normalized(a.strategyParams()), normalized(b.strategyParams()));
        check(changed, "interval_seconds", a.intervalSeconds(), b.intervalSeconds());
        check(changed, "live_mode", a.liveMode(), b.liveMode());
        check(changed, "venue", a.venue(), b.venue());
        check(changed, "risk_params.max_position_usd", a.riskParams().maxPositionUsd(), b.riskParams().maxPositionUsd());
        check(changed, "risk_params.stop_loss_pct", a.riskParams().stopLossPct(), b.riskParams().stopLossPct());
        check(changed, "risk_params.take_profit_pct", a.riskParams().takeProfitPct(), b.riskParams().takeProfitPct());
        check(changed, "risk_params.leverage", a.riskParams().leverage(), b.riskParams().leverage());
        check(changed, "risk_params.max_loss_pct", a.riskParams().maxLossPct(), b.riskParams().maxLossPct());
        check(changed, "tp_sl_mode", a.tpSlMode(), b.tpSlMode());
        check(changed, "allow_short", a.allowShort(), b.allowShort());
        check(changed, "loss_limit_pct", a.lossLimitPct(), b.lossLimitPct());
        check(changed, "fees.maker_rate", a.fees().makerRate(), b.fees().makerRate());
        check(changed, "fees.taker_rate", a.fees().takerRate(), b.fees().takerRate());
        check(changed, "slippage_bps", a.slippageBps(), b.slippageBps());
        check(changed, "planner.enabled", a.planner().enabled(), b.planner().enabled());
        check(changed, "planner.every_n_bars", a.planner().everyNBars(), b.planner().everyNBars());
        check(changed, "supervisor.enabled", a.supervisor().enabled(), b.supervisor().enabled());
        check(changed, "supervisor.every_n_ticks", a.supervisor().everyNTicks(), b.supervisor().everyNTicks());
        check(changed, "supervisor.every_n_seconds", a.supervisor().everyNSeconds(), b.supervisor().everyNSeconds());
        check(changed, "public_leaderboard", a.publicLeaderboard(), b.publicLeaderboard());
        check(changed, "name", a.name(), b.name());
        return changed;
    }

    private static void check(List<String> changed, String field, Object a, Object b) {
        boolean same = a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : Objects.equals(a, b);
        if (!same) {
            changed.add(field);
        }
    }

    private static Map<String, BigDecimal> normalized(Map<String, BigDecimal> params) {
        Map<String, BigDecimal> out = new TreeMap<>();
        params.forEach((k, v) -> out.put(k, v.stripTrailingZeros()));
        return out;
    }
}
