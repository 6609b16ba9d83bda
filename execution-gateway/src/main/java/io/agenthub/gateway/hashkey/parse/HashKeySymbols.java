package io.agenthub.gateway.hashkey.parse;

import io.agenthub.core.market.Symbol;

/** Our symbols in HashKey Global's spellings: {@code BTC/USDT} is {@code BTCUSDT} on spot and {@code BTCUSDT-PERPETUAL} as a contract. */
public final class HashKeySymbols {

    public static final String PERPETUAL = "-PERPETUAL";

    private HashKeySymbols() {
    }

    public static String spot(Symbol symbol) {
        return symbol.base() + symbol.quote();
    }

    public static String perpetual(Symbol symbol) {
        return symbol.base() + symbol.quote() + PERPETUAL;
    }

    /** Our symbol for a venue symbol of either kind. */
    public static Symbol parse(String venueSymbol) {
        String pair = venueSymbol.endsWith(PERPETUAL) ? venueSymbol.substring(0, venueSymbol.length() - PERPETUAL.length()) : venueSymbol;
        return Symbol.parse(pair);
    }
}
