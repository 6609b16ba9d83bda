package io.agenthub.testkit.hashkey.exchange;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One order as the peer holds it (spot, perpetual, or a perpetual STOP order); changed only under the exchange lock.
 * Quantities are base units for spot and contracts for perpetuals.
 */
final class OrderState {

    final long orderId;
    final String clientOrderId;
    final Account account;
    final Instrument instrument;
    /** {@code BUY}/{@code SELL} (spot) or {@code BUY_OPEN}, {@code SELL_OPEN}, {@code BUY_CLOSE}, {@code SELL_CLOSE}. */
    final String side;
    /** Spot {@code LIMIT}/{@code MARKET}/{@code LIMIT_MAKER}; perpetual {@code LIMIT}/{@code LIMIT_MAKER}/{@code STOP}. */
    final String type;
    /** Perpetuals: {@code INPUT} or {@code MARKET}; null for spot. */
    final String priceType;
    final String timeInForce;
    /** The limit price; zero for a spot market order; the protection price of a perpetual market order. */
    final BigDecimal price;
    /** STOP orders: the trigger price. */
    final BigDecimal stopPrice;
    /** Zero for a spot market order by quote amount. */
    final BigDecimal origQty;
    /** Spot market order by quote amount: that amount; otherwise zero. */
    final BigDecimal reqAmount;
    /** Perpetuals: the leverage the order was placed with. */
    final int leverage;
    /** Perpetual OPEN orders: the margin locked when the order was accepted, as its create reply reports it. */
    final BigDecimal createMargin;
    final long time;

    long updateTime;
    String status;
    /**
     * STOP orders: whether the stop waits for the price to rise to its stop price (it stood below the stop when the
     * order was placed) rather than fall to it.
     */
    boolean risesToStop;
    BigDecimal executedQty = BigDecimal.ZERO;
    /** Σ fill price × fill quantity (contracts, without the multiplier, for perpetuals: the venue's {@code Z}). */
    BigDecimal cumulativeQuote = BigDecimal.ZERO;

    OrderState(long orderId, String clientOrderId, Account account, Instrument instrument, String side, String type,
               String priceType, String timeInForce, BigDecimal price, BigDecimal stopPrice, BigDecimal origQty,
               BigDecimal reqAmount, int leverage, long time, String status) {
        this.orderId = orderId;
        this.clientOrderId = clientOrderId;
        this.account = account;
        this.instrument = instrument;
        this.side = side;
        this.type = type;
        this.priceType = priceType;
        this.timeInForce = timeInForce;
        this.price = price;
        this.stopPrice = stopPrice;
        this.origQty = origQty;
        this.reqAmount = reqAmount;
        this.leverage = leverage;
        this.time = time;
        this.updateTime = time;
        this.status = status;
        this.createMargin = marginPerUnit().multiply(origQty);
    }

    boolean buy() {
        return side.startsWith("BUY");
    }

    boolean perpetual() {
        return instrument.perpetual();
    }

    boolean stop() {
        return type.equals("STOP");
    }

    /** STOP orders: whether a last price of {@code price} reaches the stop price from the side it waited on. */
    boolean reached(BigDecimal price) {
        return risesToStop ? price.compareTo(stopPrice) >= 0 : price.compareTo(stopPrice) <= 0;
    }

    /** Perpetuals: an order that opens (or adds to) a position. */
    boolean opens() {
        return side.endsWith("_OPEN");
    }

    /** Perpetuals: the position side the order trades: BUY_OPEN and SELL_CLOSE trade LONG. */
    String positionSide() {
        return side.equals("BUY_OPEN") || side.equals("SELL_CLOSE") ? "LONG" : "SHORT";
    }

    /** A market order: spot {@code MARKET}, or a perpetual with {@code priceType=MARKET}. */
    boolean market() {
        return type.equals("MARKET") || "MARKET".equals(priceType);
    }

    BigDecimal remaining() {
        return origQty.subtract(executedQty);
    }

    /** On the book, able to fill: NEW or PARTIALLY_FILLED (STOP orders are never working). */
    boolean working() {
        return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
    }

    BigDecimal averagePrice() {
        return executedQty.signum() == 0 ? BigDecimal.ZERO : cumulativeQuote.divide(executedQty, MathContext.DECIMAL64);
    }

    /** Perpetual OPEN orders: margin each contract locks while resting (price × multiplier / leverage). */
    BigDecimal marginPerUnit() {
        if (!instrument.perpetual() || !opens() || stop() || leverage == 0) {
            return BigDecimal.ZERO;
        }
        return price.multiply(instrument.contractMultiplier()).divide(BigDecimal.valueOf(leverage), MathContext.DECIMAL64);
    }

    /** Margin this order locks now. */
    BigDecimal lockedMargin() {
        return working() ? marginPerUnit().multiply(remaining()) : BigDecimal.ZERO;
    }

    PeerOrder view() {
        return new PeerOrder(Long.toString(orderId), clientOrderId, instrument.symbol(), side, type, priceType, timeInForce,
                price, stopPrice, origQty, executedQty, averagePrice(), status, time, updateTime);
    }
}
