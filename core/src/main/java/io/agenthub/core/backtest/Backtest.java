package io.agenthub.core.backtest;

import io.agenthub.core.agent.AdviceRequest;
import io.agenthub.core.agent.AgentKernel;
import io.agenthub.core.agent.AgentSettings;
import io.agenthub.core.agent.AgentSpec;
import io.agenthub.core.agent.BarSource;
import io.agenthub.core.agent.KernelOutputs;
import io.agenthub.core.agent.Lifecycle;
import io.agenthub.core.agent.VenueReport;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.ids.AgentId;
import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.TickKind;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.strategy.StrategyCatalog;
import io.agenthub.core.trading.AgentLog;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.PositionUpdate;
import io.agenthub.core.venue.PaperBroker;
import io.agenthub.core.venue.PaperVenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Runs an {@link AgentKernel} (the same agent the stream processor runs) over a bar series, its orders filled by the
 * paper venue ({@link PaperVenue}, the execution gateway's own code, in memory).
 *
 * <p>Each candle is walked as the four-tick path the replay feed produces (open, the extreme nearer the open, the
 * other extreme, close, at 0/¼/½/¾ of the bar): every tick first fills an order decided earlier (at that tick's price
 * plus slippage), then goes to the agent, whose stop-loss, take-profit, liquidation and loss limit trigger at the
 * tick that reaches them and fill where the venue's {@link io.agenthub.core.venue.FillModel} says (a take-profit at its
 * price, a stop-loss at its price less slippage, either at the open where a candle opens beyond it). The closed bar
 * then goes to the agent, whose decision fills at the next candle's open. A candle within whose range no price would
 * make the agent act ({@link AgentKernel#quietWithin}: nothing in flight, no exit level or loss limit inside it, most
 * candles) gives the agent its close alone, which is what the four ticks would have done. Nothing is allocated on bars
 * that lead to no order.
 */
public final class Backtest {

    private Backtest() {
    }

    /** The kernel of a backtest: running from its first tick, no advisors, no history before the data. */
    private static AgentKernel kernel(BacktestSpec spec, Timeframe timeframe, KernelOutputs out) {
        AgentKernel kernel = new AgentKernel(AGENT, new AgentKernel.Environment(StrategyCatalog.builtIn(), spec.initialEquity(), 0, false,
                false, BarSource.NONE));
        AgentSettings settings = new AgentSettings(spec.instrument(), spec.strategy(), spec.parameters(), spec.threshold(), spec.risk(),
                spec.costs(), (int) (timeframe.millis() / 1000));
        kernel.configure(new AgentSpec(1, AgentSpec.Desired.RUNNING, false, AGENT.value(), false, new AgentSettings.Valid(settings),
                AgentSpec.Advisors.NONE), 0, out);
        return kernel;
    }

    private static final AgentId AGENT = AgentId.of("backtest");

    public static BacktestResult run(BacktestSpec spec, BarSeries series) {
        Recorder recorder = new Recorder(spec);
        AgentKernel agent = recorder.start(kernel(spec, series.timeframe(), recorder));
        int n = series.size();
        double[] equity = new double[n];
        long[] times = new long[n];
        boolean[] inPosition = new boolean[n];
        long barMillis = series.timeframe().millis();
        long step = barMillis / 4;
        for (int i = 0; i < n; i++) {
            long t0 = series.openTime(i);
            double open = series.open(i);
            double high = series.high(i);
            double low = series.low(i);
            double close = series.close(i);
            boolean highFirst = high - open <= open - low;
            if (!agent.quietWithin(low, high, recorder)) {
                recorder.tick(t0, open, TickKind.CANDLE_OPEN);
                recorder.tick(t0 + step, highFirst ? high : low, TickKind.CANDLE_PATH);
                recorder.tick(t0 + 2 * step, highFirst ? low : high, TickKind.CANDLE_PATH);
            }
            recorder.tick(t0 + 3 * step, close, TickKind.CANDLE_PATH);
            agent.bar(t0, t0 + barMillis, open, high, low, close, series.volume(i), recorder);
            recorder.closed();
            equity[i] = agent.trader().equityValue();
            times[i] = t0 + barMillis;
            inPosition[i] = !agent.trader().position().isFlat();
        }
        double initial = spec.initialEquity().doubleValue();
        long span = n == 0 ? 0 : series.openTime(n - 1) + barMillis - series.openTime(0);
        Statistics statistics = Statistics.of(recorder.trades, equity, inPosition, initial, span, barMillis);
        return new BacktestResult(spec, List.copyOf(recorder.trades), times, equity, statistics, agent.trader().position(), recorder.orders);
    }

    /**
     * Runs the agent over raw ticks (a venue's trades, or any price path): bars of {@code timeframe}, aligned to its
     * multiples, are built from the ticks and close when a tick of a later bar arrives (the last one at the end);
     * every tick checks the protective levels; an order decided at a bar's close fills at the tick that closed it,
     * the first price after the decision. A tick older than the open bar is late and skipped. Fed the four-tick
     * paths of candles, it gives what {@link #run} gives for the candles.
     */
    public static BacktestResult runTicks(BacktestSpec spec, Iterator<MarketTick> ticks, Timeframe timeframe) {
        Recorder recorder = new Recorder(spec);
        AgentKernel agent = recorder.start(kernel(spec, timeframe, recorder));
        long length = timeframe.millis();
        BarRecorder bars = new BarRecorder(agent, recorder, timeframe);
        long first = Long.MIN_VALUE;
        while (ticks.hasNext()) {
            MarketTick tick = ticks.next();
            long time = tick.time().toEpochMilli();
            if (first == Long.MIN_VALUE) {
                first = time;
            }
            if (bars.isOpen() && time < bars.openTime) {
                continue;
            }
            if (bars.isOpen() && time >= bars.closeTime) {
                bars.close();
            }
            bars.add(tick);
            recorder.tick(tick);
        }
        if (bars.isOpen()) {
            bars.close();
        }
        int n = bars.count;
        double[] equity = Arrays.copyOf(bars.equity, n);
        long[] times = Arrays.copyOf(bars.times, n);
        boolean[] inPosition = Arrays.copyOf(bars.inPosition, n);
        long span = n == 0 ? 0 : times[n - 1] - first;
        Statistics statistics = Statistics.of(recorder.trades, equity, inPosition, spec.initialEquity().doubleValue(), span, length);
        return new BacktestResult(spec, List.copyOf(recorder.trades), times, equity, statistics, agent.trader().position(), recorder.orders);
    }

    /** The open bar of a tick backtest (a {@link BarAccumulator}, as ingest and the processor build bars), and the equity curve. */
    private static final class BarRecorder {
        private final AgentKernel agent;
        private final Recorder recorder;
        private final Timeframe timeframe;
        private BarAccumulator bar;
        long openTime;
        long closeTime;
        int count;
        double[] equity = new double[1024];
        long[] times = new long[1024];
        boolean[] inPosition = new boolean[1024];

        BarRecorder(AgentKernel agent, Recorder recorder, Timeframe timeframe) {
            this.agent = agent;
            this.recorder = recorder;
            this.timeframe = timeframe;
        }

        boolean isOpen() {
            return bar != null;
        }

        void add(MarketTick tick) {
            if (bar == null) {
                bar = BarAccumulator.start(timeframe, tick);
                openTime = bar.openTime().toEpochMilli();
                closeTime = openTime + timeframe.millis();
            } else {
                bar = bar.add(tick);
            }
        }

        void close() {
            agent.bar(openTime, closeTime, bar.open().doubleValue(), bar.high().doubleValue(), bar.low().doubleValue(),
                    bar.close().doubleValue(), bar.volume().doubleValue(), recorder);
            recorder.closed();
            if (count == equity.length) {
                equity = Arrays.copyOf(equity, count * 2);
                times = Arrays.copyOf(times, count * 2);
                inPosition = Arrays.copyOf(inPosition, count * 2);
            }
            equity[count] = agent.trader().equityValue();
            times[count] = closeTime;
            inPosition[count] = !agent.trader().position().isFlat();
            count++;
            bar = null;
        }
    }

    /**
     * Executes the agent's orders at the paper venue, the gateway's own code in memory, so that a backtest fills where a
     * paper agent fills; and turns position updates into trades. The venue is given only the ticks at which an order of
     * the agent's waits or was triggered: a tick that leads to no order allocates nothing.
     */
    private static final class Recorder implements KernelOutputs {
        private static final String ACCOUNT = "backtest";
        private static final String VENUE = "paper";
        private AgentKernel agent;
        private final Symbol symbol;
        private final int priceScale;
        private final int leverage;
        private final PaperVenue venue;
        private final PaperBroker broker;
        private final List<OrderUpdate> updates = new ArrayList<>();
        private final List<Trade> trades = new ArrayList<>();
        /** Decided by the agent, not yet at the venue (an order in flight otherwise is at the venue, waiting for a tick). */
        private OrderRequest decided;
        /** The time of the last tick the venue was given. */
        private long fed = Long.MIN_VALUE;
        private PositionUpdate opened;
        private int orders;

        Recorder(BacktestSpec spec) {
            this.symbol = spec.instrument().symbol();
            this.priceScale = spec.instrument().priceScale();
            this.leverage = spec.risk().leverage();
            this.venue = PaperVenue.inMemory(new Instruments(List.of(spec.instrument())),
                    new PaperVenue.Settings(spec.risk().maintenanceMarginRate()));
            this.broker = venue.open(ACCOUNT, spec.costs(), spec.initialEquity());
            venue.subscribe(updates::add);
        }

        AgentKernel start(AgentKernel kernel) {
            agent = kernel;
            return kernel;
        }

        /** A tick of a candle's path, made a market tick only when the venue needs it. */
        void tick(long time, double price, TickKind kind) {
            step(time, price, null, kind);
        }

        /** A tick of the market. */
        void tick(MarketTick tick) {
            step(tick.time().toEpochMilli(), tick.price().doubleValue(), tick, tick.kind());
        }

        /** An order waiting at the venue fills at the tick, then the agent sees it, and what it decides on it goes to the venue. */
        private void step(long time, double price, MarketTick given, TickKind kind) {
            if (agent.inFlight() != null) {
                feed(given != null ? given : candlePoint(time, price, kind));
            }
            agent.tick(time, price, 0, true, this);
            if (decided != null) {
                if (fed != time) {
                    feed(given != null ? given : candlePoint(time, price, kind));
                }
                submit();
            }
        }

        /** A bar closed: an order the agent decided on it goes to the venue, where it waits for the next tick. */
        void closed() {
            if (decided != null) {
                submit();
            }
        }

        private MarketTick candlePoint(long time, double price, TickKind kind) {
            return MarketTick.candlePoint(symbol, Instant.ofEpochMilli(time),
                    BigDecimal.valueOf(price).setScale(priceScale, RoundingMode.HALF_EVEN), BigDecimal.ZERO, "b" + time, kind);
        }

        private void feed(MarketTick tick) {
            fed = tick.time().toEpochMilli();
            venue.onTick(tick);
            deliver();
        }

        private void submit() {
            OrderRequest order = decided;
            decided = null;
            try {
                broker.submit(OrderCommand.of(order, symbol, leverage));
                deliver();
            } catch (BrokerException e) {
                agent.execution(new VenueReport(order.decisionTime(), order.clientOrderId(), VenueReport.Status.REJECTED, order.side(), null,
                        null, null, null, null, e.getMessage(), false, VENUE), this);
            }
        }

        /** The venue's updates to the agent, as the processor passes on the gateway's reports. */
        private void deliver() {
            for (int i = 0; i < updates.size(); i++) {
                OrderUpdate update = updates.get(i);
                VenueOrder order = update.order();
                if (update.execution() != null) {
                    Fill fill = update.execution().fill();
                    agent.execution(new VenueReport(fill.time(), fill.clientOrderId(), order.status() == OrderStatus.FILLED
                            ? VenueReport.Status.FILLED : VenueReport.Status.PARTIALLY_FILLED, fill.side(), fill.price(), fill.quantity(),
                            fill.fee(), fill.liquidity(), null, null, false, VENUE), this);
                } else if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REJECTED) {
                    agent.execution(new VenueReport(order.updatedAt(), order.clientOrderId(), order.status() == OrderStatus.CANCELLED
                            ? VenueReport.Status.CANCELLED : VenueReport.Status.REJECTED, order.side(), null, null, null, null, null,
                            order.reason(), false, VENUE), this);
                }
            }
            updates.clear();
        }

        @Override
        public void order(OrderRequest order) {
            orders++;
            decided = order;
        }

        @Override
        public void position(PositionUpdate update) {
            switch (update.kind()) {
                case OPENED -> opened = update;
                case CLOSED -> {
                    if (opened != null) {
                        BigDecimal net = update.realizedPnl().subtract(update.fees());
                        trades.add(new Trade(opened.position().side(), opened.time(), opened.position().averagePrice()
                                .stripTrailingZeros(), update.time(), update.exitPrice(), opened.position().quantity(),
                                update.fees(), net, update.closeReason()));
                        opened = null;
                    }
                }
                case CHANGED, MARKED -> {
                }
            }
        }

        @Override
        public void log(AgentLog log) {
        }

        @Override
        public void status(Lifecycle state, String reason, long revision, long time) {
        }

        @Override
        public void plan(AdviceRequest request) {
        }

        @Override
        public void reviewWithNextMark(AdviceRequest request) {
        }

        @Override
        public boolean wantsText() {
            return false;
        }

        @Override
        public boolean wantsMarks() {
            return false;
        }
    }
}
