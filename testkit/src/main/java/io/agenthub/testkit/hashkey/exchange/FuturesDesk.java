package io.agenthub.testkit.hashkey.exchange;

import io.agenthub.testkit.hashkey.exchange.Wire.Codes;
import io.agenthub.testkit.hashkey.exchange.Wire.Rejection;
import io.agenthub.testkit.hashkey.exchange.Wire.Reply;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

import static io.agenthub.testkit.hashkey.exchange.Wire.dec;

/**
 * USDT perpetuals ({@code /api/v1/futures/*}): orders in contracts, hedge-mode positions (LONG and SHORT apart),
 * isolated margin per position, leverage per symbol capped by the first risk tier, STOP orders. Called under the
 * exchange lock.
 *
 * <p>An OPEN order needs {@code price × contracts × multiplier / leverage} plus the taker fee on that notional from
 * the available balance (else {@code 0401 Insufficient asset}) and locks the margin while it rests; a CLOSE order
 * needs that many contracts of the position side not already claimed by resting CLOSE orders (else
 * {@code -2053 Position not enough} — the venue's code for this is unverified). Fees (maker 0.02 %, taker 0.06 % by
 * default) are paid in USDT from the balance; a close realises {@code (exit − average) × contracts × multiplier}
 * (LONG; reversed for SHORT) and releases its share of the position margin.
 */
final class FuturesDesk {

    private static final Set<String> SIDES = Set.of("BUY_OPEN", "SELL_OPEN", "BUY_CLOSE", "SELL_CLOSE");
    private static final Set<String> TIME_IN_FORCE = Set.of("GTC", "IOC", "FOK", "LIMIT_MAKER");
    private static final int MAX_CLIENT_ORDER_ID = 255;

    private final Exchange exchange;

    FuturesDesk(Exchange exchange) {
        this.exchange = exchange;
    }

    /**
     * {@code POST /api/v1/futures/order}: {@code type} LIMIT (with {@code priceType} INPUT, or MARKET for a market
     * order) or STOP (with {@code stopPrice}; it places its order when the last price reaches the stop from the side
     * it stood on when the stop was placed: a sell stop above the market waits for a rise, as a take-profit does, one
     * below it for a fall; a stop at the last price triggers at once. The documentation says only that a STOP triggers
     * when the price reaches its stop price; this is the peer's reading of it).
     */
    Reply place(Account account, Params params) {
        Instrument instrument = exchange.market(params, true);
        String side = params.required("side");
        if (!SIDES.contains(side)) {
            throw Rejection.of(Codes.INVALID_SIDE, "Invalid order side");
        }
        String type = params.required("type");
        if (!type.equals("LIMIT") && !type.equals("STOP")) {
            throw Rejection.of(Codes.UNSUPPORTED_ORDER_TYPE, "Unsupported order type");
        }
        String clientOrderId = params.required("clientOrderId");
        if (clientOrderId.length() > MAX_CLIENT_ORDER_ID) {
            throw Rejection.of(Codes.INVALID_CLIENT_ORDER_ID, "Invalid client order id");
        }
        if (account.futuresByClientId.containsKey(clientOrderId) || account.stopsByClientId.containsKey(clientOrderId)) {
            throw Rejection.of(Codes.DUPLICATE_ORDER, "Duplicate order");
        }
        BigDecimal quantity = params.decimal("quantity");
        checkContracts(instrument, quantity);
        String timeInForce = params.has("timeInForce") ? params.required("timeInForce") : "GTC";
        if (!TIME_IN_FORCE.contains(timeInForce)) {
            throw Rejection.of(Codes.INVALID_TIME_IN_FORCE, "Invalid timeInForce");
        }
        String priceType = type.equals("LIMIT") ? params.required("priceType")
                : params.has("priceType") ? params.required("priceType") : params.has("price") ? "INPUT" : "MARKET";
        if (!priceType.equals("INPUT") && !priceType.equals("MARKET")) {
            throw Rejection.of(Codes.INVALID_PRICE_TYPE, "Invalid price type");
        }
        BigDecimal price = null;
        if (priceType.equals("INPUT")) {
            price = params.decimal("price");
            instrument.checkPrice(price);
        }
        checkLeverage(account, instrument);
        if (type.equals("STOP")) {
            BigDecimal stopPrice = params.decimal("stopPrice");
            instrument.checkPrice(stopPrice);
            return placeStop(account, instrument, side, priceType, price, stopPrice, quantity, timeInForce, clientOrderId);
        }
        OrderState order = placeLimit(account, instrument, side, priceType, price, quantity, timeInForce, clientOrderId);
        return Reply.ok(createShape(order));
    }

