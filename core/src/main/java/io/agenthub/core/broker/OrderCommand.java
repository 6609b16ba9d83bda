package io.agenthub.core.broker;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order to place: what, how, and the decision behind it.
 *
 * @param quantity       base-asset quantity (a perpetual adapter turns it into contracts)
 * @param limitPrice     for {@link OrderType#LIMIT} and {@link OrderType#STOP_LIMIT}, else null
 * @param stopPrice      for the stop types, else null
 * @param reduceOnly     may only reduce or close a position
 * @param leverage       1..125; 1 on spot
 * @param decisionTime   when it was decided (epoch ms): the paper venue fills a market order at the first price at or
 *                       after it, as the backtest does
 * @param referencePrice the last price when it was decided
 * @param causationId    what caused it (the intent's event id), carried back on its updates by venues that can; may be null
 */
public record OrderCommand(ClientOrderId clientOrderId, Symbol symbol, Side side, OrderType type, BigDecimal quantity,
                           BigDecimal limitPrice, BigDecimal stopPrice, TimeInForce timeInForce, boolean reduceOnly, int leverage,
                           long decisionTime, BigDecimal referencePrice, String causationId) {

    public OrderCommand {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(timeInForce, "timeInForce");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("order quantity must be positive, got " + quantity.toPlainString());
        }
        if (type.hasLimitPrice() != (limitPrice != null)) {
            throw new IllegalArgumentException(type + (type.hasLimitPrice() ? " needs" : " takes no") + " limit price");
        }
        if (type.hasStopPrice() != (stopPrice != null)) {
            throw new IllegalArgumentException(type + (type.hasStopPrice() ? " needs" : " takes no") + " stop price");
        }
        if ((limitPrice != null && limitPrice.signum() <= 0) || (stopPrice != null && stopPrice.signum() <= 0)) {
            throw new IllegalArgumentException("limit and stop prices must be positive");
        }
        if (leverage < 1 || leverage > 125) {
            throw new IllegalArgumentException("leverage must be within 1..125, got " + leverage);
        }
    }

    /** A market order decided at {@code decisionTime} with {@code referencePrice} the last price then. */
    public static OrderCommand market(ClientOrderId id, Symbol symbol, Side side, BigDecimal quantity, boolean reduceOnly, int leverage,
                                      long decisionTime, BigDecimal referencePrice) {
        return new OrderCommand(id, symbol, side, OrderType.MARKET, quantity, null, null, TimeInForce.GTC, reduceOnly, leverage,
                decisionTime, referencePrice, null);
    }

    public static OrderCommand limit(ClientOrderId id, Symbol symbol, Side side, BigDecimal quantity, BigDecimal price, TimeInForce tif,
                                     boolean reduceOnly, int leverage, long decisionTime) {
        return new OrderCommand(id, symbol, side, OrderType.LIMIT, quantity, price, null, tif, reduceOnly, leverage, decisionTime, price, null);
    }

    public static OrderCommand stopMarket(ClientOrderId id, Symbol symbol, Side side, BigDecimal quantity, BigDecimal stopPrice,
                                          boolean reduceOnly, int leverage, long decisionTime) {
        return new OrderCommand(id, symbol, side, OrderType.STOP_MARKET, quantity, null, stopPrice, TimeInForce.GTC, reduceOnly, leverage,
                decisionTime, stopPrice, null);
    }

    public OrderCommand withCausationId(String id) {
        return new OrderCommand(clientOrderId, symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, reduceOnly, leverage,
                decisionTime, referencePrice, id);
    }
}
