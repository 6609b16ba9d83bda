package io.agenthub.processor;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.processor.wire.Emitter;
import io.agenthub.schemas.AvroSerde;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PlannerSettings;
import io.agenthub.schemas.events.SupervisorSettings;
import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.testkit.events.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent written to the stores and read back continues exactly as if it had never stopped. */
class HostedAgentStateTest {


    /**
     * @param fillLag      inputs after an order before the venue's fill reaches the agent (0: at once), so that the state
     *                     written mid-run also holds market events that came while an order was in flight
     * @param earlierFormat 0: restored from this code's own bytes; 3 or 4: from the bytes the processor of that state format
     *                      wrote at the same point of the same run (3: before the agent kernel; 4: before the interval
     *                      line's clock was stored): an upgrade restores what its predecessor stored
     */
    @ParameterizedTest
    @CsvSource({"0, 0", "5, 0", "0, 3", "5, 3", "0, 4", "5, 4"})
    void shouldContinueIdenticallyWhenRestoredFromItsStoredStateMidRun(int fillLag, int earlierFormat) throws Exception {
        boolean earlierState = earlierFormat > 0;
        // the earlier formats' states were written on a synthetic walk, so that this test holds whatever candle file is bundled
        List<Bar> candles = earlierState ? walk()
                : CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE).subList(0, 4_000);
        var config = AgentConfigs.paper("a1", "rsi_signal").setEventId("state-format-fixture")
                .setPlanner(PlannerSettings.newBuilder().setEnabled(true).setEveryNBars(50).build())
                .setSupervisor(SupervisorSettings.newBuilder().setEnabled(true).setEveryNTicks(7).build())
                .build();
        // tick lines too (their counts), but not after an earlier format, which did not store when the last line was made:
        // an agent restored from it makes its first line at its first tick
        ProcessorSettings settings = TestStrategies.settings().withTickLines(!earlierState);
        HostedAgent uninterrupted = new HostedAgent("a1", settings, BarHistory.none());
        Emitter out = new Emitter("test");
        uninterrupted.speak(out, "c", config);
        uninterrupted.onConfig(config, out);
        out.drain();

        SymbolMarket market = new SymbolMarket(Symbol.parse("BTC/USDT"));
        MarketLog log = MarketLog.inMemory();
        int[] intervals = {60};
        HostedAgent[] restored = {null};
        Venue venue = new Venue(fillLag, log);
        Venue[] restoredVenue = {null};
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        SymbolMarket[] markets = {market};
        SymbolMarket.BarSink bars = (interval, open, close, o, h, l, c, v, whole) -> {
            long seq = markets[0].nextEvent();
            if (uninterrupted.holding() || (restored[0] != null && restored[0].holding())) {
                log.append("BTC/USDT", MarketLog.Event.bar(seq, interval, open, close, o, h, l, c, v, "bar-" + seq));
            }
            expected.addAll(venue.step(uninterrupted, out, () -> uninterrupted.onBar(seq, open, close, o, h, l, c, v, out)));
            if (restored[0] != null) {
                actual.addAll(restoredVenue[0].step(restored[0], out, () -> restored[0].onBar(seq, open, close, o, h, l, c, v, out)));
            }
        };
        boolean heldAtRestore = false;
        for (int i = 0; i < candles.size(); i++) {
            for (MarketTick tick : CandleTickPath.of(candles.get(i), 8)) {
                if (restored[0] == null && i >= 1_500 && (fillLag == 0 || uninterrupted.heldFrom() >= 0)) {
                    heldAtRestore = uninterrupted.heldFrom() >= 0;
                    market = SymbolMarket.fromBytes(market.symbol(), market.toBytes());
                    markets[0] = market;
                    byte[] stored = earlierState ? earlierState(earlierFormat, fillLag) : uninterrupted.toBytes();
                    restored[0] = HostedAgent.fromBytes("a1", stored, settings, BarHistory.none());
                    restored[0].restoreLastSeen(market);
                    restoredVenue[0] = venue.copy();
                    expected.clear();
                }
                market.onTick(tick, intervals, (from, to) -> List.of(), bars);
                long ticks = market.ticks();
                long seq = market.nextEvent();
                if (uninterrupted.holding() || (restored[0] != null && restored[0].holding())) {
                    log.append("BTC/USDT", MarketLog.Event.tick(seq, tick.time().toEpochMilli(), tick.price(), ticks, tick.tradeId()));
                }
                expected.addAll(venue.step(uninterrupted, out, () -> uninterrupted.onTick(tick, markets[0], seq, out)));
                if (restored[0] != null) {
                    actual.addAll(restoredVenue[0].step(restored[0], out, () -> restored[0].onTick(tick, markets[0], seq, out)));
                }
            }
            market.onWatermark(candles.get(i).closeTime().toEpochMilli(), bars);
        }

