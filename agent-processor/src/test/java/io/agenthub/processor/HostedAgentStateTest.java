package io.agenthub.processor;

import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.schemas.events.PlannerSettings;
import io.agenthub.schemas.events.SupervisorSettings;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent written to the stores and read back continues exactly as if it had never stopped. */
class HostedAgentStateTest {

    private final ProcessorSettings settings = TestStrategies.settings();

    @Test
    void shouldContinueIdenticallyWhenRestoredFromItsStoredStateMidRun() throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 3_000);
        var config = AgentConfigs.paper("a1", "rsi_signal")
                .setPlanner(PlannerSettings.newBuilder().setEnabled(true).setEveryNBars(50).build())
                .setSupervisor(SupervisorSettings.newBuilder().setEnabled(true).setEveryNTicks(7).build())
                .build();
        HostedAgent uninterrupted = new HostedAgent("a1", settings);
        Emitter out = new Emitter();
        uninterrupted.speak(out, "c", config);
        uninterrupted.onConfig(config, out);
        out.drain();

        HostedAgent restored = null;
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < candles.size(); i++) {
            if (i == 1_500) {
                restored = HostedAgent.fromBytes("a1", uninterrupted.toBytes(), settings);
                restored.applyTickState(uninterrupted.tickStateBytes());
            }
            for (MarketTick tick : CandleTickPath.of(candles.get(i), 8)) {
                uninterrupted.onTick(tick, out);
                expected.addAll(describe(out.drain()));
                if (restored != null) {
                    restored.onTick(tick, out);
                    actual.addAll(describe(out.drain()));
                }
            }
            uninterrupted.onWatermark(candles.get(i).closeTime(), out);
            expected.addAll(describe(out.drain()));
            if (restored != null) {
                restored.onWatermark(candles.get(i).closeTime(), out);
                actual.addAll(describe(out.drain()));
            }
            if (i == 1_499) {
                expected.clear();
            }
        }

        assertThat(actual).isNotEmpty().containsExactlyElementsOf(expected);
        assertThat(restored.toBytes()).isEqualTo(uninterrupted.toBytes());
        assertThat(restored.tickStateBytes()).isEqualTo(uninterrupted.tickStateBytes());
    }

    /** Events without their random event ids. */
    private static List<String> describe(List<SpecificRecord> events) {
        return events.stream().map(e -> {
            String text = e.toString();
            return text.replaceAll("\"eventId\": \"[^\"]*\"", "");
        }).toList();
    }
}
