package io.agenthub.core.trading;

import io.agenthub.core.indicators.Atr;
import io.agenthub.core.strategy.Strategy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One agent's trading step, inside its {@link io.agenthub.core.agent.AgentKernel kernel}: state plus an event (a closed
 * bar, a tick, a fill, a rejection, a human's kill switch) gives new state plus outputs (orders, position updates, log
 * lines). What it holds is its {@link Book}; what it says, {@link TradeLines}.
 *
 * <ul>
 *   <li><b>Bars</b> feed the strategy. Flat, a signal of at least {@code threshold} opens a long position, at most
 *   {@code -threshold} a short one (if shorts are allowed); in a position, a signal beyond the threshold the other way
 *   closes it. Orders decided on a bar's close fill at the next tick.</li>
 *   <li><b>Ticks</b> check the liquidation price, the stop-loss, the take-profit and the session loss limit; a
 *   protective exit fills at the tick that triggered it. Ticks that trigger nothing allocate nothing.</li>
 *   <li><b>Fills</b> update the exact position and cash; opening places the protective levels.</li>
 *   <li>One order at a time: while one is in flight, no other is decided. A halted agent (loss limit, kill switch)
 *   trades no more until a human resumes it.</li>
 * </ul>
 */
public final class TradingAgent {

    private TradingSettings settings;
    Strategy strategy;
    Atr atr = new Atr(14);
    double lossLimitFraction;

    final Book book;
    OrderRequest inFlight;
    BigDecimal inFlightFilled = BigDecimal.ZERO;
    long decisionSequence;
    boolean halted;
    String haltReason;
    double lastPrice = Double.NaN;
    long lastTime;

    public TradingAgent(TradingSettings settings, Strategy strategy) {
        this.settings = settings;
        this.strategy = strategy;
        this.book = new Book(settings.initialEquity());
        this.lossLimitFraction = lossLimitFraction(settings);
    }

    private static double lossLimitFraction(TradingSettings settings) {
        BigDecimal limit = settings.risk().lossLimitPct();
        return limit == null ? Double.NaN : limit.doubleValue() / 100;
    }

    // ---------------------------------------------------------------- events

    /**
     * A closed bar the agent learns from: its strategy and ATR take it; {@link #decide} then acts on the signal (not on
     * the stored bars it warms up on when it starts).
     *
     * @return the strategy's signal on the bar
     */
    public double learn(long openTime, long closeTime, double open, double high, double low, double close, double volume) {
        atr.update(high, low, close);
        double signal = strategy.onBar(openTime, open, high, low, close, volume);
        lastPrice = close;
        lastTime = closeTime;
        return signal;
    }

    /**
     * Acts on a signal at {@code price}: enters when flat and the signal reaches the threshold, exits on an opposite one.
     * Nothing while halted or while an order is in flight.
     */
    public void decide(double signal, double price, long time, AgentOutputs out) {
        if (halted || inFlight != null) {
            return;
        }
        double threshold = settings.threshold();
        if (book.isFlat()) {
            if (signal >= threshold) {
                enter(Side.BUY, price, time, signal, out);
            } else if (signal <= -threshold && settings.risk().allowShort()) {
                enter(Side.SELL, price, time, signal, out);
            }
        } else if (book.position.side().sign() * signal <= -threshold) {
            exit(OrderPurpose.EXIT, price, time, out.wantsText() ? "opposite " + strategy.explain() : null, out);
        }
    }

    /** A market tick: protective exits and the loss limit. */
    public void onTick(long time, double price, AgentOutputs out) {
        lastPrice = price;
        lastTime = time;
        if (!book.isFlat() && inFlight == null) {
            guard(time, price, out);
        }
    }

    /** Whether no tick within [{@code low}, {@code high}] would do more than note its price: nothing in flight, no exit inside. */
    public boolean quietWithin(double low, double high) {
        return inFlight == null && book.quietWithin(low, high, lossLimitFraction);
    }

    /** An open position's protective exits and the loss limit, at a tick's price. */
    private void guard(long time, double price, AgentOutputs out) {
        OrderPurpose trigger = book.triggered(price);
        if (trigger != null) {
            exit(trigger, price, time, out.wantsText() ? TradeLines.trigger(trigger, price, book.levels) : null, out);
        } else if (book.lossLimitBreached(price, lossLimitFraction)) {
            halt("session loss limit of " + settings.risk().lossLimitPct() + " % reached at price " + price, time, out);
            exit(OrderPurpose.LOSS_LIMIT, price, time, "loss limit", out);
        }
    }

    /**
     * An execution of the order in flight ({@link Fills}).
     *
     * @param orderDone the venue says the order is complete with this fill, even if less than its quantity filled (a
     *                  spot venue takes its fee from the base asset bought; a perpetual trades whole contracts)
     */
    public void onFill(Fill fill, boolean orderDone, AgentOutputs out) {
        Fills.apply(this, fill, orderDone, out);
    }

