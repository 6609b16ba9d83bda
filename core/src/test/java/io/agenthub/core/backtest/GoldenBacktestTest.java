package io.agenthub.core.backtest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every strategy with default parameters on the bundled dataset must reproduce the committed statistics exactly
 * (trade counts and decimal P&L to the cent and beyond; ratios printed to 12 significant digits). A change that moves
 * them must regenerate the file ({@link GoldenBacktests}) and say why in its commit.
 */
class GoldenBacktestTest {

    @Test
    void shouldReproduceTheCommittedStatisticsOfEveryStrategy() throws IOException {
        List<String> expected;
        try (InputStream in = GoldenBacktestTest.class.getResourceAsStream("/golden/backtest-defaults.csv")) {
            assertThat(in).as("golden file missing: run GoldenBacktests").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }

        List<String> actual = GoldenBacktests.compute();

        assertThat(actual.getFirst()).isEqualTo(GoldenBacktests.HEADER);
        assertThat(actual).as("statistics drifted from src/test/resources/golden/backtest-defaults.csv").containsExactlyElementsOf(expected);
    }
}
