package io.agenthub.processor;

import io.agenthub.core.backtest.Backtest;
import io.agenthub.core.backtest.BacktestResult;
import io.agenthub.core.backtest.BacktestSpec;
import io.agenthub.core.backtest.BarSeries;
import io.agenthub.core.backtest.Trade;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BundledDataset;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.venue.PaperVenue;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.events.PositionEventKind;
import io.agenthub.schemas.orders.OrderEvents;
import io.agenthub.testkit.events.AgentConfigs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 4, backtest = live: the bundled real candles replayed through the processor as the replay feed sends them
 * (four ticks and a watermark per candle), with the paper venue filling the orders, give the very orders and
 * trades the backtest engine computes over the same candles, also when the venue's fills reach the processor many
 * ticks late (the agent holds what it saw meanwhile and steps through it once the fill is in).
 */
class BacktestParityTest {

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
            LaggingVenue venue = new LaggingVenue(driver, spec, "parity", lag);
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
     * The paper venue itself, in memory, whose reports reach the processor {@code lag} ticks after the venue made them:
     * the agent has seen later ticks and bars by then, and must still trade as if the fill had come at once.
     */
    private static final class LaggingVenue {
        private final AgentDriver driver;
        private final int lag;
        private final PaperVenue venue;
        private final Deque<Due> due = new ArrayDeque<>();

        private static final class Due {
            final ExecutionReport report;
            int ticks;

            Due(ExecutionReport report, int ticks) {
                this.report = report;
                this.ticks = ticks;
            }
        }

        LaggingVenue(AgentDriver driver, BacktestSpec spec, String account, int lag) {
            this.driver = driver;
            this.lag = lag;
            this.venue = PaperVenue.inMemory(Instruments.defaults(), new PaperVenue.Settings(spec.risk().maintenanceMarginRate()));
            venue.open(account, spec.costs(), spec.initialEquity());
            venue.subscribe(update -> schedule(OrderEvents.report(update.account(), PaperVenue.NAME, update.order(), update.execution(),
                    update.order().causationId(), Events.newEventId())));
        }

        /** A tick is about to reach the processor: the venue sees it first (orders waiting for a price fill at it); reports that are due are told. */
        void beforeTick(MarketTick tick) {
            venue.onTick(tick);
            for (Due d : due) {
                d.ticks--;
            }
            while (!due.isEmpty() && due.peekFirst().ticks < 0) {
                driver.execution(due.pollFirst().report);
            }
        }

        void take(List<OrderIntent> intents) {
            for (OrderIntent intent : intents) {
                try {
                    venue.broker(intent.getAgentId()).submit(OrderEvents.command(intent));
                } catch (BrokerException e) {
                    schedule(OrderEvents.rejected(intent, PaperVenue.NAME, e.code(), e.getMessage(), intent.getEventTime()));
                }
            }
        }

        private void schedule(ExecutionReport report) {
            if (lag == 0) {
                driver.execution(report);
            } else {
                due.addLast(new Due(report, lag));
            }
        }

        /** The end of the data: what is still due is told, and what it leads to. */
        void drain(List<OrderIntent> intents) {
            while (!due.isEmpty()) {
                driver.execution(due.pollFirst().report);
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
