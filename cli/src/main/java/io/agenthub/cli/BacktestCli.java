package io.agenthub.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code agenthub-backtest}: the trading core on the command line. Bad arguments and bad input end with one line on
 * standard error and a non-zero exit: 2 for what the user gave, 1 for anything else. Never a stack trace.
 */
@Command(name = "agenthub-backtest", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "agenthub-backtest 0.1",
        description = "Backtest, compare and optimize the Agent Hub strategies on 1-minute candles.",
        subcommands = {BacktestCommand.class, CompareCommand.class, OptimizeCommand.class, StrategiesCommand.class, SealSecretCommand.class})
public final class BacktestCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: backtest, compare, optimize or strategies");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null));
    }

    static int execute(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        CommandLine cli = new CommandLine(new BacktestCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            boolean userError = e instanceof IllegalArgumentException || e instanceof java.io.IOException;
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return userError ? 2 : 1;
        });
        Terminal.set(terminal);
        return cli.execute(args);
    }

    /** Whether standard error is a terminal (progress bars only there). */
    static final class Terminal {
        private static volatile boolean terminal;

        static void set(boolean value) {
            terminal = value;
        }

        static boolean is() {
            return terminal;
        }
    }
}
