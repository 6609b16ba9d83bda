package io.agenthub.core.strategy;

import io.agenthub.core.market.BundledDataset;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue is the contract of {@code shared/strategies.md}: every name, with its category and parameters. */
class StrategyCatalogTest {

    private static final StrategyCatalog CATALOG = StrategyCatalog.builtIn();

    /** name → category from the table in strategies.md. */
    static Map<String, String> documented() throws IOException {
        Path doc = BundledDataset.require().getParent().getParent().resolve("strategies.md");
        Matcher row = Pattern.compile("^\\| `([a-z_]+)` \\| ([a-z ]+) \\|", Pattern.MULTILINE).matcher(Files.readString(doc));
        Map<String, String> names = new LinkedHashMap<>();
        while (row.find()) {
            names.put(row.group(1), row.group(2).strip());
        }
        return names;
    }

    @Test
    void shouldOfferExactlyTheDocumentedStrategiesWithTheirCategories() throws IOException {
        Map<String, String> documented = documented();

        assertThat(documented).hasSize(26).containsKey("momentum_breakout");
        assertThat(CATALOG.all()).extracting(StrategyDefinition::name).containsExactlyInAnyOrderElementsOf(documented.keySet());
        for (StrategyDefinition definition : CATALOG.all()) {
            assertThat(definition.category().label()).as(definition.name()).isEqualTo(documented.get(definition.name()));
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldDescribeEveryStrategyForTheApiWhenListed() {
        return CATALOG.all().stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> {
            assertThat(d.description()).isNotBlank();
            assertThat(d.parameter("lookback")).isNotNull();
            assertThat(d.parameters()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
            StrategyParameters defaults = d.defaults();
            assertThat(d.warmup(defaults)).isPositive();
            assertThat(d.create(defaults).explain()).startsWith("warming up");
        }));
    }

    @Test
    void shouldRefuseWithOneMessagePerProblemWhenParametersAreWrong() {
        StrategyDefinition ema = CATALOG.require("ema_crossover");

        assertThatThrownBy(() -> ema.create(Map.of("lookback", 2.5, "fast", 0, "speed", 3)))
                .isInstanceOfSatisfying(InvalidParametersException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "unknown parameter 'speed'; ema_crossover takes [lookback, fast, full_scale_pct]",
                        "lookback must be within 3..1000, got 2.5",
                        "fast must be within 1..500, got 0"));
        assertThatThrownBy(() -> ema.create(Map.of("lookback", 21.5)))
                .hasMessageContaining("lookback must be a whole number of bars, got 21.5");
    }

    @Test
    void shouldNameTheCatalogueWhenStrategyIsUnknown() {
        assertThatThrownBy(() -> CATALOG.require("martingale"))
                .hasMessageContaining("unknown strategy 'martingale'")
                .hasMessageContaining("ema_crossover");
    }
}
