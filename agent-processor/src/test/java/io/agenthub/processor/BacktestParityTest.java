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
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 4, backtest = live: the bundled real candles replayed through the processor as the replay feed sends them
 * (four ticks and a watermark per candle), with a venue that fills like the paper venue, give the very orders and
 * trades the backtest engine computes over the same candles.
 */
class BacktestParityTest {

    private static final Set<OrderPurpose> AT_TRIGGER = Set.of(OrderPurpose.STOP_LOSS, OrderPurpose.TAKE_PROFIT, OrderPurpose.LIQUIDATION);

    @ParameterizedTest
    @ValueSource(strings = {"ema_crossover", "rsi_signal", "bollinger_reversion", "supertrend"})
    void shouldPlaceTheBacktestsOrdersWhenTheBundledDatasetIsReplayedThroughTheProcessor(String strategy) throws Exception {
        List<Bar> candles = CandleCsvReader.readAll(BundledDataset.require(), BundledDataset.SYMBOL, Timeframe.ONE_MINUTE)
                .subList(0, 10_000);
        Instrument btc = Instruments.defaults().resolve("BTC/USDT");
        BacktestSpec spec = BacktestSpec.defaults(btc, StrategyCatalog.builtIn().require(strategy));
        BacktestResult backtest = Backtest.run(spec, BarSeries.of(candles));
        ExecutionCosts costs = spec.costs();

        List<OrderIntent> intents = new ArrayList<>();
        List<PositionEvent> positions = new ArrayList<>();
        try (AgentDriver driver = new AgentDriver()) {
            driver.config(AgentConfigs.paper("parity", strategy).build());
            OrderIntent waiting = null;
            for (Bar candle : candles) {
                for (MarketTick tick : CandleTickPath.of(candle, 8)) {
                    if (waiting != null) {
                        driver.fill(waiting, tick.price(), costs, tick.time());
                        waiting = null;
                    }
                    driver.tick(tick);
                    for (OrderIntent intent : driver.drainIntents(intents)) {
                        if (AT_TRIGGER.contains(intent.getPurpose())) {
                            driver.fill(intent, Decimals.fromWire(intent.getReferencePrice()), costs, tick.time());
                        } else {
                            waiting = intent;
                        }
                    }
                }
                driver.watermark(candle.closeTime());
                for (OrderIntent intent : driver.drainIntents(intents)) {
                    waiting = intent;
                }
                positions.addAll(driver.positions());
            }
        }

        assertThat(backtest.trades()).as("the dataset must exercise the strategy").hasSizeGreaterThan(5);
        assertThat(intents).hasSize(backtest.orders());
        assertThat(closedTrades(positions)).containsExactlyElementsOf(backtest.trades().stream()
                .filter(t -> t.exitTime() > 0).map(BacktestParityTest::row).toList());
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
