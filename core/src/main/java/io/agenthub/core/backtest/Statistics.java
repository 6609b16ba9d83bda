package io.agenthub.core.backtest;

import java.math.BigDecimal;
import java.util.List;

/**
 * A backtest's figures.
 *
 * @param totalReturn   final equity over initial, minus 1 (0.05 = +5 %)
 * @param cagr          compound annual growth rate over the backtest's span
 * @param winRate       share of trades with positive net P&L; NaN without trades
 * @param profitFactor  gross profit over gross loss; infinite without losing trades, NaN without trades
 * @param maxDrawdown   largest fall of equity from a previous peak, as a fraction of that peak
 * @param sharpe        annualised mean over standard deviation of per-bar equity returns (risk-free rate 0)
 * @param sortino       annualised mean over downside deviation of per-bar equity returns
 * @param exposure      share of bars with an open position
 */
public record Statistics(double totalReturn, double cagr, double winRate, double profitFactor, double maxDrawdown,
                         double sharpe, double sortino, double exposure, int trades, BigDecimal netPnl, BigDecimal fees) {

    private static final double YEAR_MILLIS = 365.25 * 24 * 3600 * 1000;

    static Statistics of(List<Trade> trades, double[] equity, boolean[] inPosition, double initialEquity, long spanMillis,
                         long barMillis) {
        int n = equity.length;
        double finalEquity = n == 0 ? initialEquity : equity[n - 1];
        double totalReturn = finalEquity / initialEquity - 1;
        double years = spanMillis / YEAR_MILLIS;
        double cagr = years > 0 && finalEquity > 0 ? Math.pow(finalEquity / initialEquity, 1 / years) - 1 : Double.NaN;

        double peak = initialEquity;
        double maxDrawdown = 0;
        double sum = 0;
        double sumSquares = 0;
        double downside = 0;
        double previous = initialEquity;
        int exposed = 0;
        // the deepest drawdown from a peak is at the lowest equity after it, and an unchanged equity's return is 0: the
        // divisions are made only where they can change a figure (most bars of a flat agent make none)
        double trough = initialEquity;
        for (int i = 0; i < n; i++) {
            double e = equity[i];
            if (e > peak) {
                peak = e;
                trough = e;
            } else if (e < trough) {
                trough = e;
                maxDrawdown = Math.max(maxDrawdown, (peak - e) / peak);
            }
            if (e != previous) {
                double r = e / previous - 1;
                sum += r;
                sumSquares += r * r;
                double loss = Math.min(r, 0);
                downside += loss * loss;
                previous = e;
            }
            if (inPosition[i]) {
                exposed++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double sd = n < 2 ? 0 : Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
        double downsideDeviation = n == 0 ? 0 : Math.sqrt(downside / n);
        double annualiser = Math.sqrt(YEAR_MILLIS / barMillis);
        double sharpe = sd > 0 ? mean / sd * annualiser : 0;
        double sortino = downsideDeviation > 0 ? mean / downsideDeviation * annualiser : 0;

        BigDecimal net = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal grossProfit = BigDecimal.ZERO;
        BigDecimal grossLoss = BigDecimal.ZERO;
        int wins = 0;
        for (Trade t : trades) {
            net = net.add(t.netPnl());
            fees = fees.add(t.fees());
            if (t.won()) {
                wins++;
                grossProfit = grossProfit.add(t.netPnl());
            } else {
                grossLoss = grossLoss.add(t.netPnl().negate());
            }
        }
        double winRate = trades.isEmpty() ? Double.NaN : (double) wins / trades.size();
        double profitFactor = trades.isEmpty() ? Double.NaN
                : grossLoss.signum() == 0 ? Double.POSITIVE_INFINITY : grossProfit.doubleValue() / grossLoss.doubleValue();
        return new Statistics(totalReturn, cagr, winRate, profitFactor, maxDrawdown, sharpe, sortino,
                n == 0 ? 0 : (double) exposed / n, trades.size(), net, fees);
    }
}