    /** The venue says the order in flight is complete, its fills all reported (fewer than asked: a spot fee, whole contracts). */
    public void onOrderDone(ClientOrderId clientOrderId) {
        if (inFlight != null && inFlight.clientOrderId().equals(clientOrderId)) {
            inFlight = null;
            inFlightFilled = BigDecimal.ZERO;
        }
    }

    /** The venue refused the order in flight; a protective exit that still applies is tried again on the next tick. */
    public void onRejected(ClientOrderId clientOrderId, String reason, long time, AgentOutputs out) {
        if (inFlight != null && inFlight.clientOrderId().equals(clientOrderId)) {
            inFlight = null;
            inFlightFilled = BigDecimal.ZERO;
        }
        if (out.wantsText()) {
            out.log(TradeLines.rejected(clientOrderId, reason, time));
        }
    }

    /** A human's kill switch: halt, and flatten what is open. Only {@link #resume} undoes it. */
    public void kill(String by, long time, AgentOutputs out) {
        halt("kill switch by " + by, time, out);
        if (!book.isFlat() && inFlight == null && !Double.isNaN(lastPrice)) {
            exit(OrderPurpose.KILL_SWITCH, lastPrice, time, "kill switch", out);
        }
    }

    /** A human resumes a halted agent; the session's loss limit starts again from the current equity. */
    public void resume(String by, long time, AgentOutputs out) {
        halted = false;
        haltReason = null;
        book.sessionStart = equityValue();
        if (out.wantsText()) {
            out.log(TradeLines.resumed(by, time));
        }
    }

    // ---------------------------------------------------------------- changes from outside

    /**
     * New risk settings, costs or threshold for the same agent and instrument, in force from the next event. An open
     * position's protective levels are placed again from its entry under the new risk settings.
     */
    public void reconfigure(TradingSettings newSettings, long time, AgentOutputs out) {
        if (!newSettings.agentId().equals(settings.agentId()) || !newSettings.instrument().equals(settings.instrument())) {
            throw new IllegalArgumentException("reconfiguration cannot change the agent or its instrument");
        }
        boolean riskChanged = !newSettings.risk().equals(settings.risk());
        settings = newSettings;
        lossLimitFraction = lossLimitFraction(newSettings);
        if (riskChanged && !book.isFlat()) {
            Position position = book.position;
            book.guard(ProtectiveLevels.place(position.side(), position.averagePrice(), atr.value(), settings.risk(),
                    settings.instrument().priceScale()));
            out.position(book.update(PositionUpdate.Kind.CHANGED, exact(lastPrice), null, null, time, null));
            if (out.wantsText()) {
                out.log(TradeLines.riskChanged(book.levels, time));
            }
        }
    }

    /** A new strategy (a new plan); it starts from its own fresh state, which the caller may warm up first. */
    public void replaceStrategy(Strategy newStrategy) {
        strategy = Objects.requireNonNull(newStrategy, "strategy");
    }

    /**
     * A new strategy and a fresh ATR, for an agent that starts (again) and learns the market from its history rather
     * than from what it saw before a pause; position, cash and levels stay.
     */
    public void forgetMarket(Strategy newStrategy) {
        replaceStrategy(newStrategy);
        atr = new Atr(14);
    }

    /**
     * A supervisor's new stop-loss and/or take-profit for the open position, never trusted: the stop must lie on the
     * losing side of the last price and is pulled in to {@code max_loss_pct} from entry (and short of liquidation); the
     * take-profit must lie beyond both entry and the last price. A level that fails is refused with the reason;
     * {@code null} keeps the current one. {@code fields} (the decision's id, say) go on the log line that reports the change.
     *
     * @return what was refused or clamped, empty when the levels were taken as given
     */
    public List<String> adjustLevels(BigDecimal newStop, BigDecimal newTarget, long time, String by, Map<String, String> fields,
                                     AgentOutputs out) {
        List<String> notes = new ArrayList<>();
        Position position = book.position;
        if (position.isFlat()) {
            notes.add("no open position");
            return notes;
        }
        BigDecimal entry = position.averagePrice();
        BigDecimal last = Double.isNaN(lastPrice) ? entry : exact(lastPrice);
        ProtectiveLevels next = book.levels.supervised(position.side(), entry, last, newStop, newTarget, settings.risk(),
                settings.instrument().priceScale(), notes);
        if (next != book.levels) {
            book.guard(next);
            out.position(book.update(PositionUpdate.Kind.CHANGED, last, null, null, time, null));
            if (out.wantsText()) {
                out.log(TradeLines.levelsMoved(by, next, notes, fields, time));
            }
        }
        return notes;
    }

