package io.agenthub.cli;

import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "strategies", description = "List the catalogue with parameters, defaults and bounds.")
final class StrategiesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        List<String[]> rows = new ArrayList<>();
        for (StrategyDefinition d : StrategyCatalog.builtIn().all()) {
            StringBuilder params = new StringBuilder();
            for (ParameterSpec p : d.parameters()) {
                params.append(p.name()).append('=').append(fmt(p.defaultValue())).append(" [").append(fmt(p.min())).append("..")
                        .append(fmt(p.max())).append("] ");
            }
            rows.add(new String[]{d.name(), d.category().label(), Integer.toString(d.warmup(d.defaults())), params.toString().strip()});
        }
        spec.commandLine().getOut().print(Report.table(new String[]{"strategy", "category", "warm-up", "parameters"}, rows));
        spec.commandLine().getOut().flush();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
