package io.agenthub.core.strategy;

import java.util.List;

/** Parameters that do not fit a strategy, with one message per problem (the API turns them into field errors). */
public final class InvalidParametersException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidParametersException(String strategy, List<String> problems) {
        super(strategy + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
