package io.agenthub.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --param lookback=30 --param fast=9} as a map of numbers, with a clear error for anything else. */
final class Parameters {

    private Parameters() {
    }

    static Map<String, Double> parse(Map<String, String> given) {
        Map<String, Double> values = new LinkedHashMap<>();
        given.forEach((name, text) -> {
            try {
                values.put(name, Double.parseDouble(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--param " + name + "=" + text + ": not a number");
            }
        });
        return values;
    }
}
