package io.agenthub.cli;

import io.agenthub.core.market.BundledDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: tables on success, one line and a non-zero exit on bad input. */
class BacktestCliTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        BundledDataset.require();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BacktestCli.execute(args, new PrintWriter(out), new PrintWriter(err), false);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldPrintStatisticsAndWriteReportsWhenBacktestingOneStrategy(@TempDir Path dir) throws Exception {
        Run run = run("backtest", "-s", "ema_crossover", "--from", "2023-03-10", "--to", "2023-03-14", "--timeframe", "5m",
                "-p", "lookback=30", "--out", dir.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("ema_crossover on BTC/USDT 5m, 1152 bars").contains("total return").contains("max drawdown");
        assertThat(Files.readAllLines(dir.resolve("trades.csv")).getFirst()).startsWith("side,entry_time,entry_price");
        assertThat(Files.readAllLines(dir.resolve("equity.csv"))).hasSize(1153);
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"lookback\" : 30.0").contains("\"statistics\"");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldBacktestOnRawTicksWhenGivenATickFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ticks.csv");
        StringBuilder csv = new StringBuilder("time,price,size\n");
        java.util.Random random = new java.util.Random(3);
        double price = 20_000;
        for (int i = 0; i < 20_000; i++) {
            price *= Math.exp(random.nextGaussian() * 0.001);
            csv.append(1_677_628_800_000L + i * 3_000L).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", price)).append(",0.01\n");
        }
        csv.append("2023-03-01T17:00:00Z,not-a-price,1\n");
        Files.writeString(file, csv);

        Run run = run("backtest", "-s", "rsi_signal", "--ticks", file.toString(), "--timeframe", "1m");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("rsi_signal on BTC/USDT ticks (20000 ticks, 1 rows skipped").contains("1000 bars of 1m")
                .contains("total return");
        assertOneLineError(run("backtest", "-s", "rsi_signal", "--ticks", "/no/ticks.csv"), "cannot read /no/ticks.csv");
    }

    @Test
    void shouldRankTheWholeCatalogueWhenComparing() {
        Run run = run("compare", "--timeframe", "15m", "--rank-by", "sharpe");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("26 strategies on BTC/USDT 15m").contains("ranked by sharpe").contains("funding_oi_filter");
        assertThat(run.out().lines().filter(l -> l.matches("^\\d+\\s{2,}[a-z_]+\\s+.*"))).hasSize(26);
    }

    @Test
    void shouldReportTheOutOfSampleResultOfTheBestCandidateWhenOptimizing(@TempDir Path dir) {
        Run run = run("optimize", "-s", "rsi_signal", "--timeframe", "5m", "--method", "random", "--samples", "6",
                "--threads", "2", "--out", dir.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("6 candidates (random)").contains("out of sample, best in-sample candidate vs the defaults");
        assertThat(dir.resolve("candidates.csv")).exists();
        assertThat(dir.resolve("summary.json")).exists();
    }

    @Test
    void shouldAnswerHelpWhenAnySubcommandIsAskedForIt() {
        for (String command : new String[] {"backtest", "compare", "optimize", "strategies", "seal-secret"}) {
            Run run = run(command, "--help");
            assertThat(run.exit()).as(command + ": " + run.err()).isZero();
            assertThat(run.out()).as(command).contains("Usage: agenthub-backtest " + command).contains("--help");
            assertThat(run.err()).as(command).isEmpty();
        }
    }

    @Test
    void shouldBacktestTheUsersOwnFileWhenItsSymbolIsNotOneTheHubLists(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("btc-usdc.csv");
        List<String> lines = Files.readAllLines(BundledDataset.require()).subList(0, 3001);
        Files.write(file, lines);

        Run run = run("backtest", "-s", "ema_crossover", "--data", file.toString(), "--symbol", "BTC/USDC", "--timeframe", "5m");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("BTC/USDC");
        assertOneLineError(run("backtest", "-s", "ema_crossover", "--symbol", "BTC/USDC"), "BTC/USDC is not supported");
    }

    @Test
    void shouldExplainInOneLineAndExitTwoWhenInputIsBad() {
        assertOneLineError(run("backtest", "-s", "martingale"), "unknown strategy 'martingale'");
        assertOneLineError(run("backtest", "-s", "ema_crossover", "--data", "/no/such.csv"), "cannot read /no/such.csv");
        assertOneLineError(run("backtest", "-s", "ema_crossover", "--from", "2023-02-30"), "--from '2023-02-30' is not a date");
        assertOneLineError(run("backtest", "-s", "ema_crossover", "-p", "lookback=2"), "lookback must be within 3..1000, got 2");
        assertOneLineError(run("backtest", "-s", "ema_crossover", "-p", "lookback=abc"), "--param lookback=abc: not a number");
        assertOneLineError(run("backtest", "-s", "ema_crossover", "--leverage", "200"), "leverage must be an integer within 1..125");
        assertOneLineError(run("backtest", "-s", "ema_crossover", "--timeframe", "7x"), "'7x' is not a timeframe");
        assertOneLineError(run("backtest"), "Missing required option");
        assertOneLineError(run("frobnicate"), "Unmatched argument");
        assertOneLineError(run("optimize", "-s", "ema_crossover", "--method", "annealing"), "--method must be grid or random");
    }

    private static void assertOneLineError(Run run, String expected) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: ").contains(expected);
        assertThat(run.err().strip().lines()).as("one line, no stack trace").hasSize(1);
        assertThat(run.out()).isEmpty();
    }
}