    private static void checkContracts(Instrument instrument, BigDecimal quantity) {
        if (quantity.signum() > 0 && quantity.stripTrailingZeros().scale() > 0) {
            throw Rejection.of(Codes.QUANTITY_PRECISION, "Order quantity precision too large");
        }
        instrument.checkQuantity(quantity, false);
    }

    private void checkLeverage(Account account, Instrument instrument) {
        if (account.leverageOf(instrument) > exchange.maxLeverage(instrument.symbol())) {
            throw Rejection.of(Codes.MAX_LEVERAGE, "Maximum allowed leverage reached, please lower your leverage");
        }
    }

    private Reply placeStop(Account account, Instrument instrument, String side, String priceType, BigDecimal price,
                            BigDecimal stopPrice, BigDecimal quantity, String timeInForce, String clientOrderId) {
        OrderState stop = new OrderState(exchange.nextId(), clientOrderId, account, instrument, side, "STOP", priceType,
                timeInForce, price == null ? BigDecimal.ZERO : price, stopPrice, quantity, BigDecimal.ZERO, 0,
                exchange.now(), "ORDER_NEW");
        account.stopsByClientId.put(clientOrderId, stop);
        exchange.add(stop);
        ObjectNode reply = stopShape(stop);
        BigDecimal last = exchange.lastPrice(instrument.symbol());
        stop.risesToStop = last.compareTo(stopPrice) < 0;
        if (last.compareTo(stopPrice) == 0) {
            trigger(stop);
        }
        return Reply.ok(reply);
    }

    /**
     * A STOP order whose stop price was reached places its order (a market order for priceType MARKET, else a limit
     * order at its price) under the same client order id, and becomes {@code ORDER_FILLED}; when that order is refused
     * (margin, position, leverage) it becomes {@code ORDER_REJECTED}. Both statuses are this peer's choice: the venue's
     * values after {@code ORDER_NEW} were not seen.
     */
    void trigger(OrderState stop) {
        try {
            checkLeverage(stop.account, stop.instrument);
            placeLimit(stop.account, stop.instrument, stop.side, stop.priceType,
                    stop.priceType.equals("INPUT") ? stop.price : null, stop.origQty, stop.timeInForce, stop.clientOrderId);
            stop.status = "ORDER_FILLED";
        } catch (Rejection refused) {
            stop.status = "ORDER_REJECTED";
        }
        stop.updateTime = exchange.now();
        exchange.update(stop);
    }

    private OrderState placeLimit(Account account, Instrument instrument, String side, String priceType, BigDecimal price,
                                  BigDecimal quantity, String timeInForce, String clientOrderId) {
        BigDecimal last = exchange.lastPrice(instrument.symbol());
        boolean buy = side.startsWith("BUY");
        boolean market = priceType.equals("MARKET");
        BigDecimal orderPrice = market ? protectionPrice(instrument, last, buy) : price;
        boolean postOnly = !market && timeInForce.equals("LIMIT_MAKER");
        String tif = market ? "IOC" : postOnly ? "GTC" : timeInForce;
        int leverage = account.leverageOf(instrument);
        long now = exchange.now();
        OrderState order = new OrderState(exchange.nextId(), clientOrderId, account, instrument, side,
                postOnly ? "LIMIT_MAKER" : "LIMIT", priceType, tif, orderPrice, null, quantity, BigDecimal.ZERO, leverage,
                now, "NEW");
        if (order.opens()) {
            BigDecimal fee = orderPrice.multiply(quantity).multiply(instrument.contractMultiplier()).multiply(exchange.futuresTakerFee);
            if (account.available().compareTo(order.createMargin.add(fee)) < 0) {
                throw Rejection.of(Codes.INSUFFICIENT, "Insufficient asset");
            }
        } else if (account.closable(instrument, order.positionSide()).compareTo(quantity) < 0) {
            throw Rejection.of(Codes.POSITION_NOT_ENOUGH, "Position not enough");
        }
        account.futuresByClientId.put(clientOrderId, order);
        boolean crosses = !market && (buy ? orderPrice.compareTo(last) >= 0 : orderPrice.compareTo(last) <= 0);
        if (postOnly && crosses) {
            order.status = "REJECTED";
            exchange.add(order);
            exchange.emit(account, StreamEvents.contractExecution(order, null, exchange.nextId(), now));
            return order;
        }
        exchange.add(order);
        exchange.emit(account, StreamEvents.contractExecution(order, null, exchange.nextId(), now));
        exchange.futuresChanged(account);
        if (!order.opens()) {
            exchange.positionChanged(account, account.positionFor(instrument, order.positionSide()));
        }
        if (market || crosses) {
            fill(order, last, quantity, false);
        } else if (!tif.equals("GTC")) {
            cancel(order);
        }
        return order;
    }

