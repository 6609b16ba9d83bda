package io.agenthub.core.strategy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A catalogue entry: a strategy's name (as users and the planner write it), category, description, parameters, and
 * how to build it.
 */
public record StrategyDefinition(String name, Category category, String description, List<ParameterSpec> parameters,
                                 Function<StrategyParameters, Strategy> factory) {

    public StrategyDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        parameters = List.copyOf(parameters);
        if (parameters.stream().map(ParameterSpec::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException(name + " declares a parameter twice");
        }
        if (parameter("lookback", parameters) == null) {
            throw new IllegalArgumentException(name + " must take a 'lookback' (the planner sets it)");
        }
    }

    public ParameterSpec parameter(String parameterName) {
        return parameter(parameterName, parameters);
    }

    private static ParameterSpec parameter(String parameterName, List<ParameterSpec> specs) {
        return specs.stream().filter(p -> p.name().equals(parameterName)).findFirst().orElse(null);
    }

    public StrategyParameters defaults() {
        return StrategyParameters.of(this, Map.of());
    }

    /** Builds the strategy; {@code given} is validated (unknown or out-of-range values are refused). */
    public Strategy create(Map<String, ? extends Number> given) {
        return factory.apply(StrategyParameters.of(this, given));
    }

    public Strategy create(StrategyParameters parameters) {
        return factory.apply(parameters);
    }

    /** Bars of warm-up the strategy needs with these parameters. */
    public int warmup(StrategyParameters parameters) {
        return factory.apply(parameters).warmup();
    }
}
