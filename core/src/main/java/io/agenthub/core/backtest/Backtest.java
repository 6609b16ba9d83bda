package io.agenthub.core.backtest;

import io.agenthub.core.trading.AgentLog;
import io.agenthub.core.trading.AgentOutputs;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.trading.PositionUpdate;
import io.agenthub.core.trading.TradingAgent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
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
