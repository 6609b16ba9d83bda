package io.agenthub.cli;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestResult;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.TickCsvReader;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "backtest", description = "Backtest one strategy and print its statistics.")
final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    MarketOptions market;

    @Mixin
    AgentOptions agent;

    @Option(names = {"-s", "--strategy"}, required = true, description = "strategy from the catalogue (see: strategies)")
    String strategy;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "strategy parameter, repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "write trades.csv, equity.csv and summary.json here")
    Path out;

    @Option(names = "--ticks", paramLabel = "FILE", description = "run on raw ticks instead (CSV of time,price[,size]; time in epoch ms "
            + "or ISO-8601); bars of --timeframe are built from them")
    Path ticks;

    @Override
    public Integer call() throws Exception {
        StrategyDefinition definition = StrategyCatalog.builtIn().require(strategy);
        if (ticks != null) {
            return onTicks(definition);
        }
        BarSeries series = market.load();
        long started = System.nanoTime();
        BacktestResult result = Backtest.run(agent.spec(market.instrument(), definition, Parameters.parse(params)), series);
        double seconds = (System.nanoTime() - started) / 1e9;
        var w = spec.commandLine().getOut();
        w.printf("%s on %s %s, %d bars from %s to %s (%.0f ms, %.1f M bars/s)%n%n", definition.name(), series.symbol(),
                series.timeframe(), series.size(), Instant.ofEpochMilli(series.openTime(0)),
                Instant.ofEpochMilli(series.openTime(series.size() - 1)), seconds * 1000, series.size() / seconds / 1e6);
        w.print(Report.table(new String[]{"statistic", "value"}, Report.statisticsRows(result.statistics())));
        finish(result);
        return 0;
    }

    private Integer onTicks(StrategyDefinition definition) throws Exception {
        if (!Files.isReadable(ticks)) {
            throw new IllegalArgumentException("cannot read " + ticks);
        }
        Timeframe timeframe = Timeframe.parse(market.timeframe);
        TickCsvReader.Ticks read = TickCsvReader.readAll(ticks, market.instrument().symbol());
        if (read.ticks().isEmpty()) {
            throw new IllegalArgumentException(ticks + " has no valid ticks: " + read.summary());
        }
        long started = System.nanoTime();
        BacktestResult result = Backtest.runTicks(agent.spec(market.instrument(), definition, Parameters.parse(params)),
                read.ticks().iterator(), timeframe);
        double seconds = (System.nanoTime() - started) / 1e9;
        var w = spec.commandLine().getOut();
        w.printf("%s on %s ticks (%s), %d bars of %s (%.0f ms, %.1f M ticks/s)%n%n", definition.name(), market.instrument().symbol(),
                read.summary(), result.barTimes().length, timeframe, seconds * 1000, read.ticks().size() / seconds / 1e6);
        w.print(Report.table(new String[]{"statistic", "value"}, Report.statisticsRows(result.statistics())));
        finish(result);
        return 0;
    }

    private void finish(BacktestResult result) throws java.io.IOException {
        var w = spec.commandLine().getOut();
        if (!result.openAtEnd().isFlat()) {
            w.println("\nopen at the end: " + result.openAtEnd().side().name().toLowerCase() + " " + result.openAtEnd().quantity().toPlainString());
        }
        if (out != null) {
            Report.writeBacktest(out, result);
            w.println("\nwrote " + out.resolve("trades.csv") + ", equity.csv, summary.json");
        }
        w.flush();
    }
}
