package io.agenthub.cli;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.backtest.Statistics;
import io.agenthub.core.backtest.optimize.Objective;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

@Command(name = "compare", description = "Backtest every strategy of the catalogue with its defaults and rank them.")
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MarketOptions market;

    @Mixin
    AgentOptions agent;

    @Option(names = "--rank-by", defaultValue = "return", description = "return, sharpe, sortino or profit_factor (default ${DEFAULT-VALUE})")
    String rankBy;

    @Option(names = "--out", paramLabel = "DIR", description = "write ranking.csv here")
    Path out;

    private record Row(String name, Statistics statistics) {
    }

    @Override
    public Integer call() throws Exception {
        Objective objective = Objective.parse(rankBy);
        BarSeries series = market.load();
        Instrument instrument = market.instrument();
        List<StrategyDefinition> strategies = List.copyOf(StrategyCatalog.builtIn().all());
        Progress progress = new Progress(spec.commandLine().getErr(), strategies.size(), BacktestCli.Terminal.is());
        AtomicInteger done = new AtomicInteger();
        List<Row> rows = strategies.parallelStream().map(d -> {
            Statistics s = Backtest.run(agent.spec(instrument, d, Map.of()), series).statistics();
            progress.done(done.incrementAndGet());
            return new Row(d.name(), s);
        }).sorted(Comparator.comparingDouble((Row r) -> objective.score(r.statistics())).reversed()).toList();

        List<String[]> table = new ArrayList<>();
        List<String> csv = new ArrayList<>(List.of("rank,strategy,total_return,max_drawdown,sharpe,win_rate,trades,net_pnl"));
        int rank = 0;
        for (Row r : rows) {
            Statistics s = r.statistics();
            rank++;
            table.add(new String[]{Integer.toString(rank), r.name(), Report.pct(s.totalReturn()), Report.share(s.maxDrawdown()),
                    Report.num(s.sharpe()), Report.share(s.winRate()), Integer.toString(s.trades()), s.netPnl().toPlainString()});
            csv.add(String.join(",", Integer.toString(rank), r.name(), Double.toString(s.totalReturn()), Double.toString(s.maxDrawdown()),
                    Double.toString(s.sharpe()), Double.toString(s.winRate()), Integer.toString(s.trades()), s.netPnl().toPlainString()));
        }
        var w = spec.commandLine().getOut();
        w.printf("%d strategies on %s %s, %d bars, ranked by %s%n%n", rows.size(), series.symbol(), series.timeframe(), series.size(),
                objective.name().toLowerCase());
        w.print(Report.table(new String[]{"#", "strategy", "return", "max DD", "Sharpe", "win rate", "trades", "net P&L"}, table));
        if (out != null) {
            Files.createDirectories(out);
            Files.write(out.resolve("ranking.csv"), csv);
            w.println("\nwrote " + out.resolve("ranking.csv"));
        }
        w.flush();
        return 0;
    }
}
