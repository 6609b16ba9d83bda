package io.agenthub.core.strategy;

import io.agenthub.core.strategy.catalog.AdxFilter;
import io.agenthub.core.strategy.catalog.AtrBreakout;
import io.agenthub.core.strategy.catalog.BollingerReversion;
import io.agenthub.core.strategy.catalog.BollingerSqueeze;
import io.agenthub.core.strategy.catalog.Breakout;
import io.agenthub.core.strategy.catalog.DonchianChannel;
import io.agenthub.core.strategy.catalog.DualMomentum;
import io.agenthub.core.strategy.catalog.EmaCrossover;
import io.agenthub.core.strategy.catalog.FundingOiFilter;
import io.agenthub.core.strategy.catalog.IchimokuSignal;
import io.agenthub.core.strategy.catalog.KalmanFairValue;
import io.agenthub.core.strategy.catalog.KeltnerBollinger;
import io.agenthub.core.strategy.catalog.LinearRegressionChannel;
import io.agenthub.core.strategy.catalog.MaCrossover;
import io.agenthub.core.strategy.catalog.MacdSignal;
import io.agenthub.core.strategy.catalog.MeanReversion;
import io.agenthub.core.strategy.catalog.Momentum;
import io.agenthub.core.strategy.catalog.MomentumBreakout;
import io.agenthub.core.strategy.catalog.ObvTrend;
import io.agenthub.core.strategy.catalog.RangeSupportResistance;
import io.agenthub.core.strategy.catalog.RsiSignal;
import io.agenthub.core.strategy.catalog.StochasticSignal;
import io.agenthub.core.strategy.catalog.SupertrendStrategy;
import io.agenthub.core.strategy.catalog.TrendFollowing;
import io.agenthub.core.strategy.catalog.VwapDeviation;
import io.agenthub.core.strategy.catalog.ZScoreStrategy;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strategies users pick from and the planner chooses among. A new strategy is one class with a
 * {@code DEFINITION} and one line in {@link #BUILT_IN}.
 */
public final class StrategyCatalog {

    private static final List<StrategyDefinition> BUILT_IN = List.of(
            Momentum.DEFINITION, DualMomentum.DEFINITION, Breakout.DEFINITION, MomentumBreakout.DEFINITION,
            DonchianChannel.DEFINITION, MaCrossover.DEFINITION, EmaCrossover.DEFINITION, MacdSignal.DEFINITION,
            SupertrendStrategy.DEFINITION, TrendFollowing.DEFINITION, AdxFilter.DEFINITION, IchimokuSignal.DEFINITION,
            ZScoreStrategy.DEFINITION, MeanReversion.DEFINITION, BollingerReversion.DEFINITION, RsiSignal.DEFINITION,
            StochasticSignal.DEFINITION, RangeSupportResistance.DEFINITION, BollingerSqueeze.DEFINITION,
            AtrBreakout.DEFINITION, KeltnerBollinger.DEFINITION, VwapDeviation.DEFINITION, ObvTrend.DEFINITION,
            LinearRegressionChannel.DEFINITION, KalmanFairValue.DEFINITION, FundingOiFilter.DEFINITION);

    private static final StrategyCatalog DEFAULT = new StrategyCatalog(BUILT_IN);

    private final Map<String, StrategyDefinition> byName;

    public StrategyCatalog(Collection<StrategyDefinition> definitions) {
        Map<String, StrategyDefinition> map = new LinkedHashMap<>();
        for (StrategyDefinition definition : definitions) {
            if (map.putIfAbsent(definition.name(), definition) != null) {
                throw new IllegalArgumentException("strategy listed twice: " + definition.name());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public static StrategyCatalog builtIn() {
        return DEFAULT;
    }

    public Collection<StrategyDefinition> all() {
        return byName.values();
    }

    public Optional<StrategyDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @throws IllegalArgumentException naming the known strategies */
    public StrategyDefinition require(String name) {
        StrategyDefinition definition = byName.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "'; the catalogue has " + byName.keySet());
        }
        return definition;
    }
}
