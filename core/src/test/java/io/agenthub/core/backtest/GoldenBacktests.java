package io.agenthub.core.backtest;

import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statistics of every strategy with default parameters on the bundled dataset, one CSV line each. The committed
 * file is the regression baseline ({@code GoldenBacktestTest}); after a change that is meant to move the figures, run
 * this from {@code core/} and commit the new file with the reason:
 * <pre>
 * ../mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.agenthub.core.backtest.GoldenBacktests
 * </pre>
 */
public final class GoldenBacktests {

    static final String HEADER = "strategy,trades,net_pnl,fees,total_return,max_drawdown,win_rate,profit_factor,sharpe,sortino,exposure";
    static final Path FILE = Path.of("src/test/resources/golden/backtest-defaults.csv");

    private GoldenBacktests() {
    }

    static List<String> compute() throws IOException {
        BarSeries series = BarSeries.fromCsv(BundledDataset.require(), BundledDataset.SYMBOL);
        Instrument btc = Instruments.defaults().resolve("BTC/USDT");
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (StrategyDefinition definition : StrategyCatalog.builtIn().all()) {
            Statistics s = Backtest.run(BacktestSpec.defaults(btc, definition), series).statistics();
            lines.add(String.join(",", definition.name(), Integer.toString(s.trades()), s.netPnl().toPlainString(),
                    s.fees().toPlainString(), d(s.totalReturn()), d(s.maxDrawdown()), d(s.winRate()), d(s.profitFactor()),
                    d(s.sharpe()), d(s.sortino()), d(s.exposure())));
        }
        return lines;
    }

    private static String d(double value) {
        return String.format(Locale.ROOT, "%.12g", value);
    }

    public static void main(String[] args) throws IOException {
        Files.createDirectories(FILE.getParent());
        Files.write(FILE, compute());
        System.out.println("wrote " + FILE.toAbsolutePath());
    }
}
