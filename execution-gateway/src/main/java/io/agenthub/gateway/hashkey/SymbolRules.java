package io.agenthub.gateway.hashkey;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What HashKey Global accepts for one symbol, from {@code GET /api/v1/exchangeInfo}: prices in steps of
 * {@code tickSize} ({@code PRICE_FILTER}), quantities in steps of {@code stepSize} and at least {@code minQty}
 * ({@code LOT_SIZE}), and an order value of at least {@code minNotional} ({@code MIN_NOTIONAL}). An order is fitted to
 * them before it is sent, or refused with the rule it breaks; never sent to be refused by the venue. A perpetual also
 * has the base quantity of one contract ({@code contractMultiplier}; orders count contracts) and the highest leverage
 * of its first risk tier ({@code 1 / initialMargin}); a spot symbol has 1 and 1.
 */
public record SymbolRules(String symbol, BigDecimal tickSize, BigDecimal stepSize, BigDecimal minQuantity, BigDecimal minNotional,
                          BigDecimal contractMultiplier, int maxLeverage) {

    public SymbolRules {
        Objects.requireNonNull(symbol, "symbol");
        if (tickSize.signum() <= 0 || stepSize.signum() <= 0 || minQuantity.signum() < 0 || minNotional.signum() < 0) {
            throw new IllegalArgumentException(symbol + ": tick and step sizes must be positive, minimums not negative");
        }
        if (contractMultiplier.signum() <= 0 || maxLeverage < 1) {
            throw new IllegalArgumentException(symbol + ": contract multiplier and maximum leverage must be positive");
        }
    }

    /** A spot symbol's rules. */
    public static SymbolRules spot(String symbol, BigDecimal tickSize, BigDecimal stepSize, BigDecimal minQuantity, BigDecimal minNotional) {
        return new SymbolRules(symbol, tickSize, stepSize, minQuantity, minNotional, BigDecimal.ONE, 1);
    }

    public boolean isPerpetual() {
        return symbol.endsWith("-PERPETUAL");
    }

    /** Whole contracts for a base quantity, rounded down (never more than asked). */
    public long contracts(BigDecimal baseQuantity) {
        return baseQuantity.divide(contractMultiplier, 0, RoundingMode.DOWN).longValueExact();
    }

    /** A base quantity rounded down to the step. */
    public BigDecimal stepDown(BigDecimal quantity) {
        return quantity.divide(stepSize, 0, RoundingMode.DOWN).multiply(stepSize).stripTrailingZeros();
    }

    /** A price on the tick, rounded in the side's favour (a buy's down, a sell's up). */
    public BigDecimal roundPrice(BigDecimal price, boolean buy) {
        return price.divide(tickSize, 0, buy ? RoundingMode.DOWN : RoundingMode.UP).multiply(tickSize).stripTrailingZeros();
    }

    /** An order fitted to the rules, or the rule it breaks. */
    public sealed interface Fitted permits Accepted, Refused {
    }

    public record Accepted(BigDecimal quantity, BigDecimal price) implements Fitted {
    }

    public record Refused(String reason) implements Fitted {
    }

    /**
     * Rounds the quantity down to the step (never more than the agent asked for) and the price to the tick, in the
     * direction that does not worsen it for the side ({@code buy}: down, sell: up), then checks the minimums at that
     * price.
     */
    public Fitted fit(BigDecimal quantity, BigDecimal price, boolean buy) {
        BigDecimal q = quantity.divide(stepSize, 0, RoundingMode.DOWN).multiply(stepSize).stripTrailingZeros();
        BigDecimal p = price.divide(tickSize, 0, buy ? RoundingMode.DOWN : RoundingMode.UP).multiply(tickSize).stripTrailingZeros();
        if (q.signum() == 0 || q.compareTo(minQuantity) < 0) {
            return new Refused(symbol + ": quantity " + quantity.toPlainString() + " is below LOT_SIZE minQty " + minQuantity.toPlainString()
                    + " (step " + stepSize.toPlainString() + ")");
        }
        BigDecimal notional = q.multiply(p);
        if (notional.compareTo(minNotional) < 0) {
            return new Refused(symbol + ": order value " + notional.toPlainString() + " is below MIN_NOTIONAL " + minNotional.toPlainString());
        }
        return new Accepted(q, p);
    }

    /**
     * The rules of every spot symbol and perpetual contract in an {@code exchangeInfo} reply, by the venue's name. A
     * symbol without a {@code PRICE_FILTER} or {@code LOT_SIZE}, a contract without {@code contractMultiplier}, is an
     * error (the venue's format changed, and guessing would send orders it refuses); a missing {@code MIN_NOTIONAL}
     * means no minimum, a contract without {@code riskLimits} no leverage.
     */
    public static Map<String, SymbolRules> fromExchangeInfo(JsonNode reply) {
        JsonNode symbols = reply.path("symbols");
        if (!symbols.isArray()) {
            throw new IllegalArgumentException("exchangeInfo has no symbols array");
        }
        Map<String, SymbolRules> rules = new LinkedHashMap<>();
        read(symbols, false, rules);
        if (reply.path("contracts").isArray()) {
            read(reply.path("contracts"), true, rules);
        }
        return rules;
    }

    private static void read(JsonNode entries, boolean contracts, Map<String, SymbolRules> rules) {
        for (JsonNode entry : entries) {
            String symbol = entry.path("symbol").asString("");
            if (symbol.isEmpty()) {
                throw new IllegalArgumentException("exchangeInfo lists a symbol without a name");
            }
            BigDecimal tick = null;
            BigDecimal step = null;
            BigDecimal minQty = null;
            BigDecimal minNotional = BigDecimal.ZERO;
            for (JsonNode filter : entry.path("filters")) {
                switch (filter.path("filterType").asString("")) {
                    case "PRICE_FILTER" -> tick = decimal(filter, symbol, "tickSize");
                    case "LOT_SIZE" -> {
                        step = decimal(filter, symbol, "stepSize");
                        minQty = decimal(filter, symbol, "minQty");
                    }
                    case "MIN_NOTIONAL" -> minNotional = firstDecimal(filter, symbol, "minNotional", "notional", "min_notional");
                    default -> {
                    }
                }
            }
            if (tick == null || step == null) {
                throw new IllegalArgumentException("exchangeInfo for " + symbol + " has no " + (tick == null ? "PRICE_FILTER" : "LOT_SIZE"));
            }
            if (!contracts) {
                rules.put(symbol, spot(symbol, tick, step, minQty, minNotional));
                continue;
            }
            if (!entry.has("contractMultiplier")) {
                throw new IllegalArgumentException("exchangeInfo for contract " + symbol + " has no contractMultiplier");
            }
            BigDecimal multiplier = decimal(entry, symbol, "contractMultiplier");
            int maxLeverage = 1;
            JsonNode tiers = entry.path("riskLimits");
            if (tiers.isArray() && !tiers.isEmpty()) {
                BigDecimal initial = decimal(tiers.get(0), symbol, "initialMargin");
                if (initial.signum() <= 0 || initial.compareTo(BigDecimal.ONE) > 0) {
                    throw new IllegalArgumentException("exchangeInfo for " + symbol + ": initialMargin " + initial.toPlainString() + " is not a fraction");
                }
                maxLeverage = BigDecimal.ONE.divide(initial, 0, RoundingMode.DOWN).intValueExact();
            }
            rules.put(symbol, new SymbolRules(symbol, tick, step, minQty, minNotional, multiplier, Math.max(1, maxLeverage)));
        }
    }

    private static BigDecimal decimal(JsonNode filter, String symbol, String field) {
        String text = filter.path(field).asString("");
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("exchangeInfo for " + symbol + ": " + field + " '" + text + "' is not a number");
        }
    }

    private static BigDecimal firstDecimal(JsonNode filter, String symbol, String... fields) {
        for (String field : fields) {
            if (filter.has(field)) {
                return decimal(filter, symbol, field);
            }
        }
        throw new IllegalArgumentException("exchangeInfo for " + symbol + ": MIN_NOTIONAL without a value (" + String.join(", ", fields) + ")");
    }
}
