package io.agenthub.gateway.hashkey;

import io.agenthub.core.broker.AccountState;
import io.agenthub.core.broker.Broker;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;
import io.agenthub.gateway.hashkey.http.HashKeyRest;
import io.agenthub.gateway.hashkey.parse.HashKeyParse;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An account's USDT perpetuals at HashKey Global as the broker port. Base quantities become whole contracts
 * ({@code contractMultiplier}); sides become {@code BUY_OPEN}/{@code SELL_OPEN} and, for reduce-only orders,
 * {@code SELL_CLOSE}/{@code BUY_CLOSE}; a market order is a {@code LIMIT} with {@code priceType=MARKET}; stops are
 * {@code STOP} orders with {@code stopPrice}. The leverage of each symbol is set before its first order at a new
 * leverage, and refused here, with the venue's cap named, above the highest leverage of the contract's first risk tier.
 * Fills name only the venue's order id; the client order id is remembered from the orders placed, or asked for.
 */
public final class HashKeyPerpetualBroker implements Broker {

    public static final String LEVERAGE_CAP = "LEVERAGE_ABOVE_VENUE_CAP";

    private final HashKeyRest rest;
    private final HashKeyMarkets markets;
    private final HashKeySession session;
    private final Map<Symbol, Integer> leverage = new ConcurrentHashMap<>();
    private final Map<String, ClientOrderId> clientIds = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClientOrderId> eldest) {
            return size() > 4096;
        }
    });
    private final Set<ClientOrderId> stops = ConcurrentHashMap.newKeySet();

    HashKeyPerpetualBroker(HashKeyRest rest, HashKeyMarkets markets, HashKeySession session) {
        this.rest = rest;
        this.markets = markets;
        this.session = session;
    }

    @Override
    public String venue() {
        return HashKeySpotBroker.VENUE;
    }

    @Override
    public VenueOrder submit(OrderCommand c) {
        SymbolRules rules = markets.perpetual(c.symbol());
        if (c.leverage() > rules.maxLeverage()) {
            throw BrokerException.refused(LEVERAGE_CAP, "leverage " + c.leverage() + " is above HashKey's cap of " + rules.maxLeverage()
                    + "x for " + rules.symbol() + " (first risk tier)");
        }
        long contracts = rules.contracts(c.quantity());
        if (contracts < 1) {
            throw BrokerException.refused("LOT_SIZE", rules.symbol() + ": " + c.quantity().toPlainString() + " is less than one contract of "
                    + rules.contractMultiplier().toPlainString());
        }
        ensureLeverage(c.symbol(), rules, c.leverage());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", rules.symbol());
        params.put("side", c.side().name() + (c.reduceOnly() ? "_CLOSE" : "_OPEN"));
        switch (c.type()) {
            case MARKET -> {
                params.put("type", "LIMIT");
                params.put("priceType", "MARKET");
            }
            case LIMIT -> {
                params.put("type", "LIMIT");
                params.put("priceType", "INPUT");
                params.put("price", price(rules, c.limitPrice(), c.side()));
                params.put("timeInForce", c.timeInForce().name());
            }
            case STOP_MARKET -> {
                params.put("type", "STOP");
                params.put("priceType", "MARKET");
                params.put("stopPrice", price(rules, c.stopPrice(), c.side()));
            }
            case STOP_LIMIT -> {
                params.put("type", "STOP");
                params.put("priceType", "INPUT");
                params.put("price", price(rules, c.limitPrice(), c.side()));
                params.put("stopPrice", price(rules, c.stopPrice(), c.side()));
            }
        }
        params.put("quantity", Long.toString(contracts));
        params.put("clientOrderId", c.clientOrderId().value());
        if (c.type().hasStopPrice()) {
            stops.add(c.clientOrderId());
        }
        VenueOrder order = HashKeyParse.futuresOrder(rest.post("/api/v1/futures/order", params, HashKeyRest.Kind.ORDER), rules);
        clientIds.put(order.venueOrderId(), order.clientOrderId());
        return order;
    }

    private static String price(SymbolRules rules, BigDecimal price, Side side) {
        return rules.roundPrice(price, side == Side.BUY).toPlainString();
    }

    /** Sets the symbol's leverage at the venue unless it is known to be set already. */
    private void ensureLeverage(Symbol symbol, SymbolRules rules, int wanted) {
        if (Integer.valueOf(wanted).equals(leverage.get(symbol))) {
            return;
        }
        try {
            JsonNode reply = rest.post("/api/v1/futures/leverage", Map.of("symbol", rules.symbol(), "leverage", Integer.toString(wanted)),
                    HashKeyRest.Kind.ORDER);
            int set = reply.path("leverage").asInt(-1);
            if (set != wanted) {
                throw BrokerException.refused(LEVERAGE_CAP, "HashKey set leverage " + set + " for " + rules.symbol() + " when asked for " + wanted);
            }
        } catch (BrokerException e) {
            if ("-2043".equals(e.code())) {
                throw BrokerException.refused(LEVERAGE_CAP, "HashKey refuses leverage " + wanted + " for " + rules.symbol() + ": " + e.getMessage());
            }
            if (e.outcome() == BrokerException.Outcome.UNKNOWN) {
                leverage.remove(symbol);
            }
            throw e;
        }
        leverage.put(symbol, wanted);
    }

    @Override
    public VenueOrder cancel(Symbol symbol, ClientOrderId id) {
        SymbolRules rules = markets.perpetual(symbol);
        String type = stops.contains(id) ? "STOP" : "LIMIT";
        return ClientIdCalls.cancel(id, () -> rest.delete("/api/v1/futures/order", Map.of("clientOrderId", id.value(), "type", type, "symbol",
                rules.symbol()), HashKeyRest.Kind.ORDER), () -> order(symbol, id));
    }

    @Override
    public Optional<VenueOrder> order(Symbol symbol, ClientOrderId id) {
        SymbolRules rules = markets.perpetual(symbol);
        List<String> types = stops.contains(id) ? List.of("STOP", "LIMIT") : List.of("LIMIT", "STOP");
        for (String type : types) {
            try {
                VenueOrder order = HashKeyParse.futuresOrder(rest.get("/api/v1/futures/order", Map.of("clientOrderId", id.value(), "type", type),
                        HashKeyRest.Kind.QUERY), rules);
                clientIds.put(order.venueOrderId(), order.clientOrderId());
                if (type.equals("STOP")) {
                    stops.add(id);
                }
                return Optional.of(order);
            } catch (BrokerException e) {
                if (!ClientIdCalls.notFound(e)) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<VenueOrder> openOrders(Symbol symbol) {
        SymbolRules rules = markets.perpetual(symbol);
        List<VenueOrder> open = new ArrayList<>();
        for (String type : List.of("LIMIT", "STOP")) {
            open.addAll(HashKeyParse.orders(rest.get("/api/v1/futures/openOrders", Map.of("symbol", rules.symbol(), "type", type),
                    HashKeyRest.Kind.QUERY), o -> HashKeyParse.futuresOrder(o, rules)));
        }
        open.forEach(o -> clientIds.put(o.venueOrderId(), o.clientOrderId()));
        return open;
    }

    @Override
    public List<Execution> executions(Symbol symbol, long fromTime) {
        SymbolRules rules = markets.perpetual(symbol);
        JsonNode trades = rest.get("/api/v1/futures/userTrades", Map.of("symbol", rules.symbol(), "startTime", Long.toString(fromTime),
                "limit", "1000"), HashKeyRest.Kind.QUERY);
        List<Execution> fills = new ArrayList<>();
        for (JsonNode trade : trades) {
            fills.add(HashKeyParse.futuresTrade(trade, clientId(HashKeyParse.text(trade, "orderId"), rules), rules));
        }
        fills.sort(Comparator.comparingLong(e -> e.fill().time()));
        return fills;
    }

    /** The client order id of a venue order id: remembered, else asked for. */
    private ClientOrderId clientId(String orderId, SymbolRules rules) {
        ClientOrderId known = clientIds.get(orderId);
        if (known != null) {
            return known;
        }
        VenueOrder order = HashKeyParse.futuresOrder(rest.get("/api/v1/futures/order", Map.of("orderId", orderId), HashKeyRest.Kind.QUERY), rules);
        clientIds.put(orderId, order.clientOrderId());
        return order.clientOrderId();
    }

    @Override
    public AccountState account() {
        return new AccountState(HashKeyParse.futuresBalances(rest.get("/api/v1/futures/balance", Map.of(), HashKeyRest.Kind.QUERY)),
                HashKeyParse.futuresPositions(rest.get("/api/v1/futures/positions", Map.of(), HashKeyRest.Kind.QUERY), markets::rules));
    }

    @Override
    public void subscribe(Consumer<OrderUpdate> listener) {
        session.onPerpetual(listener);
    }

    void remember(VenueOrder order) {
        clientIds.put(order.venueOrderId(), order.clientOrderId());
    }
}
