package io.agenthub.gateway.hashkey;

import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.market.Symbol;
import io.agenthub.gateway.hashkey.parse.HashKeySymbols;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * HashKey Global's symbol rules ({@code exchangeInfo}) for spot symbols and perpetual contracts, read once and again
 * every {@code refresh}, or at once when an order names a symbol it does not know yet. Shared by every account of a
 * host: the rules are public.
 */
public final class HashKeyMarkets {

    private final Supplier<JsonNode> exchangeInfo;
    private final Clock clock;
    private final Duration refresh;
    private volatile Map<String, SymbolRules> rules = Map.of();
    private volatile Instant readAt = Instant.MIN;

    public HashKeyMarkets(Supplier<JsonNode> exchangeInfo, Clock clock, Duration refresh) {
        this.exchangeInfo = exchangeInfo;
        this.clock = clock;
        this.refresh = refresh;
    }

    public SymbolRules spot(Symbol symbol) {
        return rules(HashKeySymbols.spot(symbol));
    }

    public SymbolRules perpetual(Symbol symbol) {
        return rules(HashKeySymbols.perpetual(symbol));
    }

    /** The rules of a venue symbol ({@code BTCUSDT}, {@code BTCUSDT-PERPETUAL}). */
    public SymbolRules rules(String venueSymbol) {
        if (clock.instant().isAfter(readAt.plus(refresh))) {
            read();
        }
        SymbolRules found = rules.get(venueSymbol);
        if (found == null) {
            read();
            found = rules.get(venueSymbol);
        }
        if (found == null) {
            throw BrokerException.refused("UNKNOWN_SYMBOL", "HashKey Global lists no " + venueSymbol);
        }
        return found;
    }

    private synchronized void read() {
        rules = SymbolRules.fromExchangeInfo(exchangeInfo.get());
        readAt = clock.instant();
    }
}
