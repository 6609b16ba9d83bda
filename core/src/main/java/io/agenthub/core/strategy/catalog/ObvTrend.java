package io.agenthub.core.strategy.catalog;

import io.agenthub.core.indicators.LinearRegression;
import io.agenthub.core.indicators.Obv;
import io.agenthub.core.strategy.AbstractStrategy;
import io.agenthub.core.strategy.Category;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;

import java.util.List;

/**
 * The slope of on-balance volume against the slope of price over {@code lookback} bars: volume confirming the price
 * trend is a full signal; volume rising while price falls (or the reverse), a half signal in the volume's direction.
 */
public final class ObvTrend extends AbstractStrategy {

    public static final StrategyDefinition DEFINITION = new StrategyDefinition("obv_trend", Category.VOLUME,
            "Slope of on-balance volume vs slope of price: confirmation or divergence.",
            List.of(ParameterSpec.bars("lookback", "bars of the two regressions", 20, 3, 1000)),
            ObvTrend::new);

    private final Obv obv;
    private final LinearRegression obvLine;
    private final LinearRegression priceLine;

    ObvTrend(StrategyParameters p) {
        this(new Obv(), new LinearRegression(p.bars("lookback")), new LinearRegression(p.bars("lookback")));
    }

    private ObvTrend(Obv obv, LinearRegression obvLine, LinearRegression priceLine) {
        super(List.of(obv, obvLine, priceLine), 0);
        this.obv = obv;
        this.obvLine = obvLine;
        this.priceLine = priceLine;
    }

    @Override
    protected double update(double open, double high, double low, double close, double volume) {
        obvLine.update(obv.update(close, volume));
        priceLine.update(close);
        double volumeDirection = Math.signum(obvLine.slope());
        double priceDirection = Math.signum(priceLine.slope());
        if (volumeDirection == 0) {
            return 0;
        }
        return volumeDirection == priceDirection ? volumeDirection : 0.5 * volumeDirection;
    }

    @Override
    protected String describe() {
        return "OBV slope " + fmt(obvLine.slope()) + " per bar, price slope " + fmt(priceLine.slope()) + " per bar";
    }
}