    /** A market order's price: the last price moved by the MARKET_TRADING band (up for buys), on the tick. */
    private static BigDecimal protectionPrice(Instrument instrument, BigDecimal last, boolean buy) {
        BigDecimal banded = last.multiply(buy ? BigDecimal.ONE.add(instrument.priceBand()) : BigDecimal.ONE.subtract(instrument.priceBand()));
        BigDecimal ticks = banded.divide(instrument.tickSize(), 0, buy ? RoundingMode.CEILING : RoundingMode.FLOOR);
        return ticks.multiply(instrument.tickSize());
    }

    /** One execution: position, margin, balance (fee, realised PnL), the fill record and its pushes. */
    void fill(OrderState order, BigDecimal price, BigDecimal contracts, boolean maker) {
        Account account = order.account;
        Instrument instrument = order.instrument;
        BigDecimal notional = price.multiply(contracts).multiply(instrument.contractMultiplier());
        BigDecimal fee = notional.multiply(maker ? exchange.futuresMakerFee : exchange.futuresTakerFee);
        PositionState position = account.positionFor(instrument, order.positionSide());
        BigDecimal pnl = BigDecimal.ZERO;
        if (order.opens()) {
            BigDecimal held = position.contracts.add(contracts);
            position.averagePrice = position.averagePrice.multiply(position.contracts).add(price.multiply(contracts))
                    .divide(held, MathContext.DECIMAL64);
            position.contracts = held;
            position.margin = position.margin.add(notional.divide(BigDecimal.valueOf(order.leverage), MathContext.DECIMAL64));
            position.leverage = order.leverage;
            account.futuresWallet = account.futuresWallet.subtract(fee);
            position.realizedPnl = position.realizedPnl.subtract(fee);
        } else {
            BigDecimal move = position.isLong() ? price.subtract(position.averagePrice) : position.averagePrice.subtract(price);
            pnl = move.multiply(contracts).multiply(instrument.contractMultiplier());
            BigDecimal released = position.margin.multiply(contracts).divide(position.contracts, MathContext.DECIMAL64);
            position.contracts = position.contracts.subtract(contracts);
            position.margin = position.contracts.signum() == 0 ? BigDecimal.ZERO : position.margin.subtract(released);
            if (position.contracts.signum() == 0) {
                position.averagePrice = BigDecimal.ZERO;
            }
            account.futuresWallet = account.futuresWallet.add(pnl).subtract(fee);
            position.realizedPnl = position.realizedPnl.add(pnl).subtract(fee);
        }
        long now = exchange.now();
        order.executedQty = order.executedQty.add(contracts);
        order.cumulativeQuote = order.cumulativeQuote.add(price.multiply(contracts));
        order.updateTime = now;
        order.status = order.remaining().signum() == 0 ? "FILLED" : "PARTIALLY_FILLED";
        exchange.update(order);
        FillRecord fill = new FillRecord(exchange.nextId(), exchange.nextId(), exchange.nextId(), 0, order, price, contracts,
                fee, "USDT", maker, pnl, now);
        account.futuresFills.add(fill);
        exchange.emit(account, StreamEvents.ticket(fill, now));
        exchange.emit(account, StreamEvents.contractExecution(order, fill, 0, now));
        exchange.positionChanged(account, position);
    }

