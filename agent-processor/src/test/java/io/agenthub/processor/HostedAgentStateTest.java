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
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.testkit.events.TestEvents;
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

        SymbolMarket market = new SymbolMarket();
        int[] intervals = {60};
        HostedAgent[] restored = {null};
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        SymbolMarket.BarSink bars = (interval, open, close, o, h, l, c, v) -> {
            expected.addAll(step(uninterrupted, out, () -> uninterrupted.onBar(open, close, o, h, l, c, v, out)));
            if (restored[0] != null) {
                actual.addAll(step(restored[0], out, () -> restored[0].onBar(open, close, o, h, l, c, v, out)));
            }
        };
        for (int i = 0; i < candles.size(); i++) {
            if (i == 1_500) {
                market = SymbolMarket.fromBytes(market.toBytes());
                restored[0] = HostedAgent.fromBytes("a1", uninterrupted.toBytes(), settings);
                restored[0].restoreLastSeen(market);
                expected.clear();
            }
            for (MarketTick tick : CandleTickPath.of(candles.get(i), 8)) {
                market.onTick(tick, intervals, bars);
                long ticks = market.ticks();
                expected.addAll(step(uninterrupted, out, () -> uninterrupted.onTick(tick, ticks, out)));
                if (restored[0] != null) {
                    actual.addAll(step(restored[0], out, () -> restored[0].onTick(tick, ticks, out)));
                }
            }
            market.onWatermark(candles.get(i).closeTime().toEpochMilli(), bars);
        }

        assertThat(actual.stream().filter(e -> e.contains("clientOrderId")).count()).as("trades after the restore").isGreaterThan(10);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(restored[0].toBytes()).isEqualTo(uninterrupted.toBytes());
    }

    /** Runs one input through an agent, and fills at once, at its reference price, any order it sends (a paper venue). */
    private static List<String> step(HostedAgent agent, Emitter out, Runnable input) {
        input.run();
        List<SpecificRecord> events = out.drain();
        List<String> described = new ArrayList<>(describe(events));
        for (SpecificRecord event : events) {
            if (event instanceof OrderIntent intent) {
                agent.onExecution(TestEvents.filled(intent, intent.getReferencePrice(), ExecutionCosts.standard(), intent.getEventTime()), out);
                described.addAll(describe(out.drain()));
            }
        }
        return described;
    }

    /** Events without their random event ids. */
    private static List<String> describe(List<SpecificRecord> events) {
        return events.stream().map(e -> {
            String text = e.toString();
            return text.replaceAll("\"eventId\": \"[^\"]*\"", "");
        }).toList();
    }
}
