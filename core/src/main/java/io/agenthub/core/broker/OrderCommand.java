package io.agenthub.core.broker;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.OrderRequest;
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
 * @param trigger        for a market order that the client's own stop-loss or take-profit level triggered, that level and the
 *                       order resting there it stands for; null otherwise
 */
public record OrderCommand(ClientOrderId clientOrderId, Symbol symbol, Side side, OrderType type, BigDecimal quantity,
                           BigDecimal limitPrice, BigDecimal stopPrice, TimeInForce timeInForce, boolean reduceOnly, int leverage,
                           long decisionTime, BigDecimal referencePrice, String causationId, Trigger trigger) {

    /**
     * A level the client watched itself, as if a stop ({@link OrderType#STOP_MARKET}, a stop-loss) or a limit order
     * ({@link OrderType#LIMIT}, a take-profit) had rested there, until a tick reached it and it sent this market order: the
     * paper venue fills the order where that resting order would have filled at that tick ({@code FillModel}); a live venue
     * fills the market order.
     */
    public record Trigger(OrderType standsFor, BigDecimal level) {
        public Trigger {
            Objects.requireNonNull(standsFor, "standsFor");
            Objects.requireNonNull(level, "level");
            if (standsFor != OrderType.STOP_MARKET && standsFor != OrderType.LIMIT) {
                throw new IllegalArgumentException("a trigger stands for a stop or a limit order, not " + standsFor);
            }
            if (level.signum() <= 0) {
                throw new IllegalArgumentException("a trigger level must be positive");
            }
        }

        /** A stop-loss's trigger, a take-profit's, or null for an order of another purpose or without a level. */
        public static Trigger of(OrderPurpose purpose, BigDecimal level) {
            if (level == null) {
                return null;
            }
            return switch (purpose) {
                case STOP_LOSS -> new Trigger(OrderType.STOP_MARKET, level);
                case TAKE_PROFIT -> new Trigger(OrderType.LIMIT, level);
                default -> null;
            };
        }
    }

    /** An order no level of the client's triggered. */
    public OrderCommand(ClientOrderId clientOrderId, Symbol symbol, Side side, OrderType type, BigDecimal quantity, BigDecimal limitPrice,
                        BigDecimal stopPrice, TimeInForce timeInForce, boolean reduceOnly, int leverage, long decisionTime,
                        BigDecimal referencePrice, String causationId) {
        this(clientOrderId, symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, reduceOnly, leverage, decisionTime,
                referencePrice, causationId, null);
    }

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
        if (trigger != null && type != OrderType.MARKET) {
            throw new IllegalArgumentException("only a market order is triggered by the client's level, not " + type);
        }
    }

    /** A market order decided at {@code decisionTime} with {@code referencePrice} the last price then. */
    public static OrderCommand market(ClientOrderId id, Symbol symbol, Side side, BigDecimal quantity, boolean reduceOnly, int leverage,
                                      long decisionTime, BigDecimal referencePrice) {
        return new OrderCommand(id, symbol, side, OrderType.MARKET, quantity, null, null, TimeInForce.GTC, reduceOnly, leverage,
                decisionTime, referencePrice, null);
    }

    /** The market order an agent decided on, for its instrument and leverage, triggered by its level where it names one. */
    public static OrderCommand of(OrderRequest order, Symbol symbol, int leverage) {
        return new OrderCommand(order.clientOrderId(), symbol, order.side(), OrderType.MARKET, order.quantity(), null, null, TimeInForce.GTC,
                order.reduceOnly(), leverage, order.decisionTime(), order.referencePrice(), null,
                Trigger.of(order.purpose(), order.triggerPrice()));
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
                decisionTime, referencePrice, id, trigger);
    }

    /** The same market order, triggered by the client's level. */
    public OrderCommand triggeredBy(Trigger newTrigger) {
        return new OrderCommand(clientOrderId, symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, reduceOnly, leverage,
                decisionTime, referencePrice, causationId, newTrigger);
    }
}