    private void cancel(OrderState order) {
        long now = exchange.now();
        order.updateTime = now;
        if (order.stop()) {
            order.status = "ORDER_CANCELED";
            exchange.update(order);
            return;
        }
        order.status = order.executedQty.signum() > 0 ? "PARTIALLY_CANCELED" : "CANCELED";
        exchange.update(order);
        exchange.emit(order.account, StreamEvents.contractExecution(order, null, exchange.nextId(), now));
        exchange.futuresChanged(order.account);
        if (!order.opens()) {
            PositionState position = order.account.positions.get(order.instrument.symbol() + "/" + order.positionSide());
            if (position != null) {
                exchange.positionChanged(order.account, position);
            }
        }
    }

    /** {@code GET /api/v1/futures/order}: {@code orderId} or {@code clientOrderId}, {@code type} STOP for STOP orders. */
    Reply query(Account account, Params params) {
        OrderState order = find(account, params);
        if (order == null) {
            throw Rejection.of(Codes.ORDER_NOT_FOUND, "Order not found");
        }
        return Reply.ok(order.stop() ? stopShape(order) : queryShape(order));
    }

    /**
     * {@code DELETE /api/v1/futures/order}: answers the order as it was before the cancel (the venue's reply shows
     * {@code NEW}) and pushes the cancel; a finished order is answered as it is; unknown → {@code -1143}.
     */
    Reply cancel(Account account, Params params) {
        OrderState order = find(account, params);
        if (order == null) {
            throw Rejection.of(Codes.ORDER_NOT_FOUND, "Order not found");
        }
        ObjectNode reply = order.stop() ? stopShape(order) : queryShape(order);
        if (order.working() || order.status.equals("ORDER_NEW")) {
            cancel(order);
        }
        return Reply.ok(reply);
    }

    /** {@code DELETE /api/v1/futures/batchOrders}: cancels the working LIMIT orders (not STOP orders) of {@code symbol}. */
    Reply cancelAll(Account account, Params params) {
        Instrument instrument = params.has("symbol") ? exchange.market(params, true) : null;
        futuresOrders(account).filter(o -> !o.stop() && o.working())
                .filter(o -> instrument == null || o.instrument.equals(instrument)).toList().forEach(this::cancel);
        return Reply.ok(Wire.object().put("message", "success").put("timestamp", Long.toString(exchange.now())).put("code", "0000"));
    }

    /** {@code GET /api/v1/futures/openOrders}: {@code type} LIMIT (default) or STOP, separate lists; newest first. */
    Reply openOrders(Account account, Params params) {
        Instrument instrument = params.has("symbol") ? exchange.market(params, true) : null;
        String type = params.has("type") ? params.required("type") : "LIMIT";
        if (!type.equals("LIMIT") && !type.equals("STOP")) {
            throw Rejection.of(Codes.UNSUPPORTED_ORDER_TYPE, "Unsupported order type");
        }
        boolean stops = type.equals("STOP");
        int limit = params.limit(500, 500);
        ArrayNode reply = Wire.JSON.createArrayNode();
        futuresOrders(account)
                .filter(o -> stops ? o.stop() && o.status.equals("ORDER_NEW") : !o.stop() && o.working())
                .filter(o -> instrument == null || o.instrument.equals(instrument))
                .sorted(Comparator.comparingLong((OrderState o) -> o.orderId).reversed())
                .limit(limit)
                .forEach(o -> reply.add(stops ? stopShape(o) : queryShape(o)));
        return Reply.ok(reply);
    }

    /** {@code GET /api/v1/futures/positions}: {@code symbol}, {@code side} optional; sides holding contracts. */
    Reply positions(Account account, Params params) {
        Instrument instrument = params.has("symbol") ? exchange.market(params, true) : null;
        String side = params.optional("side");
        ArrayNode reply = Wire.JSON.createArrayNode();
        for (PositionState p : account.positions.values()) {
            if (p.contracts.signum() == 0 || instrument != null && !p.instrument.equals(instrument) || side != null && !p.side.equals(side)) {
                continue;
            }
            BigDecimal last = exchange.lastPrice(p.instrument.symbol());
            reply.addObject()
                    .put("symbol", p.instrument.symbol())
                    .put("side", p.side)
                    .put("avgPrice", dec(p.averagePrice, 8))
                    .put("position", dec(p.contracts))
                    .put("available", dec(account.closable(p.instrument, p.side)))
                    .put("leverage", Integer.toString(p.leverage))
                    .put("lastPrice", dec(last))
                    .put("positionValue", dec(p.value(last), 4))
                    .put("liquidationPrice", dec(p.liquidationPrice(), 2))
                    .put("margin", dec(p.margin, 4))
                    .put("marginRate", "")
                    .put("unrealizedPnL", dec(p.unrealizedPnl(last), 4))
                    .put("profitRate", dec(p.profitRate(last), 4))
                    .put("realizedPnL", dec(p.realizedPnl, 4))
                    .put("minMargin", dec(p.minMargin(last), 4));
        }
        return Reply.ok(reply);
    }

