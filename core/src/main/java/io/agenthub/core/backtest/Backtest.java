package io.agenthub.core.backtest;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.trading.AgentLog;
import io.agenthub.core.trading.AgentOutputs;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.PositionUpdate;
import io.agenthub.core.trading.TradingAgent;

import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Runs a {@link TradingAgent} (the same step function the stream processor runs) over a bar series, executing its
 * orders the way the paper venue does.
 *
 * <p>Each candle is walked as the four-tick path the replay feed produces (open, the extreme nearer the open, the
 * other extreme, close, at 0/¼/½/¾ of the bar): every tick first fills an order decided earlier (at that tick's price
 * plus slippage), then goes to the agent, whose stop-loss, take-profit, liquidation and loss limit fill at the tick
 * that triggers them. The closed bar then goes to the agent, whose decision fills at the next candle's open. Nothing
 * is allocated on bars that lead to no order.
 */
public final class Backtest {

    private Backtest() {
    }

    public static BacktestResult run(BacktestSpec spec, BarSeries series) {
        TradingAgent agent = new TradingAgent(spec.agentSettings(), spec.strategy().create(spec.parameters()));
        Recorder recorder = new Recorder(agent, spec);
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
            recorder.tick(t0, open);
            recorder.tick(t0 + step, highFirst ? high : low);
            recorder.tick(t0 + 2 * step, highFirst ? low : high);
            recorder.tick(t0 + 3 * step, close);
            agent.onBar(t0, t0 + barMillis, open, high, low, close, series.volume(i), recorder);
            equity[i] = agent.equityValue();
            times[i] = t0 + barMillis;
            inPosition[i] = !agent.position().isFlat();
        }
        double initial = spec.initialEquity().doubleValue();
        long span = n == 0 ? 0 : series.openTime(n - 1) + barMillis - series.openTime(0);
        Statistics statistics = Statistics.of(recorder.trades, equity, inPosition, initial, span, barMillis);
        return new BacktestResult(spec, List.copyOf(recorder.trades), times, equity, statistics, agent.position(), recorder.orders);
    }

    /**
     * Runs the agent over raw ticks (a venue's trades, or any price path): bars of {@code timeframe}, aligned to its
     * multiples, are built from the ticks and close when a tick of a later bar arrives (the last one at the end);
     * every tick checks the protective levels; an order decided at a bar's close fills at the tick that closed it,
     * the first price after the decision. A tick older than the open bar is late and skipped. Fed the four-tick
     * paths of candles, it gives what {@link #run} gives for the candles.
     */
    public static BacktestResult runTicks(BacktestSpec spec, Iterator<MarketTick> ticks, Timeframe timeframe) {
        TradingAgent agent = new TradingAgent(spec.agentSettings(), spec.strategy().create(spec.parameters()));
        Recorder recorder = new Recorder(agent, spec);
        long length = timeframe.millis();
        BarRecorder bars = new BarRecorder(agent, recorder, length);
        long first = Long.MIN_VALUE;
        while (ticks.hasNext()) {
            MarketTick tick = ticks.next();
            long time = tick.time().toEpochMilli();
            if (first == Long.MIN_VALUE) {
                first = time;
            }
            if (bars.isOpen() && time < bars.open) {
                continue;
            }
            if (bars.isOpen() && time >= bars.open + length) {
                bars.close();
            }
            bars.add(time, tick.price().doubleValue(), tick.size());
            recorder.tick(time, tick.price().doubleValue());
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
        return new BacktestResult(spec, List.copyOf(recorder.trades), times, equity, statistics, agent.position(), recorder.orders);
    }

    /** The open bar of a tick backtest, and the equity curve of the bars closed so far. */
    private static final class BarRecorder {
        private final TradingAgent agent;
        private final Recorder recorder;
        private final long length;
        long open = -1;
        private double o;
        private double h;
        private double l;
        private double c;
        private BigDecimal volume;
        int count;
        double[] equity = new double[1024];
        long[] times = new long[1024];
        boolean[] inPosition = new boolean[1024];

        BarRecorder(TradingAgent agent, Recorder recorder, long length) {
            this.agent = agent;
            this.recorder = recorder;
            this.length = length;
        }

        boolean isOpen() {
            return open >= 0;
        }

        void add(long time, double price, BigDecimal size) {
            if (open < 0) {
                open = Math.floorDiv(time, length) * length;
                o = h = l = c = price;
                volume = size;
            } else {
                h = Math.max(h, price);
                l = Math.min(l, price);
                c = price;
                volume = volume.add(size);
            }
        }

        void close() {
            agent.onBar(open, open + length, o, h, l, c, volume.doubleValue(), recorder);
            if (count == equity.length) {
                equity = Arrays.copyOf(equity, count * 2);
                times = Arrays.copyOf(times, count * 2);
                inPosition = Arrays.copyOf(inPosition, count * 2);
            }
            equity[count] = agent.equityValue();
            times[count] = open + length;
            inPosition[count] = !agent.position().isFlat();
            count++;
            open = -1;
        }
    }

    /** Executes the agent's orders like the paper venue and turns position updates into trades. */
    private static final class Recorder implements AgentOutputs {
        private final TradingAgent agent;
        private final BacktestSpec spec;
        private final int priceScale;
        private final List<Trade> trades = new ArrayList<>();
        private OrderRequest waitingForNextTick;
        private OrderRequest fillsNow;
        private PositionUpdate opened;
        private int orders;

        Recorder(TradingAgent agent, BacktestSpec spec) {
            this.agent = agent;
            this.spec = spec;
            this.priceScale = spec.instrument().priceScale();
        }

        void tick(long time, double price) {
            if (waitingForNextTick != null) {
                OrderRequest order = waitingForNextTick;
                waitingForNextTick = null;
                agent.onFill(spec.costs().marketFill(order, exact(price), priceScale, time), this);
            }
            agent.onTick(time, price, this);
            if (fillsNow != null) {
                OrderRequest order = fillsNow;
                fillsNow = null;
                agent.onFill(spec.costs().marketFill(order, order.referencePrice(), priceScale, time), this);
            }
        }

        private BigDecimal exact(double price) {
            return BigDecimal.valueOf(price).setScale(priceScale, RoundingMode.HALF_EVEN);
        }

        @Override
        public void order(OrderRequest order) {
            orders++;
            if (order.fillsAtTrigger()) {
                fillsNow = order;
            } else {
                waitingForNextTick = order;
            }
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
                case CHANGED -> {
                }
            }
        }

        @Override
        public void log(AgentLog log) {
        }

        @Override
        public boolean wantsText() {
            return false;
        }
    }
}
