package io.agenthub.gateway.hashkey;

import io.agenthub.core.broker.AccountState;
import io.agenthub.core.broker.Balance;
import io.agenthub.core.broker.Broker;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;
import io.agenthub.gateway.hashkey.http.HashKeyRest;
import io.agenthub.gateway.hashkey.parse.HashKeyParse;
import io.agenthub.gateway.hashkey.parse.HashKeySymbols;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An account's spot trading at HashKey Global as the broker port: market and limit orders (v1.1 order endpoint, by base
 * quantity, client order id {@code newClientOrderId}), fitted to the symbol's rules before they are sent. Spot holds no
 * shorts and no leverage, and knows no stop orders: those are refused here, clearly, rather than by the venue. A
 * reduce-only sell is checked against the base asset the account holds.
 */
public final class HashKeySpotBroker implements Broker {

    static final String VENUE = "hashkey";

    private final HashKeyRest rest;
    private final HashKeyMarkets markets;
    private final HashKeySession session;

    HashKeySpotBroker(HashKeyRest rest, HashKeyMarkets markets, HashKeySession session) {
        this.rest = rest;
        this.markets = markets;
        this.session = session;
    }

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public VenueOrder submit(OrderCommand c) {
        if (c.type().hasStopPrice()) {
            throw BrokerException.refused("UNSUPPORTED_ORDER_TYPE", "HashKey Global spot takes no stop orders; trade the perpetual for stops");
        }
        if (c.leverage() > 1) {
            throw BrokerException.refused("LEVERAGE_ON_SPOT", "spot trades without leverage; leverage " + c.leverage() + " needs the perpetual");
        }
        SymbolRules rules = markets.spot(c.symbol());
        if (c.reduceOnly()) {
            if (c.side() == Side.BUY) {
                throw BrokerException.refused("REDUCE_ONLY", "spot holds no short position for a reduce-only buy to reduce");
            }
            BigDecimal free = account().balance(c.symbol().base()).map(Balance::free).orElse(BigDecimal.ZERO);
            if (free.compareTo(c.quantity()) < 0) {
                throw BrokerException.refused("REDUCE_ONLY", "reduce-only sell of " + c.quantity().toPlainString() + " " + c.symbol().base()
                        + " but the account holds " + free.toPlainString() + " free");
            }
        }
        BigDecimal price = c.type() == OrderType.LIMIT ? c.limitPrice() : c.referencePrice();
        SymbolRules.Fitted fitted = rules.fit(c.quantity(), price, c.side() == Side.BUY);
        if (fitted instanceof SymbolRules.Refused refused) {
            throw BrokerException.refused(refused.reason().contains("MIN_NOTIONAL") ? "MIN_NOTIONAL" : "LOT_SIZE", refused.reason());
        }
        SymbolRules.Accepted accepted = (SymbolRules.Accepted) fitted;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", rules.symbol());
        params.put("side", c.side().name());
        params.put("type", c.type() == OrderType.MARKET ? "MARKET" : "LIMIT");
        params.put("quantity", accepted.quantity().toPlainString());
        if (c.type() == OrderType.LIMIT) {
            params.put("price", accepted.price().toPlainString());
            params.put("timeInForce", c.timeInForce().name());
        }
        params.put("newClientOrderId", c.clientOrderId().value());
        return HashKeyParse.spotOrder(rest.post("/api/v1.1/spot/order", params, HashKeyRest.Kind.ORDER), rules);
    }

    @Override
    public VenueOrder cancel(Symbol symbol, ClientOrderId id) {
        return ClientIdCalls.cancel(id, () -> rest.delete("/api/v1/spot/order", Map.of("clientOrderId", id.value()), HashKeyRest.Kind.ORDER),
                () -> order(symbol, id));
    }

    @Override
    public Optional<VenueOrder> order(Symbol symbol, ClientOrderId id) {
        try {
            return Optional.of(HashKeyParse.spotOrder(rest.get("/api/v1/spot/order", Map.of("origClientOrderId", id.value()),
                    HashKeyRest.Kind.QUERY), markets.spot(symbol)));
        } catch (BrokerException e) {
            if (ClientIdCalls.notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<VenueOrder> openOrders(Symbol symbol) {
        SymbolRules rules = markets.spot(symbol);
        return HashKeyParse.orders(rest.get("/api/v1/spot/openOrders", Map.of("symbol", rules.symbol()), HashKeyRest.Kind.QUERY),
                o -> HashKeyParse.spotOrder(o, rules));
    }

    @Override
    public List<Execution> executions(Symbol symbol, long fromTime) {
        SymbolRules rules = markets.spot(symbol);
        JsonNode trades = rest.get("/api/v1/account/trades", Map.of("symbol", rules.symbol(), "startTime", Long.toString(fromTime),
                "limit", "1000"), HashKeyRest.Kind.QUERY);
        List<Execution> fills = new ArrayList<>();
        for (JsonNode trade : trades) {
            fills.add(HashKeyParse.spotTrade(trade, rules));
        }
        fills.sort(Comparator.comparingLong(e -> e.fill().time()));
        return fills;
    }

    @Override
    public AccountState account() {
        return new AccountState(HashKeyParse.spotBalances(rest.get("/api/v1/account", Map.of(), HashKeyRest.Kind.QUERY)), List.of());
    }

    @Override
    public void subscribe(Consumer<OrderUpdate> listener) {
        session.onSpot(listener);
    }

    /** The spot rules of the venue symbol of a stream event. */
    SymbolRules rules(String venueSymbol) {
        return markets.rules(venueSymbol);
    }

    static String venueSymbol(Symbol symbol) {
        return HashKeySymbols.spot(symbol);
    }
}