    /**
     * {@code POST /api/v1/futures/leverage}: a whole {@code leverage} from 1 to the symbol's cap (1 / first tier's
     * initial margin); above it → {@code -2043}; success {@code {"code":"0000","symbolId","leverage"}}.
     */
    Reply setLeverage(Account account, Params params) {
        Instrument instrument = exchange.market(params, true);
        BigDecimal requested = params.decimal("leverage");
        if (requested.signum() <= 0 || requested.stripTrailingZeros().scale() > 0) {
            throw Rejection.missing("leverage");
        }
        if (requested.compareTo(BigDecimal.valueOf(exchange.maxLeverage(instrument.symbol()))) > 0) {
            throw Rejection.of(Codes.MAX_LEVERAGE, "Maximum allowed leverage reached, please lower your leverage");
        }
        int leverage = requested.intValueExact();
        account.leverages.put(instrument.symbol(), leverage);
        return Reply.ok(Wire.object().put("code", "0000").put("symbolId", instrument.symbol()).put("leverage", Integer.toString(leverage)));
    }

    /** {@code GET /api/v1/futures/leverage}: {@code [{"symbolId","leverage","marginType":"CROSS"}]}. */
    Reply leverage(Account account, Params params) {
        Instrument only = params.has("symbol") ? exchange.market(params, true) : null;
        ArrayNode reply = Wire.JSON.createArrayNode();
        for (Instrument instrument : exchange.instruments()) {
            if (instrument.perpetual() && (only == null || only.equals(instrument))) {
                reply.addObject().put("symbolId", instrument.symbol())
                        .put("leverage", Integer.toString(account.leverageOf(instrument))).put("marginType", "CROSS");
            }
        }
        return Reply.ok(reply);
    }

    /**
     * {@code GET /api/v1/futures/userTrades}: {@code symbol} required; {@code limit} default 20, at most 1000; as
     * recorded: no {@code clientOrderId}, the maker flag spelled {@code isMarker}; newest first.
     */
    Reply userTrades(Account account, Params params) {
        Instrument instrument = exchange.market(params, true);
        var selected = Paging.select(account.futuresFills.stream().filter(f -> f.order().instrument.equals(instrument)),
                params, params.limit(20, 1000));
        ArrayNode reply = Wire.JSON.createArrayNode();
        for (FillRecord fill : selected) {
            OrderState order = fill.order();
            reply.addObject()
                    .put("time", Long.toString(fill.time()))
                    .put("tradeId", Long.toString(fill.tradeId()))
                    .put("orderId", Long.toString(order.orderId))
                    .put("symbol", instrument.symbol())
                    .put("price", dec(fill.price()))
                    .put("quantity", dec(fill.quantity()))
                    .put("commissionAsset", fill.commissionAsset())
                    .put("commission", dec(fill.commission()))
                    .put("makerRebate", "0")
                    .put("type", order.market() ? "MARKET" : "LIMIT")
                    .put("side", order.side)
                    .put("realizedPnl", dec(fill.realizedPnl()))
                    .put("isMarker", fill.maker());
        }
        return Reply.ok(reply);
    }

    /** {@code GET /api/v1/futures/balance}. */
    Reply balance(Account account) {
        ArrayNode reply = Wire.JSON.createArrayNode();
        reply.addObject()
                .put("balance", Wire.dec(account.futuresWallet, 8))
                .put("availableBalance", Wire.dec(account.available(), 8))
                .put("positionMargin", Wire.dec(account.positionMargin(), 8))
                .put("orderMargin", Wire.dec(account.orderMargin(), 8))
                .put("asset", "USDT")
                .put("crossUnRealizedPnl", Wire.dec(account.unrealizedPnl(), 8));
        return Reply.ok(reply);
    }

