package io.agenthub.api.strategies;

import io.agenthub.api.web.NotFoundException;
import io.agenthub.core.strategy.ParameterSpec;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.strategy.StrategyDefinition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The strategy catalogue: what an agent's {@code strategy_name} and {@code strategy_params} may be. */
@RestController
public class StrategyController {

    public record Parameter(String name, String description, double defaultValue, double min, double max, boolean integer) {
        static Parameter of(ParameterSpec spec) {
            return new Parameter(spec.name(), spec.description(), spec.defaultValue(), spec.min(), spec.max(), spec.integer());
        }
    }

    public record Strategy(String name, String category, String description, List<Parameter> parameters) {
        static Strategy of(StrategyDefinition definition) {
            return new Strategy(definition.name(), definition.category().name().toLowerCase(Locale.ROOT), definition.description(),
                    definition.parameters().stream().map(Parameter::of).toList());
        }
    }

    private final StrategyCatalog catalog;

    public StrategyController(StrategyCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/strategies")
    List<Strategy> all() {
        return catalog.all().stream().sorted(Comparator.comparing(StrategyDefinition::name)).map(Strategy::of).toList();
    }

    @GetMapping("/api/strategies/{name}")
    Strategy one(@PathVariable String name) {
        return catalog.find(name).map(Strategy::of).orElseThrow(() -> new NotFoundException("strategy", name));
    }
}
