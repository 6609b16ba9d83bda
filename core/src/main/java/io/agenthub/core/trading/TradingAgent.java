package io.agenthub.core.trading;

import io.agenthub.core.indicators.Atr;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.strategy.Strategy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One agent's trading logic, the step function shared by the backtest engine and the stream processor: state plus an
 * event (a closed bar, a tick, a fill, a rejection, a human's kill switch) gives new state plus outputs (orders,
 * position updates, log lines).
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

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * @param threshold     minimum |signal| to act, 0..1
     * @param initialEquity quote balance the agent starts its session with
     */
    public record Settings(String agentId, Instrument instrument, RiskSettings risk, ExecutionCosts costs, double threshold,
                           BigDecimal initialEquity) {
        public Settings {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(risk, "risk");
            Objects.requireNonNull(costs, "costs");
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be within (0, 1], got " + threshold);
            }
            if (initialEquity.signum() <= 0) {
                throw new IllegalArgumentException("initial equity must be positive");
            }
        }
    }

    private Settings settings;
    private Strategy strategy;
    private Atr atr = new Atr(14);
    private double lossLimitFraction;

    private Position position = Position.flat();
    private ProtectiveLevels levels;
    private double stop = Double.NaN;
    private double target = Double.NaN;
    private double liquidation = Double.NaN;
    private double averagePrice;
    private double quantity;
    private int sideSign;
    private String positionId;
    private OrderRequest inFlight;
    private BigDecimal inFlightFilled = BigDecimal.ZERO;
    private long decisionSequence;
    private BigDecimal cash;
    private double cashValue;
    private double sessionStart;
    private boolean halted;
    private String haltReason;
    private double lastPrice = Double.NaN;
    private long lastTime;

    public TradingAgent(Settings settings, Strategy strategy) {
        this.settings = settings;
        this.strategy = strategy;
        this.cash = settings.initialEquity();
        this.cashValue = cash.doubleValue();
        this.sessionStart = cashValue;
        this.lossLimitFraction = lossLimitFraction(settings);
    }

    private static double lossLimitFraction(Settings settings) {
        BigDecimal limit = settings.risk().lossLimitPct();
        return limit == null ? Double.NaN : limit.doubleValue() / 100;
    }

    // ---------------------------------------------------------------- events

    /** A closed bar of the agent's interval: the strategy speaks, and may open or close a position. */
    public void onBar(long openTime, long closeTime, double open, double high, double low, double close, double volume, AgentOutputs out) {
        decide(learn(openTime, closeTime, open, high, low, close, volume), close, closeTime, out);
    }

    /**
     * A closed bar the agent learns from without deciding on it (the history it warms up on when it starts): its
     * strategy and ATR take it.
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
        if (position.isFlat()) {
            if (signal >= threshold) {
                enter(Side.BUY, price, time, signal, out);
            } else if (signal <= -threshold && settings.risk().allowShort()) {
                enter(Side.SELL, price, time, signal, out);
            }
        } else if (sideSign * signal <= -threshold) {
            exit(OrderPurpose.EXIT, price, time, out.wantsText() ? "opposite " + strategy.explain() : null, out);
        }
    }

    /** A market tick: protective exits and the loss limit. */
    public void onTick(long time, double price, AgentOutputs out) {
        lastPrice = price;
        lastTime = time;
        if (sideSign == 0 || inFlight != null) {
            return;
        }
        if (sideSign > 0 ? price <= liquidation : price >= liquidation) {
            exit(OrderPurpose.LIQUIDATION, price, time, out.wantsText() ? "price " + price + " reached the liquidation price " + levels.liquidationPrice() : null, out);
        } else if (sideSign > 0 ? price <= stop : price >= stop) {
            exit(OrderPurpose.STOP_LOSS, price, time, out.wantsText() ? "price " + price + " touched the stop-loss " + levels.stopLoss() : null, out);
        } else if (sideSign > 0 ? price >= target : price <= target) {
            exit(OrderPurpose.TAKE_PROFIT, price, time, out.wantsText() ? "price " + price + " touched the take-profit " + levels.takeProfit() : null, out);
        } else if (lossLimitBreached(price)) {
            halt("session loss limit of " + settings.risk().lossLimitPct() + " % reached at price " + price, time, out);
            exit(OrderPurpose.LOSS_LIMIT, price, time, "loss limit", out);
        }
    }

    /** An execution of the order in flight; the order is done once its quantity has filled. */
    public void onFill(Fill fill, AgentOutputs out) {
        onFill(fill, false, out);
    }

    /**
     * An execution of the order in flight.
     *
     * @param orderDone the venue says the order is complete with this fill, even if less than its quantity filled (a
     *                  spot venue takes its fee from the base asset bought; a perpetual trades whole contracts)
     */
    public void onFill(Fill fill, boolean orderDone, AgentOutputs out) {
        OrderRequest order = inFlight;
        if (order == null || !order.clientOrderId().equals(fill.clientOrderId())) {
            if (out.wantsText()) {
                out.log(log(fill.time(), LogLevel.WARN, "fill for an order not in flight: " + fill.clientOrderId() + "; applied as reported",
                    Map.of("client_order_id", fill.clientOrderId().value())));
            }
        }
        Position.Change change = position.apply(fill);
        position = change.after();
        cash = cash.add(change.realized()).subtract(fill.fee());
        cashValue = cash.doubleValue();
        if (order != null && order.clientOrderId().equals(fill.clientOrderId())) {
            inFlightFilled = inFlightFilled.add(fill.quantity());
            if (orderDone || inFlightFilled.compareTo(order.quantity()) >= 0) {
                inFlight = null;
                inFlightFilled = BigDecimal.ZERO;
            }
        }
        BigDecimal mark = fill.price();
        switch (change.kind()) {
            case OPENED, FLIPPED -> {
                positionId = settings.agentId() + "-p" + (order == null ? decisionSequence : order.decisionSequence());
                levels = ProtectiveLevels.place(position.side(), position.averagePrice(), atr.value(), settings.risk(),
                        settings.instrument().priceScale());
                mirror();
                out.position(update(PositionUpdate.Kind.OPENED, mark, null, null, fill.time(), fill.clientOrderId()));
                if (out.wantsText()) {
                    out.log(log(fill.time(), LogLevel.ACTION, "opened " + position.side().name().toLowerCase() + " "
                        + position.quantity().toPlainString() + " at " + fill.price().toPlainString()
                        + ", stop " + levels.stopLoss().toPlainString() + ", take-profit " + levels.takeProfit().toPlainString(),
                        fields(fill)));
                }
            }
            case INCREASED, REDUCED -> {
                mirror();
                out.position(update(PositionUpdate.Kind.CHANGED, mark, null, null, fill.time(), fill.clientOrderId()));
            }
            case CLOSED -> {
                String reason = order == null ? "external" : order.purpose().closeReason();
                out.position(update(PositionUpdate.Kind.CLOSED, mark, fill.price(), reason, fill.time(), fill.clientOrderId()));
                if (out.wantsText()) {
                    out.log(log(fill.time(), order != null && order.fillsAtTrigger() ? LogLevel.SL_TP : LogLevel.ACTION,
                        "closed at " + fill.price().toPlainString() + " (" + reason + "), realised "
                                + change.after().realizedPnl().subtract(change.after().fees()).toPlainString() + " after fees",
                        fields(fill)));
                }
                position = Position.flat();
                levels = null;
                positionId = null;
                mirror();
                if (!halted && lossLimitBreached(fill.price().doubleValue())) {
                    halt("session loss limit of " + settings.risk().lossLimitPct() + " % reached", fill.time(), out);
                }
            }
        }
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
            out.log(log(time, LogLevel.ERROR, "order " + clientOrderId + " rejected: " + reason, Map.of("client_order_id", clientOrderId.value())));
        }
    }

    /** A human's kill switch: halt, and flatten what is open. Only {@link #resume} undoes it. */
    public void kill(String by, long time, AgentOutputs out) {
        halt("kill switch by " + by, time, out);
        if (!position.isFlat() && inFlight == null && !Double.isNaN(lastPrice)) {
            exit(OrderPurpose.KILL_SWITCH, lastPrice, time, "kill switch", out);
        }
    }

    /** A human resumes a halted agent; the session's loss limit starts again from the current equity. */
    public void resume(String by, long time, AgentOutputs out) {
        halted = false;
        haltReason = null;
        sessionStart = equityValue();
        if (out.wantsText()) {
            out.log(log(time, LogLevel.START, "resumed by " + by, Map.of()));
        }
    }

    // ---------------------------------------------------------------- changes from outside

    /**
     * New risk settings, costs or threshold for the same agent and instrument, in force from the next event. An open
     * position's protective levels are placed again from its entry under the new risk settings.
     */
    public void reconfigure(Settings newSettings, long time, AgentOutputs out) {
        if (!newSettings.agentId().equals(settings.agentId()) || !newSettings.instrument().equals(settings.instrument())) {
            throw new IllegalArgumentException("reconfiguration cannot change the agent or its instrument");
        }
        boolean riskChanged = !newSettings.risk().equals(settings.risk());
        settings = newSettings;
        lossLimitFraction = lossLimitFraction(newSettings);
        if (riskChanged && !position.isFlat()) {
            levels = ProtectiveLevels.place(position.side(), position.averagePrice(), atr.value(), settings.risk(),
                    settings.instrument().priceScale());
            mirror();
            out.position(update(PositionUpdate.Kind.CHANGED, exact(lastPrice), null, null, time, null));
            if (out.wantsText()) {
                out.log(log(time, LogLevel.ACTION, "risk settings changed: stop " + levels.stopLoss().toPlainString()
                        + ", take-profit " + levels.takeProfit().toPlainString(), Map.of()));
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
     * {@code null} keeps the current one.
     *
     * @return what was refused or clamped, empty when the levels were taken as given
     */
    public List<String> adjustLevels(BigDecimal newStop, BigDecimal newTarget, long time, String by, AgentOutputs out) {
        return adjustLevels(newStop, newTarget, time, by, Map.of(), out);
    }

    /** As above, with {@code fields} (the decision's id, say) on the log line that reports the change. */
    public List<String> adjustLevels(BigDecimal newStop, BigDecimal newTarget, long time, String by, Map<String, String> fields,
                                     AgentOutputs out) {
        List<String> notes = new ArrayList<>();
        if (position.isFlat()) {
            notes.add("no open position");
            return notes;
        }
        BigDecimal entry = position.averagePrice();
        BigDecimal last = Double.isNaN(lastPrice) ? entry : exact(lastPrice);
        ProtectiveLevels next = levels.supervised(position.side(), entry, last, newStop, newTarget, settings.risk(),
                settings.instrument().priceScale(), notes);
        if (next != levels) {
            levels = next;
            mirror();
            out.position(update(PositionUpdate.Kind.CHANGED, last, null, null, time, null));
            if (out.wantsText()) {
                out.log(log(time, LogLevel.SUPERVISOR, by + " moved the stop to " + next.stopLoss().toPlainString() + " and the take-profit to "
                        + next.takeProfit().toPlainString() + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"), fields));
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
        if (position.isFlat() || Double.isNaN(lastPrice)) {
            return false;
        }
        out.position(update(PositionUpdate.Kind.MARKED, exact(lastPrice), null, null, time, null));
        return true;
    }

    /**
     * Closes the open position at the next tick on someone's decision (a supervisor's CLOSE).
     *
     * @return false when there is nothing to close or an order is already in flight
     */
    public boolean close(OrderPurpose purpose, String reason, long time, AgentOutputs out) {
        if (position.isFlat() || inFlight != null || Double.isNaN(lastPrice)) {
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
                out.log(log(time, LogLevel.WARN, "signal " + signalText(signal) + " but max_position_usd buys nothing at " + price.toPlainString(), Map.of()));
            }
            return;
        }
        BigDecimal notional = price.multiply(quantity);
        BigDecimal needed = settings.risk().marginFor(notional).add(settings.costs().fee(notional, Liquidity.TAKER));
        if (needed.compareTo(cash) > 0) {
            if (out.wantsText()) {
                out.log(log(time, LogLevel.WARN, "signal " + signalText(signal) + " but margin " + needed.toPlainString()
                    + " exceeds the balance " + cash.toPlainString(), Map.of()));
            }
            return;
        }
        place(new OrderRequest(nextId(), decisionSequence, side, quantity, OrderPurpose.ENTRY, time, price, false,
                out.wantsText() ? strategy.explain() : null), out);
    }

    private void exit(OrderPurpose purpose, double price, long time, String reason, AgentOutputs out) {
        BigDecimal level = switch (purpose) {
            case STOP_LOSS -> levels.stopLoss();
            case TAKE_PROFIT -> levels.takeProfit();
            default -> null;
        };
        place(new OrderRequest(nextId(), decisionSequence, position.side().exitSide(), position.quantity(), purpose, time,
                exact(price), true, reason, level), out);
    }

    private void place(OrderRequest order, AgentOutputs out) {
        inFlight = order;
        inFlightFilled = BigDecimal.ZERO;
        if (out.wantsText()) {
            out.log(log(order.decisionTime(), order.fillsAtTrigger() ? LogLevel.SL_TP : LogLevel.ACTION,
                order.side().name().toLowerCase() + " " + order.quantity().toPlainString() + " (" + order.purpose().name().toLowerCase()
                        + "): " + order.reason(),
                Map.of("client_order_id", order.clientOrderId().value(), "reference_price", order.referencePrice().toPlainString())));
        }
        out.order(order);
    }

    private ClientOrderId nextId() {
        return ClientOrderId.of(settings.agentId(), ++decisionSequence, 0);
    }

    private void halt(String reason, long time, AgentOutputs out) {
        if (!halted) {
            halted = true;
            haltReason = reason;
            if (out.wantsText()) {
                out.log(log(time, LogLevel.STOP, "halted: " + reason, Map.of()));
            }
        }
    }

    private boolean lossLimitBreached(double price) {
        if (Double.isNaN(lossLimitFraction)) {
            return false;
        }
        double equity = cashValue + sideSign * (price - averagePrice) * quantity;
        return (sessionStart - equity) / sessionStart >= lossLimitFraction;
    }

    /** The primitive copies the tick path compares against, so that a quiet tick allocates nothing. */
    private void mirror() {
        sideSign = position.side().sign();
        if (sideSign == 0) {
            stop = target = liquidation = Double.NaN;
            averagePrice = quantity = 0;
            return;
        }
        averagePrice = position.averagePrice().doubleValue();
        quantity = position.quantity().doubleValue();
        stop = levels.stopLoss().doubleValue();
        target = levels.takeProfit().doubleValue();
        liquidation = levels.liquidationPrice() == null ? (sideSign > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : levels.liquidationPrice().doubleValue();
    }

    private PositionUpdate update(PositionUpdate.Kind kind, BigDecimal mark, BigDecimal exitPrice, String closeReason, long time,
                                  ClientOrderId causedBy) {
        return new PositionUpdate(positionId, kind, position, mark, position.realizedPnl(), position.unrealizedPnl(mark),
                position.fees(), levels, exitPrice, closeReason, time, causedBy);
    }

    private BigDecimal exact(double price) {
        return BigDecimal.valueOf(price).setScale(settings.instrument().priceScale(), RoundingMode.HALF_EVEN);
    }

    private static String signalText(double signal) {
        return String.format(Locale.ROOT, "%+.2f", signal);
    }

    private static Map<String, String> fields(Fill fill) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_order_id", fill.clientOrderId().value());
        fields.put("price", fill.price().toPlainString());
        fields.put("quantity", fill.quantity().toPlainString());
        fields.put("fee", fill.fee().toPlainString());
        return fields;
    }

    private static AgentLog log(long time, LogLevel level, String message, Map<String, String> fields) {
        return new AgentLog(time, level, message, fields);
    }

    // ---------------------------------------------------------------- reading

    public Position position() {
        return position;
    }

    public ProtectiveLevels levels() {
        return levels;
    }

    public BigDecimal cash() {
        return cash;
    }

    /** Cash plus unrealised P&L at the last price, as a double (for equity curves; the ledger itself is exact). */
    public double equityValue() {
        return sideSign == 0 || Double.isNaN(lastPrice) ? cashValue : cashValue + sideSign * (lastPrice - averagePrice) * quantity;
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

    public Settings settings() {
        return settings;
    }

    public long decisionSequence() {
        return decisionSequence;
    }

    public String positionId() {
        return positionId;
    }

    public double lastPrice() {
        return lastPrice;
    }

    public long lastTime() {
        return lastTime;
    }

    /**
     * Restores the last price seen, which the processor keeps apart from the rest of the state (it changes on every
     * tick, the rest only when something happens).
     */
    public void restoreLastSeen(double price, long time) {
        lastPrice = price;
        lastTime = time;
    }

    /** ATR(14) of the bars seen, NaN while warming up. */
    public double atr() {
        return atr.value();
    }

    // ---------------------------------------------------------------- state

    public void write(DataOutput out) throws IOException {
        strategy.write(out);
        atr.write(out);
        writeDecimal(out, cash);
        out.writeLong(decisionSequence);
        out.writeBoolean(halted);
        out.writeUTF(haltReason == null ? "" : haltReason);
        out.writeDouble(sessionStart);
        out.writeDouble(lastPrice);
        out.writeLong(lastTime);
        out.writeUTF(position.side().name());
        writeDecimal(out, position.quantity());
        writeDecimal(out, position.averagePrice());
        writeDecimal(out, position.realizedPnl());
        writeDecimal(out, position.fees());
        out.writeLong(position.openedAt());
        out.writeUTF(positionId == null ? "" : positionId);
        out.writeBoolean(levels != null);
        if (levels != null) {
            writeDecimal(out, levels.stopLoss());
            writeDecimal(out, levels.takeProfit());
            writeDecimal(out, levels.liquidationPrice());
        }
        out.writeBoolean(inFlight != null);
        if (inFlight != null) {
            out.writeUTF(inFlight.clientOrderId().value());
            out.writeLong(inFlight.decisionSequence());
            out.writeUTF(inFlight.side().name());
            writeDecimal(out, inFlight.quantity());
            out.writeUTF(inFlight.purpose().name());
            out.writeLong(inFlight.decisionTime());
            writeDecimal(out, inFlight.referencePrice());
            out.writeBoolean(inFlight.reduceOnly());
            out.writeUTF(inFlight.reason() == null ? "" : inFlight.reason());
            writeDecimal(out, inFlightFilled);
        }
    }

    public void read(DataInput in) throws IOException {
        strategy.read(in);
        atr.read(in);
        cash = readDecimal(in);
        cashValue = cash.doubleValue();
        decisionSequence = in.readLong();
        halted = in.readBoolean();
        String reason = in.readUTF();
        haltReason = reason.isEmpty() ? null : reason;
        sessionStart = in.readDouble();
        lastPrice = in.readDouble();
        lastTime = in.readLong();
        PositionSide side = PositionSide.valueOf(in.readUTF());
        position = new Position(side, readDecimal(in), readDecimal(in), readDecimal(in), readDecimal(in), in.readLong());
        String id = in.readUTF();
        positionId = id.isEmpty() ? null : id;
        levels = in.readBoolean() ? new ProtectiveLevels(readDecimal(in), readDecimal(in), readDecimal(in)) : null;
        if (in.readBoolean()) {
            inFlight = new OrderRequest(new ClientOrderId(in.readUTF()), in.readLong(), Side.valueOf(in.readUTF()), readDecimal(in),
                    OrderPurpose.valueOf(in.readUTF()), in.readLong(), readDecimal(in), in.readBoolean(), in.readUTF());
            inFlightFilled = readDecimal(in);
        } else {
            inFlight = null;
            inFlightFilled = BigDecimal.ZERO;
        }
        mirror();
    }

    private static void writeDecimal(DataOutput out, BigDecimal value) throws IOException {
        out.writeUTF(value == null ? "" : value.toPlainString());
    }

    private static BigDecimal readDecimal(DataInput in) throws IOException {
        String text = in.readUTF();
        return text.isEmpty() ? null : new BigDecimal(text);
    }
}