    /** {@code GET /api/v1/futures/commissionRate}. */
    Reply commissionRate(Params params) {
        exchange.market(params, true);
        return Reply.ok(Wire.object()
                .put("openMakerFee", dec(exchange.futuresMakerFee))
                .put("openTakerFee", dec(exchange.futuresTakerFee))
                .put("closeMakerFee", dec(exchange.futuresMakerFee))
                .put("closeTakerFee", dec(exchange.futuresTakerFee)));
    }

    private static Stream<OrderState> futuresOrders(Account account) {
        return account.orders.values().stream().filter(OrderState::perpetual);
    }

    /**
     * The order named by {@code orderId} or {@code clientOrderId}; {@code type=STOP} looks among STOP orders,
     * {@code type=LIMIT} among the others, no type among the others first; neither id → 0001.
     */
    private static OrderState find(Account account, Params params) {
        String type = params.optional("type");
        if (type != null && !type.equals("LIMIT") && !type.equals("STOP")) {
            throw Rejection.of(Codes.UNSUPPORTED_ORDER_TYPE, "Unsupported order type");
        }
        Long orderId = params.optionalLong("orderId");
        if (orderId != null) {
            OrderState order = account.orders.get(orderId);
            if (order == null || !order.perpetual() || type != null && order.stop() != type.equals("STOP")) {
                return null;
            }
            return order;
        }
        String clientOrderId = params.optional("clientOrderId");
        if (clientOrderId == null) {
            throw Rejection.missing("orderId");
        }
        if ("STOP".equals(type)) {
            return account.stopsByClientId.get(clientOrderId);
        }
        OrderState order = account.futuresByClientId.get(clientOrderId);
        return order != null || type != null ? order : account.stopsByClientId.get(clientOrderId);
    }

    /** The create reply ({@code futures-order-create*.json}): {@code avgPrice} "0" even when already FILLED. */
    private static ObjectNode createShape(OrderState o) {
        ObjectNode reply = common(o);
        reply.put("executedQty", dec(o.executedQty));
        reply.put("avgPrice", "0");
        reply.put("marginLocked", dec(o.createMargin, 4));
        tail(reply, o);
        reply.put("contractMultiplier", o.instrument.contractMultiplier().setScale(8, RoundingMode.UNNECESSARY).toPlainString());
        return reply;
    }

    /** The query / open orders / cancel reply ({@code futures-order-query.json}). */
    private static ObjectNode queryShape(OrderState o) {
        ObjectNode reply = common(o);
        reply.put("executedQty", dec(o.executedQty));
        reply.put("avgPrice", dec(o.averagePrice()));
        reply.put("marginLocked", dec(o.lockedMargin(), 4));
        tail(reply, o);
        reply.put("isLiquidationOrder", false);
        reply.put("indexPrice", "0");
        reply.put("liquidationType", "");
        return reply;
    }

    private static ObjectNode common(OrderState o) {
        ObjectNode reply = Wire.object();
        reply.put("time", Long.toString(o.time));
        reply.put("updateTime", Long.toString(o.updateTime));
        reply.put("orderId", Long.toString(o.orderId));
        reply.put("clientOrderId", o.clientOrderId);
        reply.put("symbol", o.instrument.symbol());
        reply.put("price", dec(o.price));
        reply.put("leverage", Integer.toString(o.leverage));
        reply.put("origQty", dec(o.origQty));
        return reply;
    }

    private static void tail(ObjectNode reply, OrderState o) {
        reply.put("type", o.type);
        reply.put("side", o.side);
        reply.put("timeInForce", o.timeInForce);
        reply.put("status", o.status);
        reply.put("priceType", o.priceType);
    }

    /** A STOP order ({@code futures-order-create-stop.json}): leverage "0", no executedQty/avgPrice/priceType. */
    private static ObjectNode stopShape(OrderState o) {
        ObjectNode reply = Wire.object();
        reply.put("time", Long.toString(o.time));
        reply.put("updateTime", Long.toString(o.updateTime));
        reply.put("orderId", Long.toString(o.orderId));
        reply.put("accountId", Long.toString(o.account.futuresAccountId));
        reply.put("clientOrderId", o.clientOrderId);
        reply.put("symbol", o.instrument.symbol());
        reply.put("price", dec(o.price));
        reply.put("leverage", "0");
        reply.put("origQty", dec(o.origQty));
        reply.put("type", "STOP");
        reply.put("side", o.side);
        reply.put("status", o.status);
        reply.put("stopPrice", dec(o.stopPrice));
        return reply;
    }
}
