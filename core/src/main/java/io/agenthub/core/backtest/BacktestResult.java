package io.agenthub.core.backtest;

import io.agenthub.core.trading.Position;

import java.util.List;

/**
 * What a backtest produced: every closed trade, the equity after each bar, the statistics, the position still open at
 * the end (flat if none), and how many orders the agent placed.
 */
public record BacktestResult(BacktestSpec spec, List<Trade> trades, long[] barTimes, double[] equity, Statistics statistics,
                             Position openAtEnd, int orders) {
}
