package io.agenthub.gateway.hashkey.parse;

import io.agenthub.core.broker.Balance;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.broker.VenuePosition;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.core.trading.Side;
import io.agenthub.gateway.hashkey.SymbolRules;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * HashKey Global's JSON (REST replies and private stream events) as the broker port's types. Quantities become base
 * quantities (a perpetual's contracts times the contract multiplier) and fees become the quote asset's: a spot buy
 * that pays its fee in the base asset books the sellable quantity (what it bought less the fee, down to the lot step)
 * and the rest of it as fee, so that what an agent believes it holds is what it can sell. A field the venue must send
 * and did not, or a status we do not know, fails loudly: guessing would misreport an order.
 */
public final class HashKeyParse {

    private HashKeyParse() {
    }

    // ---------------------------------------------------------------- orders

    /** A spot order from a create, query, cancel or open-orders reply. */
    public static VenueOrder spotOrder(JsonNode o, SymbolRules rules) {
        Symbol symbol = HashKeySymbols.parse(text(o, "symbol"));
        BigDecimal quantity = decimal(o, "origQty");
        BigDecimal executed = decimal(o, "executedQty");
        if (quantity.signum() == 0) {
            quantity = executed;
        }
        BigDecimal average = positiveOrNull(o, "avgPrice");
        if (average == null && executed.signum() > 0 && o.has("cumulativeQuoteQty")) {
            average = decimal(o, "cumulativeQuoteQty").divide(executed, 12, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
        return new VenueOrder(new ClientOrderId(text(o, "clientOrderId")), text(o, "orderId"), symbol, side(text(o, "side")), spotType(text(o, "type")),
                quantity, positiveOrNull(o, "price"), null, status(text(o, "status"), executed), executed, average, null, null,
                time(o, "updateTime", "transactTime", "time"), null);
    }

    /** A perpetual order from a create, query, cancel or open-orders reply (limit or stop shape). */
    public static VenueOrder futuresOrder(JsonNode o, SymbolRules rules) {
        Symbol symbol = HashKeySymbols.parse(text(o, "symbol"));
        BigDecimal multiplier = rules.contractMultiplier();
        BigDecimal quantity = decimal(o, "origQty").multiply(multiplier);
        BigDecimal executed = o.has("executedQty") ? decimal(o, "executedQty").multiply(multiplier) : BigDecimal.ZERO;
        String type = text(o, "type");
        OrderType orderType;
        if (type.equals("STOP")) {
            orderType = o.path("priceType").asString("MARKET").equals("INPUT") ? OrderType.STOP_LIMIT : OrderType.STOP_MARKET;
        } else {
            orderType = o.path("priceType").asString("INPUT").equals("MARKET") ? OrderType.MARKET : OrderType.LIMIT;
        }
        BigDecimal price = orderType.hasLimitPrice() ? positiveOrNull(o, "price") : null;
        if (orderType.hasLimitPrice() && price == null) {
            throw new IllegalArgumentException("futures order " + text(o, "orderId") + ": a " + type + " order without a price");
        }
        BigDecimal stop = orderType.hasStopPrice() ? positiveOrNull(o, "stopPrice") : null;
        if (orderType.hasStopPrice() && stop == null) {
            throw new IllegalArgumentException("futures order " + text(o, "orderId") + ": a stop order without stopPrice");
        }
        return new VenueOrder(new ClientOrderId(text(o, "clientOrderId")), text(o, "orderId"), symbol, side(text(o, "side")), orderType,
                quantity, price, stop, status(text(o, "status"), executed), executed, positiveOrNull(o, "avgPrice"), null, null,
                time(o, "updateTime", "time"), null);
    }

    public static List<VenueOrder> orders(JsonNode array, java.util.function.Function<JsonNode, VenueOrder> parse) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected a list of orders, got " + array.getNodeType());
        }
        List<VenueOrder> orders = new ArrayList<>();
        array.forEach(o -> orders.add(parse.apply(o)));
        return orders;
    }

    private static OrderType spotType(String type) {
        return switch (type) {
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT", "LIMIT_MAKER" -> OrderType.LIMIT;
            default -> throw new IllegalArgumentException("unknown spot order type '" + type + "'");
        };
    }

    /** Our side of a spot side or a perpetual's BUY_OPEN, SELL_OPEN, BUY_CLOSE, SELL_CLOSE. */
    public static Side side(String side) {
        if (side.startsWith("BUY")) {
            return Side.BUY;
        }
        if (side.startsWith("SELL")) {
            return Side.SELL;
        }
        throw new IllegalArgumentException("unknown order side '" + side + "'");
    }

    /**
     * The venue's status in ours. A cancel still pending is open; a stop order's own vocabulary ({@code ORDER_NEW}, ...)
     * maps like the others.
     */
    public static OrderStatus status(String status, BigDecimal executed) {
        return switch (status) {
            case "PENDING_NEW", "NEW", "ORDER_NEW", "PENDING_CANCEL" -> executed.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
            case "FILLED", "ORDER_FILLED" -> OrderStatus.FILLED;
            case "CANCELED", "CANCELLED", "PARTIALLY_CANCELED", "ORDER_CANCELED", "EXPIRED" -> OrderStatus.CANCELLED;
            case "REJECTED", "ORDER_REJECTED" -> OrderStatus.REJECTED;
            default -> throw new IllegalArgumentException("unknown order status '" + status + "'");
        };
    }

    // ---------------------------------------------------------------- fills

    /** A spot fill from {@code GET /api/v1/account/trades}. */
    public static Execution spotTrade(JsonNode t, SymbolRules rules) {
        Symbol symbol = HashKeySymbols.parse(text(t, "symbol"));
        Side side = t.path("isBuyer").asBoolean() ? Side.BUY : Side.SELL;
        boolean maker = t.path("isMaker").asBoolean(t.path("isMarker").asBoolean(false));
        return spotExecution(new ClientOrderId(text(t, "clientOrderId")), symbol, text(t, "orderId"), "t" + text(t, "id"), side,
                decimal(t, "price"), decimal(t, "qty"), decimal(t, "commission"), t.path("commissionAsset").asString(""), maker,
                time(t, "time"), rules);
    }

    /**
     * A perpetual fill from {@code GET /api/v1/futures/userTrades} (which names no client order id: the caller knows it
     * from the venue's order id).
     */
    public static Execution futuresTrade(JsonNode t, ClientOrderId clientOrderId, SymbolRules rules) {
        Symbol symbol = HashKeySymbols.parse(text(t, "symbol"));
        boolean maker = t.has("isMarker") ? t.path("isMarker").asBoolean() : t.path("isMaker").asBoolean(false);
        BigDecimal quantity = decimal(t, "quantity").multiply(rules.contractMultiplier());
        BigDecimal fee = decimal(t, "commission");
        Fill fill = new Fill(clientOrderId, side(text(t, "side")), decimal(t, "price"), quantity, fee, maker ? Liquidity.MAKER : Liquidity.TAKER,
                time(t, "time"));
        return new Execution(fill, symbol, text(t, "orderId"), "t" + text(t, "tradeId"), t.path("commissionAsset").asString(symbol.quote()),
                quantity);
    }

    /**
     * A spot fill in our terms. A buy whose fee is taken from the base asset books what it can sell: the quantity less
     * the fee, rounded down to the lot step, the rest being its cost; a fee in a third asset is not converted (zero
     * here, the asset named).
     */
    static Execution spotExecution(ClientOrderId id, Symbol symbol, String orderId, String tradeId, Side side, BigDecimal price,
                                   BigDecimal quantity, BigDecimal commission, String commissionAsset, boolean maker, long time,
                                   SymbolRules rules) {
        BigDecimal booked = quantity;
        BigDecimal fee;
        if (commissionAsset.equals(symbol.base())) {
            booked = rules.stepDown(quantity.subtract(commission));
            fee = quantity.subtract(booked).multiply(price).setScale(8, RoundingMode.HALF_UP);
        } else if (commissionAsset.isEmpty() || commissionAsset.equals(symbol.quote())) {
            fee = commission;
        } else {
            fee = BigDecimal.ZERO;
        }
        if (booked.signum() <= 0) {
            throw new IllegalArgumentException("spot fill " + tradeId + " of " + quantity.toPlainString() + " leaves nothing after its fee");
        }
        Fill fill = new Fill(id, side, price, booked, fee, maker ? Liquidity.MAKER : Liquidity.TAKER, time);
        return new Execution(fill, symbol, orderId, tradeId, commissionAsset.isEmpty() ? symbol.quote() : commissionAsset, quantity);
    }

    // ---------------------------------------------------------------- stream events

    /** What a private stream order event says: the order as it now stands, and the fill in it if there was one. */
    public record OrderEvent(VenueOrder order, Execution execution) {
    }

    /** A spot {@code executionReport}. */
    public static OrderEvent executionReport(JsonNode e, SymbolRules rules) {
        Symbol symbol = HashKeySymbols.parse(text(e, "s"));
        BigDecimal executed = decimal(e, "z");
        BigDecimal quantity = decimal(e, "q");
        ClientOrderId id = new ClientOrderId(text(e, "c"));
        OrderType type = spotType(text(e, "o"));
        VenueOrder order = new VenueOrder(id, text(e, "i"), symbol, side(text(e, "S")), type, quantity.signum() == 0 ? executed : quantity,
                type == OrderType.LIMIT ? positiveOrNull(e, "p") : null, null, status(text(e, "X"), executed), executed, positiveOrNull(e, "V"),
                null, null, time(e, "E"), null);
        BigDecimal last = e.has("l") ? decimal(e, "l") : BigDecimal.ZERO;
        if (last.signum() <= 0) {
            return new OrderEvent(order, null);
        }
        Execution execution = spotExecution(id, symbol, text(e, "i"), "d" + text(e, "d"), order.side(), decimal(e, "L"), last,
                decimalOrZero(e, "n"), e.path("N").asString(""), e.path("m").asBoolean(false), time(e, "E"), rules);
        return new OrderEvent(order, execution);
    }

    /** A perpetual {@code contractExecutionReport} (quantities in contracts, fee in the margin asset). */
    public static OrderEvent contractExecutionReport(JsonNode e, SymbolRules rules) {
        Symbol symbol = HashKeySymbols.parse(text(e, "s"));
        BigDecimal multiplier = rules.contractMultiplier();
        BigDecimal executed = decimal(e, "z").multiply(multiplier);
        ClientOrderId id = new ClientOrderId(text(e, "c"));
        VenueOrder order = new VenueOrder(id, text(e, "i"), symbol, side(text(e, "S")), OrderType.LIMIT, decimal(e, "q").multiply(multiplier),
                positiveOrNull(e, "p"), null, status(text(e, "X"), executed), executed, positiveOrNull(e, "V"), null, null, time(e, "E"), null);
        BigDecimal last = e.has("l") ? decimal(e, "l") : BigDecimal.ZERO;
        if (last.signum() <= 0) {
            return new OrderEvent(order, null);
        }
        BigDecimal quantity = last.multiply(multiplier);
        Fill fill = new Fill(id, order.side(), decimal(e, "L"), quantity, decimalOrZero(e, "n"),
                e.path("m").asBoolean(false) ? Liquidity.MAKER : Liquidity.TAKER, time(e, "E"));
        return new OrderEvent(order, new Execution(fill, symbol, text(e, "i"), "d" + text(e, "d"), e.path("N").asString(symbol.quote()), quantity));
    }

    // ---------------------------------------------------------------- account

    /** {@code GET /api/v1/account}: the spot balances. */
    public static List<Balance> spotBalances(JsonNode reply) {
        JsonNode balances = reply.path("balances");
        if (!balances.isArray()) {
            throw new IllegalArgumentException("account reply without balances");
        }
        List<Balance> list = new ArrayList<>();
        for (JsonNode b : balances) {
            list.add(new Balance(text(b, "asset"), decimal(b, "total"), decimal(b, "free"), decimal(b, "locked")));
        }
        return list;
    }

    /** {@code GET /api/v1/futures/balance}: the margin balances (locked: position and order margin). */
    public static List<Balance> futuresBalances(JsonNode reply) {
        if (!reply.isArray()) {
            throw new IllegalArgumentException("futures balance reply is not a list");
        }
        List<Balance> list = new ArrayList<>();
        for (JsonNode b : reply) {
            BigDecimal total = decimal(b, "balance");
            BigDecimal locked = decimalOrZero(b, "positionMargin").add(decimalOrZero(b, "orderMargin"));
            list.add(new Balance(text(b, "asset"), total, decimal(b, "availableBalance"), locked));
        }
        return list;
    }

    /** {@code GET /api/v1/futures/positions}: one entry per contract and side (a flat side is left out). */
    public static List<VenuePosition> futuresPositions(JsonNode reply, java.util.function.Function<String, SymbolRules> rules) {
        if (!reply.isArray()) {
            throw new IllegalArgumentException("futures positions reply is not a list");
        }
        List<VenuePosition> list = new ArrayList<>();
        for (JsonNode p : reply) {
            BigDecimal contracts = decimal(p, "position");
            if (contracts.signum() == 0) {
                continue;
            }
            String venueSymbol = text(p, "symbol");
            PositionSide side = switch (text(p, "side")) {
                case "LONG" -> PositionSide.LONG;
                case "SHORT" -> PositionSide.SHORT;
                default -> throw new IllegalArgumentException("unknown position side '" + text(p, "side") + "'");
            };
            list.add(new VenuePosition(HashKeySymbols.parse(venueSymbol), side, contracts.multiply(rules.apply(venueSymbol).contractMultiplier()),
                    positiveOrNull(p, "avgPrice"), p.path("leverage").asInt(1), p.has("liquidationPrice") ? decimal(p, "liquidationPrice") : null,
                    decimalOrZero(p, "margin"), decimalOrZero(p, "unrealizedPnL")));
        }
        return list;
    }

    // ---------------------------------------------------------------- fields

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.asString("").isEmpty()) {
            throw new IllegalArgumentException("HashKey reply without '" + field + "': " + abbreviate(node));
        }
        return value.asString();
    }

    public static BigDecimal decimal(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HashKey reply field '" + field + "' is not a number: '" + text + "'");
        }
    }

    private static BigDecimal decimalOrZero(JsonNode node, String field) {
        String text = node.path(field).asString("");
        return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    }

    private static BigDecimal positiveOrNull(JsonNode node, String field) {
        String text = node.path(field).asString("");
        if (text.isEmpty()) {
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        return value.signum() > 0 ? value.stripTrailingZeros() : null;
    }

    private static long time(JsonNode node, String... fields) {
        for (String field : fields) {
            String text = node.path(field).asString("");
            if (!text.isEmpty() && !text.equals("0")) {
                return Long.parseLong(text);
            }
        }
        throw new IllegalArgumentException("HashKey reply without a time (" + String.join(", ", fields) + "): " + abbreviate(node));
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
