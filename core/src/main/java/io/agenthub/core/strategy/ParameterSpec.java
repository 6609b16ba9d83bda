package io.agenthub.core.strategy;

import java.util.Objects;

/**
 * One strategy parameter: its name (snake_case, as the API spells it), meaning, default and inclusive bounds.
 *
 * @param integer whether only whole numbers are allowed (periods in bars)
 */
public record ParameterSpec(String name, String description, double defaultValue, double min, double max, boolean integer) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!(min <= defaultValue && defaultValue <= max)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
        }
        if (integer && (defaultValue != Math.rint(defaultValue) || min != Math.rint(min) || max != Math.rint(max))) {
            throw new IllegalArgumentException(name + ": an integer parameter needs integer default and bounds");
        }
    }

    public static ParameterSpec bars(String name, String description, int defaultValue, int min, int max) {
        return new ParameterSpec(name, description, defaultValue, min, max, true);
    }

    public static ParameterSpec number(String name, String description, double defaultValue, double min, double max) {
        return new ParameterSpec(name, description, defaultValue, min, max, false);
    }

    /** Why {@code value} is not acceptable, or null if it is. */
    public String check(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return name + " must be a number, got " + value;
        }
        if (value < min || value > max) {
            return name + " must be within " + format(min) + ".." + format(max) + ", got " + format(value);
        }
        if (integer && value != Math.rint(value)) {
            return name + " must be a whole number of bars, got " + format(value);
        }
        return null;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
