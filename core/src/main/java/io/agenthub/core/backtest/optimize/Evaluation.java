package io.agenthub.core.backtest.optimize;

import io.agenthub.core.backtest.Statistics;

/** A candidate's in-sample figures and its score under the search's objective. */
public record Evaluation(Candidate candidate, Statistics inSample, double score) {
}
