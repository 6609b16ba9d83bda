package io.agenthub.api.web;

/**
 * One thing wrong with a request, named by the JSON path of the field as the client wrote it
 * ({@code risk_params.leverage}), or by {@code ""} when it concerns the whole body.
 */
public record FieldProblem(String field, String message) {
}
