package io.agenthub.api.web;

import java.util.List;

/** A request that parsed but cannot be accepted: answered 400 (or the given status) with every problem named. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;
    private final int status;

    public InvalidRequestException(List<FieldProblem> problems) {
        this(400, problems);
    }

    public InvalidRequestException(int status, List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field().isEmpty() ? p.message() : p.field() + ": " + p.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request"));
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public int status() {
        return status;
    }
}
