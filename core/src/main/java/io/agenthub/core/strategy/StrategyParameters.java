package io.agenthub.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strategy's parameters, validated against its specs, with every default filled in. */
public final class StrategyParameters {

    private final Map<String, Double> values;

    private StrategyParameters(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Validates {@code given} (unknown names, out-of-range or fractional periods are refused, each with a message)
     * and fills in defaults.
     */
    public static StrategyParameters of(StrategyDefinition definition, Map<String, ? extends Number> given) {
        List<String> problems = new ArrayList<>();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (definition.parameter(name) == null) {
                problems.add("unknown parameter '" + name + "'; " + definition.name() + " takes "
                        + definition.parameters().stream().map(ParameterSpec::name).toList());
            }
        }
        for (ParameterSpec spec : definition.parameters()) {
            Number value = given.get(spec.name());
            double v = value == null ? spec.defaultValue() : value.doubleValue();
            String problem = spec.check(v);
            if (problem != null) {
                problems.add(problem);
            }
            values.put(spec.name(), v);
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(definition.name(), problems);
        }
        return new StrategyParameters(values);
    }

    public double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return value;
    }

    public int bars(String name) {
        return (int) get(name);
    }

    public Map<String, Double> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StrategyParameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