    /**
     * Marks the open position to the last price seen: a {@link PositionUpdate.Kind#MARKED} update with the unrealised P&L
     * there. Nothing while flat or before any price.
     *
     * @return whether there was a position to mark
     */
    public boolean mark(long time, AgentOutputs out) {
        if (book.isFlat() || Double.isNaN(lastPrice)) {
            return false;
        }
        out.position(book.update(PositionUpdate.Kind.MARKED, exact(lastPrice), null, null, time, null));
        return true;
    }

    /**
     * Closes the open position at the next tick on someone's decision (a supervisor's CLOSE).
     *
     * @return false when there is nothing to close or an order is already in flight
     */
    public boolean close(OrderPurpose purpose, String reason, long time, AgentOutputs out) {
        if (book.isFlat() || inFlight != null || Double.isNaN(lastPrice)) {
            return false;
        }
        // decided at the last price seen: in market time, never before it (a request's own clock may lag the market's)
        exit(purpose, lastPrice, Math.max(time, lastTime), reason, out);
        return true;
    }

    // ---------------------------------------------------------------- decisions

    private void enter(Side side, double close, long time, double signal, AgentOutputs out) {
        BigDecimal price = exact(close);
        BigDecimal quantity = settings.risk().quantityAt(price, settings.instrument().sizeScale());
        if (quantity.signum() <= 0) {
            if (out.wantsText()) {
                out.log(TradeLines.buysNothing(signal, price, time));
            }
            return;
        }
        BigDecimal notional = price.multiply(quantity);
        BigDecimal needed = settings.risk().marginFor(notional).add(settings.costs().fee(notional, Liquidity.TAKER));
        BigDecimal cash = book.cash;
        if (needed.compareTo(cash) > 0) {
            if (out.wantsText()) {
                out.log(TradeLines.marginShort(signal, needed, cash, time));
            }
            return;
        }
        place(new OrderRequest(nextId(), decisionSequence, side, quantity, OrderPurpose.ENTRY, time, price, false,
                out.wantsText() ? strategy.explain() : null), out);
    }

    private void exit(OrderPurpose purpose, double price, long time, String reason, AgentOutputs out) {
        BigDecimal level = switch (purpose) {
            case STOP_LOSS -> book.levels.stopLoss();
            case TAKE_PROFIT -> book.levels.takeProfit();
            default -> null;
        };
        Position position = book.position;
        place(new OrderRequest(nextId(), decisionSequence, position.side().exitSide(), position.quantity(), purpose, time,
                exact(price), true, reason, level), out);
    }

    private void place(OrderRequest order, AgentOutputs out) {
        inFlight = order;
        inFlightFilled = BigDecimal.ZERO;
        if (out.wantsText()) {
            out.log(TradeLines.placed(order));
        }
        out.order(order);
    }

    private ClientOrderId nextId() {
        return ClientOrderId.of(settings.agentId(), ++decisionSequence, 0);
    }

    void halt(String reason, long time, AgentOutputs out) {
        if (!halted) {
            halted = true;
            haltReason = reason;
            if (out.wantsText()) {
                out.log(TradeLines.halted(reason, time));
            }
        }
    }

    private BigDecimal exact(double price) {
        return BigDecimal.valueOf(price).setScale(settings.instrument().priceScale(), RoundingMode.HALF_EVEN);
    }

    // ---------------------------------------------------------------- reading

    public Position position() {
        return book.position;
    }

    public ProtectiveLevels levels() {
        return book.levels;
    }

    public BigDecimal cash() {
        return book.cash;
    }

    /** Cash plus unrealised P&L at the last price, as a double (for equity curves; the ledger itself is exact). */
    public double equityValue() {
        return book.equity(lastPrice);
    }

    public boolean halted() {
        return halted;
    }

    public String haltReason() {
        return haltReason;
    }

    public OrderRequest inFlight() {
        return inFlight;
    }

    public Strategy strategy() {
        return strategy;
    }

    public TradingSettings settings() {
        return settings;
    }

    public String positionId() {
        return book.positionId;
    }

    public double lastPrice() {
        return lastPrice;
    }

    public long lastTime() {
        return lastTime;
    }

    /** Restores the last price seen, which a runner keeps apart from the state (it changes on every tick). */
    public void restoreLastSeen(double price, long time) {
        lastPrice = price;
        lastTime = time;
    }

    /** ATR(14) of the bars seen, NaN while warming up. */
    public double atr() {
        return atr.value();
    }

    // ---------------------------------------------------------------- state

    /** Writes the agent's state ({@link TradingCodec}); the settings are the caller's. */
    public void write(DataOutput out) throws IOException {
        TradingCodec.write(this, out);
    }

    /** Reads what {@link #write} wrote, into an agent made with the same settings and strategy. */
    public void read(DataInput in) throws IOException {
        TradingCodec.read(this, in);
    }
}
