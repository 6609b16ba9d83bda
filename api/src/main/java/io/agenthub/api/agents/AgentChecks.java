package io.agenthub.api.agents;

import io.agenthub.api.web.FieldProblem;
import io.agenthub.api.web.InvalidRequestException;
import io.agenthub.core.broker.Venues;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.InvalidParametersException;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import io.agenthub.core.strategy.StrategyParameters;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Bean Validation cannot say about an agent request: the symbol is supported, the strategy is in the
 * catalogue and its parameters fit it, the stop is within {@code max_loss_pct}. Uses the same domain checks the
 * processor runs, so an agent the API accepts is one the processor can run.
 */
@Component
public class AgentChecks {

    /** The signal threshold travels with the strategy parameters; the processor reads it from there. */
    static final String THRESHOLD = "threshold";

    private final Instruments instruments;
    private final StrategyCatalog catalog;

    public AgentChecks(Instruments instruments, StrategyCatalog catalog) {
        this.instruments = instruments;
        this.catalog = catalog;
    }

    /** The request with its defaults, or an {@link InvalidRequestException} naming every problem. */
    public AgentSpec accept(AgentRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String symbol = null;
        try {
            symbol = instruments.resolve(request.symbol()).symbol().toString();
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("symbol", e.getMessage()));
        }
        StrategyDefinition strategy = catalog.find(request.strategyName().strip()).orElse(null);
        if (strategy == null) {
            problems.add(new FieldProblem("strategy_name", "'" + request.strategyName().strip()
                    + "' is not in the strategy catalogue (GET /api/strategies lists it)"));
        }
        AgentSpec spec = AgentSpec.defaults(request, symbol == null ? request.symbol() : symbol);
        if (strategy != null) {
            problems.addAll(parameters(strategy, spec.strategyParams()));
        }
        if (!Venues.known(spec.venue())) {
            problems.add(new FieldProblem("venue", "'" + spec.venue() + "' is not a venue; one of " + Venues.all()));
        } else if (Venues.isLive(spec.venue()) != spec.liveMode()) {
            problems.add(new FieldProblem("venue", "'" + spec.venue() + "' is " + (spec.liveMode() ? "the paper venue" : "a live venue")
                    + ", and live_mode says " + spec.liveMode()));
        }
        BigDecimal stop = spec.riskParams().stopLossPct();
        BigDecimal maxLoss = spec.riskParams().maxLossPct();
        if (stop.compareTo(maxLoss) > 0) {
            problems.add(new FieldProblem("risk_params.stop_loss_pct", "must not exceed max_loss_pct (" + maxLoss.toPlainString() + ")"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return spec;
    }

    private static List<FieldProblem> parameters(StrategyDefinition strategy, Map<String, BigDecimal> given) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, BigDecimal> params = new LinkedHashMap<>(given);
        BigDecimal threshold = params.remove(THRESHOLD);
        if (threshold != null && (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.ONE) > 0)) {
            problems.add(new FieldProblem("strategy_params.threshold", "must be above 0 and at most 1"));
        }
        try {
            StrategyParameters.of(strategy, params);
        } catch (InvalidParametersException e) {
            e.problems().forEach(p -> problems.add(new FieldProblem("strategy_params", p)));
        }
        return problems;
    }
}