        assertThat(restored[0]).as("restored mid-run").isNotNull();
        assertThat(heldAtRestore).as("market events were held at the restore").isEqualTo(fillLag > 0);
        assertThat(actual.stream().filter(e -> e.contains("clientOrderId")).count()).as("trades after the restore").isGreaterThan(10);
        assertThat(actual).containsExactlyElementsOf(expected);
        // the configuration is kept as it came (an earlier state's in the schema version it was written with)
        assertThat(configOf(restored[0].toBytes())).isEqualTo(configOf(uninterrupted.toBytes()));
        assertThat(afterConfig(restored[0].toBytes())).isEqualTo(afterConfig(uninterrupted.toBytes()));
    }

    private static AgentConfig configOf(byte[] state) {
        ByteBuffer in = ByteBuffer.wrap(state, 1, state.length - 1);
        byte[] config = new byte[in.getInt()];
        in.get(config);
        return AvroSerde.of(AgentConfig.class).decode(config);
    }

    private static byte[] afterConfig(byte[] state) {
        int length = ByteBuffer.wrap(state, 1, 4).getInt();
        return Arrays.copyOfRange(state, 1 + 4 + length, state.length);
    }

    /**
     * What the processor of state format {@code format} stored at the restore point of this run on {@link #walk} (written
     * by this test on that code: format 3 on c6cb887, format 4 on 0ffe318).
     */
    private static byte[] earlierState(int format, int fillLag) throws Exception {
        try (var in = HostedAgentStateTest.class.getResourceAsStream("/state/walk-format" + format + "-lag" + fillLag + ".bin")) {
            byte[] bytes = in.readAllBytes();
            assertThat(bytes[0]).as("state format").isEqualTo((byte) format);
            return bytes;
        }
    }

    /**
     * A paper venue for one agent: every order fills at its reference price, {@code lag} inputs after it was sent (the
     * agent holds the market events in between).
     */
    private static final class Venue {
        private final int lag;
        private final MarketLog log;
        private final List<Object[]> due = new ArrayList<>();

        Venue(int lag, MarketLog log) {
            this.lag = lag;
            this.log = log;
        }

        Venue copy() {
            Venue copy = new Venue(lag, log);
            due.forEach(d -> copy.due.add(d.clone()));
            return copy;
        }

        /** Runs one input through the agent, then tells it the fills that are due; what it emits, described. */
        List<String> step(HostedAgent agent, Emitter out, Runnable input) {
            input.run();
            List<String> described = new ArrayList<>(take(out.drain()));
            due.forEach(d -> d[1] = (Integer) d[1] - 1);
            while (!due.isEmpty() && (Integer) due.getFirst()[1] <= 0) {
                OrderIntent intent = (OrderIntent) due.removeFirst()[0];
                agent.onExecution(TestEvents.filled(intent, intent.getReferencePrice(), ExecutionCosts.standard(), intent.getEventTime()), log, out);
                described.addAll(take(out.drain()));
            }
            return described;
        }

        private List<String> take(List<SpecificRecord> events) {
            for (SpecificRecord event : events) {
                if (event instanceof OrderIntent intent) {
                    due.add(new Object[] {intent, lag});
                }
            }
            return describe(events);
        }
    }

    /** Events without their random event ids. */
    private static List<String> describe(List<SpecificRecord> events) {
        return events.stream().map(e -> {
            String text = e.toString();
            return text.replaceAll("\"eventId\": \"[^\"]*\"", "");
        }).toList();
    }

    /**
     * 4,000 one-minute candles of a seeded random walk around 20,000: the same on every machine, whatever candle file is
     * bundled (the earlier format's states were written from these).
     */
    static List<Bar> walk() {
        java.util.Random random = new java.util.Random(18);
        Symbol symbol = Symbol.parse("BTC/USDT");
        java.time.Instant start = java.time.Instant.parse("2023-03-01T00:00:00Z");
        List<Bar> bars = new ArrayList<>();
        double price = 20_000;
        for (int i = 0; i < 4_000; i++) {
            double open = price;
            double close = open * Math.exp(random.nextGaussian() * 0.002);
            double high = Math.max(open, close) * (1 + Math.abs(random.nextGaussian()) * 0.001);
            double low = Math.min(open, close) * (1 - Math.abs(random.nextGaussian()) * 0.001);
            bars.add(new Bar(symbol, Timeframe.ONE_MINUTE, start.plusSeconds(60L * i), cents(open), cents(high), cents(low), cents(close),
                    java.math.BigDecimal.ONE));
            price = cents(close).doubleValue();
        }
        return bars;
    }

    private static java.math.BigDecimal cents(double price) {
        return java.math.BigDecimal.valueOf(price).setScale(2, java.math.RoundingMode.HALF_EVEN);
    }

}
