package io.agenthub.cli;

import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.backtest.optimize.Candidate;
import io.agenthub.core.backtest.optimize.Evaluation;
import io.agenthub.core.backtest.optimize.Objective;
import io.agenthub.core.backtest.optimize.SearchSpace;
import io.agenthub.core.backtest.optimize.WalkForward;
import io.agenthub.core.backtest.optimize.WalkForwardResult;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "optimize", description = "Search lookback, threshold, stop-loss and take-profit on an in-sample window; "
        + "report the best candidate's result on the out-of-sample window it never saw.")
final class OptimizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MarketOptions market;

    @Mixin
    AgentOptions agent;

    @Option(names = {"-s", "--strategy"}, required = true, description = "strategy from the catalogue")
    String strategy;

    @Option(names = "--method", defaultValue = "grid", description = "grid or random (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--samples", defaultValue = "40", description = "candidates for --method random (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "seed for --method random")
    long seed;

    @Option(names = "--in-sample", defaultValue = "0.7", description = "share of bars searched on (default ${DEFAULT-VALUE})")
    double inSample;

    @Option(names = "--objective", defaultValue = "sharpe", description = "sharpe, sortino, return or profit_factor (default ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--top", defaultValue = "10", description = "in-sample candidates to show (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--threads", description = "worker threads (default: every core)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "write candidates.csv and summary.json here")
    Path out;

    @Override
    public Integer call() throws Exception {
        StrategyDefinition definition = StrategyCatalog.builtIn().require(strategy);
        SearchSpace space = SearchSpace.around(definition);
        List<Candidate> candidates = switch (method) {
            case "grid" -> space.grid();
            case "random" -> {
                if (samples < 1) {
                    throw new IllegalArgumentException("--samples must be at least 1");
                }
                yield space.random(samples, seed);
            }
            default -> throw new IllegalArgumentException("--method must be grid or random, got '" + method + "'");
        };
        Objective goal = Objective.parse(objective);
        BarSeries series = market.load();
        BacktestSpec base = agent.spec(market.instrument(), definition, Map.of());
        Progress progress = new Progress(spec.commandLine().getErr(), candidates.size(), BacktestCli.Terminal.is());
        int parallelism = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        WalkForwardResult result = WalkForward.run(base, series, candidates, inSample, goal, parallelism, progress::done);

        var w = spec.commandLine().getOut();
        w.printf("%s: %d candidates (%s) on %s %s; in-sample before %s, ranked by %s%n%n", definition.name(), candidates.size(),
                method, series.symbol(), series.timeframe(), Instant.ofEpochMilli(result.splitTime()), goal.name().toLowerCase());
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(top, result.ranked().size()); i++) {
            Evaluation e = result.ranked().get(i);
            rows.add(new String[]{Integer.toString(i + 1), e.candidate().describe(), Report.num(e.score()),
                    Report.pct(e.inSample().totalReturn()), Integer.toString(e.inSample().trades())});
        }
        w.print(Report.table(new String[]{"#", "candidate (in-sample)", goal.name().toLowerCase(), "return", "trades"}, rows));
        w.println();
        w.println("out of sample, best in-sample candidate vs the defaults:");
        List<String[]> oos = new ArrayList<>();
        var best = Report.statisticsRows(result.outOfSample());
        var defaults = Report.statisticsRows(result.defaultsOutOfSample());
        for (int i = 0; i < best.size(); i++) {
            oos.add(new String[]{best.get(i)[0], best.get(i)[1], defaults.get(i)[1]});
        }
        w.print(Report.table(new String[]{"statistic", "best", "defaults"}, oos));
        if (out != null) {
            Files.createDirectories(out);
            List<String> csv = new ArrayList<>(List.of("rank,candidate,score,in_sample_return,in_sample_trades"));
            int rank = 0;
            for (Evaluation e : result.ranked()) {
                csv.add(++rank + ",\"" + e.candidate().describe() + "\"," + e.score() + "," + e.inSample().totalReturn() + "," + e.inSample().trades());
            }
            Files.write(out.resolve("candidates.csv"), csv);
            ObjectNode summary = Report.json().createObjectNode();
            summary.put("strategy", definition.name());
            summary.put("best", result.best().candidate().describe());
            summary.put("split", Instant.ofEpochMilli(result.splitTime()).toString());
            summary.set("out_of_sample", Report.statistics(result.outOfSample()));
            summary.set("defaults_out_of_sample", Report.statistics(result.defaultsOutOfSample()));
            Files.writeString(out.resolve("summary.json"), Report.json().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
            w.println("\nwrote " + out.resolve("candidates.csv") + ", summary.json");
        }
        w.flush();
        return 0;
    }
}
