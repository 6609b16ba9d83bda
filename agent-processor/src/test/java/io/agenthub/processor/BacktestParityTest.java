package io.agenthub.processor;

import io.agenthub.testkit.events.AgentConfigs;
import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestResult;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.backtest.Trade;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.OrderPurpose;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 4, backtest = live: the bundled real candles replayed through the processor as the replay feed sends them
 * (four ticks and a watermark per candle), with a venue that fills like the paper venue, give the very orders and
 * trades the backtest engine computes over the same candles, also when the venue's fills reach the processor many
 * ticks late (the agent holds what it saw meanwhile and steps through it once the fill is in).
 */
class BacktestParityTest {

    private static final Set<OrderPurpose> AT_TRIGGER = Set.of(OrderPurpose.STOP_LOSS, OrderPurpose.TAKE_PROFIT, OrderPurpose.LIQUIDATION);

    @ParameterizedTest
    @CsvSource({"ema_crossover, 0", "rsi_signal, 0", "bollinger_reversion, 0", "supertrend, 0", "ema_crossover, 11", "rsi_signal, 3",
            "supertrend, 17"})
    void shouldPlaceTheBacktestsOrdersWhenTheBundledDatasetIsReplayedThroughTheProcessor(String strategy, int lag) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE)
                .subList(0, 10_000);
        Instrument btc = Instruments.defaults().resolve("BTC/USDT");
        BacktestSpec spec = BacktestSpec.defaults(btc, StrategyCatalog.builtIn().require(strategy));
        BacktestResult backtest = Backtest.run(spec, BarSeries.of(candles));

        List<OrderIntent> intents = new ArrayList<>();
        List<PositionEvent> positions = new ArrayList<>();
        try (AgentDriver driver = new AgentDriver()) {
            driver.config(AgentConfigs.paper("parity", strategy).build());
            LaggingVenue venue = new LaggingVenue(driver, spec.costs(), lag);
            for (Bar candle : candles) {
                for (MarketTick tick : CandleTickPath.of(candle, 8)) {
                    venue.beforeTick(tick);
                    driver.tick(tick);
                    venue.take(driver.drainIntents(intents));
                }
                driver.watermark(candle.closeTime());
                venue.take(driver.drainIntents(intents));
                positions.addAll(driver.positions());
            }
            venue.drain(intents);
            positions.addAll(driver.positions());
        }

        assertThat(backtest.trades()).as("the dataset must exercise the strategy").hasSizeGreaterThan(5);
        assertThat(intents).hasSize(backtest.orders());
        assertThat(closedTrades(positions)).containsExactlyElementsOf(backtest.trades().stream()
                .filter(t -> t.exitTime() > 0).map(BacktestParityTest::row).toList());
    }

    /**
     * Fills like the paper venue (a protective exit at its trigger, any other order at the first tick at or after its
     * decision), and tells the processor {@code lag} ticks later than that tick: the agent has seen later ticks and
     * bars by then, and must still trade as if the fill had come at once.
     */
    private static final class LaggingVenue {
        private final AgentDriver driver;
        private final ExecutionCosts costs;
        private final int lag;
        private final List<MarketTick> sent = new ArrayList<>();
        private final Deque<OrderIntent> waiting = new ArrayDeque<>();
        private final Deque<Object[]> due = new ArrayDeque<>();

        LaggingVenue(AgentDriver driver, ExecutionCosts costs, int lag) {
            this.driver = driver;
            this.costs = costs;
            this.lag = lag;
        }

        /** A tick is about to reach the processor: orders waiting for a price fill at it; fills that are due are told. */
        void beforeTick(MarketTick tick) {
            sent.add(tick);
            while (!waiting.isEmpty()) {
                schedule(waiting.poll(), tick.price(), tick.time());
            }
            for (Object[] fill : due) {
                fill[3] = (Integer) fill[3] - 1;
            }
            while (!due.isEmpty() && (Integer) due.peekFirst()[3] < 0) {
                Object[] fill = due.pollFirst();
                driver.fill((OrderIntent) fill[0], (BigDecimal) fill[1], costs, (Instant) fill[2]);
            }
        }

        void take(List<OrderIntent> intents) {
            for (OrderIntent intent : intents) {
                if (AT_TRIGGER.contains(intent.getPurpose())) {
                    schedule(intent, Decimals.fromWire(intent.getReferencePrice()), intent.getEventTime());
                    continue;
                }
                MarketTick first = sent.stream().filter(t -> !t.time().isBefore(intent.getEventTime())).findFirst().orElse(null);
                if (first == null) {
                    waiting.add(intent);
                } else {
                    schedule(intent, first.price(), first.time());
                }
            }
        }

        private void schedule(OrderIntent intent, BigDecimal price, Instant time) {
            if (lag == 0) {
                driver.fill(intent, price, costs, time);
            } else {
                due.addLast(new Object[] {intent, price, time, lag});
            }
        }

        /** The end of the data: what is still due is told, and what it leads to. */
        void drain(List<OrderIntent> intents) {
            while (!due.isEmpty()) {
                Object[] fill = due.pollFirst();
                driver.fill((OrderIntent) fill[0], (BigDecimal) fill[1], costs, (Instant) fill[2]);
                take(driver.drainIntents(intents));
            }
        }
    }

    private static List<String> closedTrades(List<PositionEvent> events) {
        List<String> rows = new ArrayList<>();
        PositionEvent opened = null;
        for (PositionEvent e : events) {
            if (e.getKind() == PositionEventKind.OPENED) {
                opened = e;
            } else if (e.getKind() == PositionEventKind.CLOSED && opened != null) {
                BigDecimal net = e.getRealizedPnl().subtract(e.getFees());
                rows.add(String.join(" ", opened.getSide().name(), Long.toString(opened.getEventTime().toEpochMilli()),
                        plain(opened.getAverageEntryPrice()), Long.toString(e.getEventTime().toEpochMilli()), plain(e.getExitPrice()),
                        plain(opened.getQuantity()), plain(net), e.getCloseReason()));
                opened = null;
            }
        }
        return rows;
    }

    private static String row(Trade t) {
        return String.join(" ", t.side().name(), Long.toString(t.entryTime()), plain(t.entryPrice()), Long.toString(t.exitTime()),
                plain(t.exitPrice()), plain(t.quantity()), plain(t.netPnl()), t.exitReason());
    }

    private static String plain(BigDecimal value) {
        return Decimals.fromWire(value).toPlainString();
    }
}
