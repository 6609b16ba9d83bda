package io.agenthub.processor;

import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in catalogue plus two strategies whose signals a test can script through prices: {@code candle}, the
 * direction of the bar (+1 when it closed more than 0.5 % above its open, -1 when more than 0.5 % below), and
 * {@code fragile}, which is {@code candle} but throws on a bar closing at exactly 666.
 */
final class TestStrategies {

    private TestStrategies() {
    }

    static StrategyCatalog catalog() {
        List<StrategyDefinition> all = new ArrayList<>(StrategyCatalog.builtIn().all());
        all.add(definition("candle", false));
        all.add(definition("fragile", true));
        return new StrategyCatalog(all);
    }

    static ProcessorSettings settings() {
        ProcessorSettings d = ProcessorSettings.defaults("test");
        return new ProcessorSettings(Instruments.defaults(), catalog(), d.riskDefaults(), d.initialEquity(), 8, false, "test", d.heldEvents(), d.history());
    }

    private static StrategyDefinition definition(String name, boolean fragile) {
        return new StrategyDefinition(name, Category.MOMENTUM, "scripted by the test's prices",
                List.of(ParameterSpec.bars("lookback", "unused", 1, 1, 500)), parameters -> new Candle(fragile));
    }

    private static final class Candle extends AbstractStrategy {
        private final boolean fragile;

        Candle(boolean fragile) {
            super(List.of(), 0);
            this.fragile = fragile;
        }

        @Override
        protected double update(double open, double high, double low, double close, double volume) {
            if (fragile && close == 666) {
                throw new IllegalStateException("the number of the beast");
            }
            return close > open * 1.005 ? 1 : close < open * 0.995 ? -1 : 0;
        }

        @Override
        protected String describe() {
            return "candle direction";
        }
    }
}
