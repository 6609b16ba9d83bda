package io.agenthub.testkit.hashkey.exchange;

import io.agenthub.testkit.hashkey.exchange.Wire.Codes;
import io.agenthub.testkit.hashkey.exchange.Wire.Rejection;
import io.agenthub.testkit.hashkey.exchange.Wire.Reply;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.agenthub.testkit.hashkey.exchange.Wire.dec;

/**
 * Spot trading: {@code /api/v1.1/spot/order} and {@code /api/v1/spot/order} (create, query, cancel), open orders,
 * balances ({@code /api/v1/account}) and fills ({@code /api/v1/account/trades}), with the venue's checks and shapes.
 * Called under the exchange lock. Funds a LIMIT order needs are locked while it rests (price × quantity of quote for
 * a buy, the quantity of base for a sell); fees are charged in the asset received.
 *
 * <p>Choices where the venue is unverified: a LIMIT_MAKER that would take is kept with status {@code REJECTED} (HK
 * doc) rather than refused with {@code -1156}; an order cancelled after partial fills ends {@code PARTIALLY_CANCELED};
 * cancelling a finished order (FILLED, CANCELED, ...) answers it as it is with HTTP 200 (recorded for FILLED);
 * cancel of an unknown order answers {@code 0211}, query of one {@code -1143}; an unknown symbol is the numeric
 * {@code -100010 Invalid Symbols!}; price bands ({@code LIMIT_TRADING} rates) are published but not enforced; a
 * duplicate {@code newClientOrderId} is refused before the balance check, so a retry always learns the order exists.
 */
final class SpotDesk {

    private static final Set<String> TYPES = Set.of("LIMIT", "MARKET", "LIMIT_MAKER");
    private static final Set<String> TIME_IN_FORCE = Set.of("GTC", "IOC", "FOK");
    private static final int MAX_CLIENT_ORDER_ID = 255;

    private final Exchange exchange;

    SpotDesk(Exchange exchange) {
        this.exchange = exchange;
    }

    /**
     * {@code POST /api/v1.1/spot/order} ({@code v11}) or {@code /api/v1/spot/order}: on v1 a MARKET BUY's
     * {@code quantity} is the quote amount to spend; v1.1 takes base {@code quantity} or quote {@code amount}.
     */
    Reply place(Account account, Params params, boolean v11) {
        Instrument instrument = exchange.market(params, false);
        String side = params.required("side");
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw Rejection.of(Codes.INVALID_SIDE, "Invalid order side");
        }
        String type = params.required("type");
        if (!TYPES.contains(type)) {
            throw Rejection.of(Codes.UNSUPPORTED_ORDER_TYPE, "Unsupported order type");
        }
        boolean market = type.equals("MARKET");
        boolean buy = side.equals("BUY");
        String timeInForce = params.optional("timeInForce");
        if (timeInForce != null && (!TIME_IN_FORCE.contains(timeInForce) || type.equals("LIMIT_MAKER") && !timeInForce.equals("GTC"))) {
            throw Rejection.of(Codes.INVALID_TIME_IN_FORCE, "Invalid timeInForce");
        }
        String tif = market ? ("FOK".equals(timeInForce) ? "FOK" : "IOC") : timeInForce == null ? "GTC" : timeInForce;
        String clientOrderId = params.has("newClientOrderId") ? params.required("newClientOrderId") : exchange.generatedClientOrderId();
        if (clientOrderId.length() > MAX_CLIENT_ORDER_ID) {
            throw Rejection.of(Codes.INVALID_CLIENT_ORDER_ID, "Invalid client order id");
        }
        // before any balance check: a client retrying an order whose reply it lost must learn that it exists
        if (account.spotByClientId.containsKey(clientOrderId)) {
            throw Rejection.of(Codes.DUPLICATE_ORDER, "Duplicate order");
        }
        BigDecimal quantity = params.optionalDecimal("quantity");
        BigDecimal amount = v11 ? params.optionalDecimal("amount") : null;
        if (v11 && quantity != null && amount != null) {
            throw Rejection.of(Codes.QUANTITY_AND_AMOUNT, "quantity and amount are not allowed to be sent at the same time");
        }
        if (!v11 && market && buy) {
            amount = quantity;
            quantity = null;
        }
        if (amount != null && !market) {
            throw Rejection.of("-1130", "Illegal parameter 'amount'");
        }
        if (quantity == null && amount == null) {
            throw Rejection.missing("quantity");
        }
        BigDecimal last = exchange.lastPrice(instrument.symbol());
        BigDecimal price = BigDecimal.ZERO;
        if (!market) {
            price = params.decimal("price");
            instrument.checkPrice(price);
        }
        if (quantity != null) {
            instrument.checkQuantity(quantity, market);
        } else {
            checkAmount(instrument, amount);
        }
        BigDecimal notional = quantity == null ? amount : (market ? last : price).multiply(quantity);
        if (notional.compareTo(instrument.minNotional()) < 0) {
            throw Rejection.of(Codes.AMOUNT_BELOW_MIN, "Order amount lower than the minimum");
        }
        BigDecimal fillQuantity = quantity != null ? quantity
                : amount.divide(last, instrument.stepSize().scale(), RoundingMode.FLOOR);
        BigDecimal need = buy ? (quantity == null ? amount : (market ? last : price).multiply(quantity)) : fillQuantity;
        if (account.free(instrument.spend(buy)).compareTo(need) < 0) {
            throw Rejection.of(Codes.INSUFFICIENT, "Insufficient asset");
        }

