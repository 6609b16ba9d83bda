package io.agenthub.core.backtest.optimize;

import io.agenthub.core.backtest.Statistics;

import java.util.List;

/**
 * The outcome of a walk-forward search: the candidates ranked on the in-sample window, and the best one's figures on
 * the out-of-sample window it never saw: the number to believe.
 */
public record WalkForwardResult(Objective objective, long splitTime, List<Evaluation> ranked, Statistics outOfSample,
                                Statistics defaultsOutOfSample) {

    public Evaluation best() {
        return ranked.getFirst();
    }
}
