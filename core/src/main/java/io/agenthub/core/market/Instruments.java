package io.agenthub.core.market;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The instruments a deployment supports; every symbol from outside is resolved here once. */
public final class Instruments {

    private static final Instruments DEFAULTS = new Instruments(List.of(
            new Instrument(new Symbol("BTC", "USDT"), 2, 8),
            new Instrument(new Symbol("ETH", "USDT"), 2, 8),
            new Instrument(new Symbol("SOL", "USDT"), 2, 8),
            new Instrument(new Symbol("XRP", "USDT"), 4, 8),
            new Instrument(new Symbol("DOGE", "USDT"), 5, 8),
            new Instrument(new Symbol("BNB", "USDT"), 2, 8),
            new Instrument(new Symbol("ADA", "USDT"), 4, 8),
            new Instrument(new Symbol("LTC", "USDT"), 2, 8),
            new Instrument(new Symbol("AVAX", "USDT"), 2, 8),
            new Instrument(new Symbol("LINK", "USDT"), 3, 8),
            new Instrument(new Symbol("ETH", "BTC"), 6, 8)));

    private final Map<Symbol, Instrument> bySymbol;

    public Instruments(Collection<Instrument> instruments) {
        Map<Symbol, Instrument> map = new LinkedHashMap<>();
        for (Instrument instrument : instruments) {
            if (map.putIfAbsent(instrument.symbol(), instrument) != null) {
                throw new IllegalArgumentException("instrument listed twice: " + instrument.symbol());
            }
        }
        this.bySymbol = Collections.unmodifiableMap(map);
    }

    /** The instruments the hub trades out of the box (HashKey Global spot majors). */
    public static Instruments defaults() {
        return DEFAULTS;
    }

    /**
     * Normalises and resolves a symbol written in any accepted form.
     *
     * @throws IllegalArgumentException if it does not parse
     * @throws UnknownSymbolException   if it parses but is not supported, naming the supported ones
     */
    public Instrument resolve(String text) {
        return resolve(Symbol.parse(text));
    }

    public Instrument resolve(Symbol symbol) {
        Instrument instrument = bySymbol.get(symbol);
        if (instrument == null) {
            throw new UnknownSymbolException("symbol " + symbol + " is not supported; supported symbols: " + supportedList());
        }
        return instrument;
    }

    public boolean supports(Symbol symbol) {
        return bySymbol.containsKey(symbol);
    }

    public Collection<Instrument> all() {
        return bySymbol.values();
    }

    private String supportedList() {
        return bySymbol.keySet().stream().map(Symbol::toString).collect(Collectors.joining(", "));
    }
}