        long now = exchange.now();
        OrderState order = new OrderState(exchange.nextId(), clientOrderId, account, instrument, side, type, null, tif,
                price, null, quantity == null ? BigDecimal.ZERO : quantity, amount == null ? BigDecimal.ZERO : amount,
                0, now, "NEW");
        account.spotByClientId.put(clientOrderId, order);
        boolean crosses = !market && (buy ? price.compareTo(last) >= 0 : price.compareTo(last) <= 0);
        if (type.equals("LIMIT_MAKER") && crosses) {
            order.status = "REJECTED";
            exchange.add(order);
            exchange.emit(account, StreamEvents.spotExecution(order, null, exchange.nextId(), now));
            return Reply.ok(createShape(order));
        }
        exchange.add(order);
        if (!market) {
            lock(account, instrument.spend(buy), buy ? price.multiply(quantity) : quantity);
        }
        exchange.emit(account, StreamEvents.spotExecution(order, null, exchange.nextId(), now));
        if (market) {
            if (fillQuantity.signum() > 0) {
                fill(order, last, fillQuantity, false);
            } else {
                finish(order, "CANCELED");
            }
        } else if (crosses) {
            fill(order, last, quantity, false);
        } else if (!tif.equals("GTC")) {
            cancel(order);
        }
        return Reply.ok(createShape(order));
    }

    private static void checkAmount(Instrument instrument, BigDecimal amount) {
        if (amount.compareTo(Instrument.MARKET_MIN_AMOUNT) < 0) {
            throw Rejection.of(Codes.AMOUNT_BELOW_MIN, "Order amount lower than the minimum");
        }
        if (amount.compareTo(Instrument.MARKET_MAX_AMOUNT) > 0) {
            throw Rejection.of(Codes.AMOUNT_ABOVE_MAX, "Order amount greater than the maximum");
        }
        if (amount.remainder(instrument.quotePrecision()).signum() != 0) {
            throw Rejection.of("-1148", "Order amount precision too large");
        }
    }

    /** One execution of {@code order}: moves the funds, charges the fee in the asset received, records and pushes it. */
    void fill(OrderState order, BigDecimal price, BigDecimal quantity, boolean maker) {
        Account account = order.account;
        Instrument instrument = order.instrument;
        boolean buy = order.buy();
        BigDecimal quote = price.multiply(quantity);
        BigDecimal rate = maker ? exchange.spotMakerFee : exchange.spotTakerFee;
        BigDecimal fee = (buy ? quantity : quote).multiply(rate);
        if (buy) {
            if (!order.market()) {
                unlock(account, instrument.quoteAsset(), order.price.multiply(quantity));
            }
            change(account, instrument.quoteAsset(), quote.negate());
            change(account, instrument.baseAsset(), quantity.subtract(fee));
        } else {
            if (!order.market()) {
                unlock(account, instrument.baseAsset(), quantity);
            }
            change(account, instrument.baseAsset(), quantity.negate());
            change(account, instrument.quoteAsset(), quote.subtract(fee));
        }
        long now = exchange.now();
        order.executedQty = order.executedQty.add(quantity);
        order.cumulativeQuote = order.cumulativeQuote.add(quote);
        order.updateTime = now;
        order.status = order.reqAmount.signum() > 0 || order.remaining().signum() == 0 ? "FILLED" : "PARTIALLY_FILLED";
        exchange.update(order);
        FillRecord fill = new FillRecord(exchange.nextId(), exchange.nextId(), exchange.nextId(), exchange.nextId(), order,
                price, quantity, fee, instrument.receive(buy), maker, BigDecimal.ZERO, now);
        account.spotFills.add(fill);
        exchange.emit(account, StreamEvents.ticket(fill, now));
        exchange.emit(account, StreamEvents.spotExecution(order, fill, 0, now));
    }

    /** Cancels a working order: releases what it still locks; CANCELED, or PARTIALLY_CANCELED after fills. */
    private void cancel(OrderState order) {
        Instrument instrument = order.instrument;
        if (!order.market()) {
            unlock(order.account, instrument.spend(order.buy()), order.buy() ? order.price.multiply(order.remaining()) : order.remaining());
        }
        finish(order, order.executedQty.signum() > 0 ? "PARTIALLY_CANCELED" : "CANCELED");
    }

    private void finish(OrderState order, String status) {
        order.status = status;
        order.updateTime = exchange.now();
        exchange.update(order);
        exchange.emit(order.account, StreamEvents.spotExecution(order, null, exchange.nextId(), order.updateTime));
    }

    /** {@code GET /api/v1/spot/order}: {@code orderId} or {@code origClientOrderId}; unknown → {@code -1143}. */
    Reply query(Account account, Params params) {
        OrderState order = find(account, params, "origClientOrderId");
        if (order == null) {
            throw Rejection.of(Codes.ORDER_NOT_FOUND, "Order not found");
        }
        return Reply.ok(queryShape(order, true));
    }

    /**
     * {@code DELETE /api/v1/spot/order}: {@code orderId} or {@code clientOrderId}. Answers the order as it was before
     * the cancel (so usually still {@code NEW}, as the venue does) and pushes the cancel; a finished order is answered
     * as it is, HTTP 200; unknown → {@code 0211}.
     */
    Reply cancel(Account account, Params params) {
        OrderState order = find(account, params, "clientOrderId");
        if (order == null) {
            throw Rejection.of(Codes.ORDER_NOT_FOUND_0211, "Order not found");
        }
        ObjectNode reply = cancelShape(order);
        if (order.working()) {
            cancel(order);
        }
        return Reply.ok(reply);
    }

    /** {@code DELETE /api/v1/spot/openOrders}: {@code symbol}, {@code side} optional → {@code {"success":true}}. */
    Reply cancelAll(Account account, Params params) {
        Instrument instrument = params.has("symbol") ? exchange.market(params, false) : null;
        String side = params.optional("side");
        spotOrders(account).filter(OrderState::working)
                .filter(o -> instrument == null || o.instrument.equals(instrument))
                .filter(o -> side == null || o.side.equals(side))
                .toList().forEach(this::cancel);
        return Reply.ok(Wire.object().put("success", true));
    }

    /** {@code GET /api/v1/spot/openOrders}: {@code symbol}, {@code side} optional; newest first; limit ≤ 1000. */
    Reply openOrders(Account account, Params params) {
        Instrument instrument = params.has("symbol") ? exchange.market(params, false) : null;
        String side = params.optional("side");
        int limit = params.limit(500, 1000);
        ArrayNode reply = Wire.JSON.createArrayNode();
        spotOrders(account).filter(OrderState::working)
                .filter(o -> instrument == null || o.instrument.equals(instrument))
                .filter(o -> side == null || o.side.equals(side))
                .sorted(Comparator.comparingLong((OrderState o) -> o.orderId).reversed())
                .limit(limit).forEach(o -> reply.add(queryShape(o, false)));
        return Reply.ok(reply);
    }

    /** {@code GET /api/v1/account}: every asset with a balance, total = free + locked. */
    Reply balances(Account account) {
        ObjectNode reply = Wire.object();
        ArrayNode balances = reply.putArray("balances");
        account.spotTotal.forEach((asset, total) -> {
            BigDecimal locked = account.spotLocked.getOrDefault(asset, BigDecimal.ZERO);
            if (total.signum() != 0 || locked.signum() != 0) {
                balances.addObject().put("asset", asset).put("assetId", asset).put("assetName", asset)
                        .put("total", dec(total)).put("free", dec(total.subtract(locked))).put("locked", dec(locked));
            }
        });
        reply.put("userId", Long.toString(account.userId));
        return Reply.ok(reply);
    }

    /**
     * {@code GET /api/v1/account/trades}: filters {@code symbol}, {@code clientOrderId}, {@code orderId},
     * {@code startTime}, {@code endTime}, {@code fromId} (ids above), {@code toId} (ids below); {@code limit} (default
     * 500, at most 1000) picks the trades nearest {@code fromId} when only it is given, else the latest; the answer is
     * sorted by id, newest first, as the HK doc says.
     */
    Reply trades(Account account, Params params) {
        Instrument instrument = params.has("symbol") ? exchange.market(params, false) : null;
        String clientOrderId = params.optional("clientOrderId");
        Long orderId = params.optionalLong("orderId");
        List<FillRecord> selected = Paging.select(account.spotFills.stream()
                .filter(f -> instrument == null || f.order().instrument.equals(instrument))
                .filter(f -> clientOrderId == null || f.order().clientOrderId.equals(clientOrderId))
                .filter(f -> orderId == null || f.order().orderId == orderId), params, params.limit(500, 1000));
        ArrayNode reply = Wire.JSON.createArrayNode();
        for (FillRecord fill : selected) {
            OrderState order = fill.order();
            ObjectNode trade = reply.addObject();
            trade.put("id", Long.toString(fill.tradeId()));
            trade.put("clientOrderId", order.clientOrderId);
            trade.put("ticketId", Long.toString(fill.ticketId()));
            trade.put("symbol", order.instrument.symbol());
            trade.put("symbolName", order.instrument.symbol());
            trade.put("orderId", Long.toString(order.orderId));
            trade.put("matchOrderId", "0");
            trade.put("price", dec(fill.price()));
            trade.put("qty", dec(fill.quantity()));
            trade.put("commission", dec(fill.commission()));
            trade.put("commissionAsset", fill.commissionAsset());
            trade.put("time", Long.toString(fill.time()));
            trade.put("isBuyer", order.buy());
            trade.put("isMaker", fill.maker());
            trade.putObject("fee").put("feeCoinId", fill.commissionAsset()).put("feeCoinName", fill.commissionAsset())
                    .put("fee", dec(fill.commission()));
            trade.put("feeCoinId", fill.commissionAsset());
            trade.put("feeAmount", dec(fill.commission()));
            trade.put("makerRebate", "0");
        }
        return Reply.ok(reply);
    }

    private static Stream<OrderState> spotOrders(Account account) {
        return account.orders.values().stream().filter(o -> !o.perpetual());
    }

    /** The spot order named by {@code orderId} or by the client id parameter {@code clientIdParam}; neither → 0001. */
    private static OrderState find(Account account, Params params, String clientIdParam) {
        Long orderId = params.optionalLong("orderId");
        if (orderId != null) {
            OrderState order = account.orders.get(orderId);
            return order == null || order.perpetual() ? null : order;
        }
        if (!params.has(clientIdParam)) {
            throw Rejection.missing("orderId");
        }
        return account.spotByClientId.get(params.required(clientIdParam));
    }

    private void lock(Account account, String asset, BigDecimal amount) {
        account.spotLocked.merge(asset, amount, BigDecimal::add);
        exchange.spotChanged(account, asset);
    }

    private void unlock(Account account, String asset, BigDecimal amount) {
        account.spotLocked.merge(asset, amount.negate(), BigDecimal::add);
        exchange.spotChanged(account, asset);
    }

    private void change(Account account, String asset, BigDecimal amount) {
        account.spotTotal.merge(asset, amount, BigDecimal::add);
        exchange.spotChanged(account, asset);
    }

    /** The create reply ({@code spot-order-create*.json}). */
    private static ObjectNode createShape(OrderState o) {
        ObjectNode reply = Wire.object();
        reply.put("accountId", Long.toString(o.account.accountId));
        reply.put("symbol", o.instrument.symbol());
        reply.put("symbolName", o.instrument.symbol());
        reply.put("clientOrderId", o.clientOrderId);
        reply.put("orderId", Long.toString(o.orderId));
        reply.put("transactTime", Long.toString(o.time));
        reply.put("price", dec(o.price));
        reply.put("origQty", dec(o.origQty));
        reply.put("executedQty", dec(o.executedQty));
        reply.put("status", o.status);
        reply.put("timeInForce", o.timeInForce);
        reply.put("type", o.type);
        reply.put("side", o.side);
        reply.put("reqAmount", dec(o.reqAmount));
        reply.put("concentration", "");
        return reply;
    }

    /** The cancel reply ({@code spot-order-cancel*.json}): no symbolName, no reqAmount. */
    private static ObjectNode cancelShape(OrderState o) {
        ObjectNode reply = Wire.object();
        reply.put("accountId", Long.toString(o.account.accountId));
        reply.put("symbol", o.instrument.symbol());
        reply.put("clientOrderId", o.clientOrderId);
        reply.put("orderId", Long.toString(o.orderId));
        reply.put("transactTime", Long.toString(o.time));
        reply.put("price", dec(o.price));
        reply.put("origQty", dec(o.origQty));
        reply.put("executedQty", dec(o.executedQty));
        reply.put("status", o.status);
        reply.put("timeInForce", o.timeInForce);
        reply.put("type", o.type);
        reply.put("side", o.side);
        return reply;
    }

    /** The query reply ({@code spot-order-query*.json}); open orders leave out the fee fields. */
    private static ObjectNode queryShape(OrderState o, boolean withFees) {
        ObjectNode reply = Wire.object();
        reply.put("accountId", Long.toString(o.account.accountId));
        reply.put("exchangeId", "301");
        reply.put("symbol", o.instrument.symbol());
        reply.put("symbolName", o.instrument.symbol());
        reply.put("clientOrderId", o.clientOrderId);
        reply.put("orderId", Long.toString(o.orderId));
        reply.put("price", dec(o.price));
        reply.put("origQty", dec(o.origQty));
        reply.put("executedQty", dec(o.executedQty));
        reply.put("cummulativeQuoteQty", dec(o.cumulativeQuote));
        reply.put("cumulativeQuoteQty", dec(o.cumulativeQuote));
        reply.put("avgPrice", dec(o.averagePrice()));
        reply.put("status", o.status);
        reply.put("timeInForce", o.timeInForce);
        reply.put("type", o.type);
        reply.put("side", o.side);
        reply.put("stopPrice", "0.0");
        reply.put("icebergQty", "0.0");
        reply.put("time", Long.toString(o.time));
        reply.put("updateTime", Long.toString(o.updateTime));
        reply.put("isWorking", true);
        reply.put("reqAmount", dec(o.reqAmount));
        if (withFees) {
            // deprecated on the venue: empty even when the order paid fees (take fees from trades or the stream)
            reply.put("feeCoin", "");
            reply.put("feeAmount", "0");
            reply.put("sumFeeAmount", "0");
        }
        return reply;
    }
}
