package io.agenthub.testkit.hashkey.exchange;

import io.agenthub.testkit.hashkey.exchange.Wire.Codes;
import io.agenthub.testkit.hashkey.exchange.Wire.Rejection;

import java.math.BigDecimal;
import java.util.List;

/**
 * One market of the peer, with the trading rules its {@code exchangeInfo} publishes. Quantities here are in the unit
 * an order's {@code quantity} is given in: base asset for spot, contracts for perpetuals (whose {@code LOT_SIZE} the
 * venue publishes in base units, i.e. contracts × {@link #contractMultiplier}).
 */
record Instrument(
        String symbol,
        boolean perpetual,
        String baseAsset,
        String quoteAsset,
        BigDecimal tickSize,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        BigDecimal minQty,
        BigDecimal maxQty,
        BigDecimal stepSize,
        BigDecimal marketMinQty,
        BigDecimal marketMaxQty,
        BigDecimal minNotional,
        BigDecimal contractMultiplier,
        BigDecimal basePrecision,
        BigDecimal quotePrecision,
        BigDecimal priceBand,
        BigDecimal maintMargin,
        BigDecimal initialPrice) {

    /** Largest quote amount of a market order by amount ({@code TRADE_AMOUNT.marketOrderMaxAmount}). */
    static final BigDecimal MARKET_MAX_AMOUNT = new BigDecimal("200000");
    /** Smallest quote amount of a market order by amount ({@code TRADE_AMOUNT.marketOrderMinAmount}). */
    static final BigDecimal MARKET_MIN_AMOUNT = BigDecimal.ONE;

    /**
     * The markets: spot BTCUSDT and ETHUSDT with the rules recorded from the live venue (ETHUSDT from
     * {@code exchange-info-single-symbol.json}), SOLUSDT with plausible ones; perpetuals BTCUSDT-PERPETUAL as recorded
     * and ETHUSDT-PERPETUAL with the 0.001 contract size the recorded ETH order responses carry. Price caps are raised
     * from the recorded 100000 to 1000000 for BTC, which trades above the old cap.
     */
    static List<Instrument> catalogue() {
        return List.of(
                spot("BTCUSDT", "BTC", "0.01", "1000000", "0.00001", "8", "4", "0.00001", "0.0000001", "60000"),
                spot("ETHUSDT", "ETH", "0.01", "100000", "0.0001", "140", "70", "0.0001", "0.000001", "3000"),
                spot("SOLUSDT", "SOL", "0.01", "100000", "0.001", "10000", "5000", "0.001", "0.00001", "150"),
                perpetual("BTCUSDT-PERPETUAL", "BTC", "0.1", "1000000", "10000", "0.001", "0.1", "60000"),
                perpetual("ETHUSDT-PERPETUAL", "ETH", "0.01", "100000", "100000", "0.001", "0.01", "3000"));
    }

    private static Instrument spot(String symbol, String base, String tick, String maxPrice, String step, String maxQty,
                                   String marketMaxQty, String basePrecision, String quotePrecision, String price) {
        return new Instrument(symbol, false, base, "USDT", d(tick), d(tick), d(maxPrice), d(step), d(maxQty), d(step),
                d(step), d(marketMaxQty), BigDecimal.ONE, BigDecimal.ONE, d(basePrecision), d(quotePrecision),
                d("0.1"), BigDecimal.ZERO, d(price));
    }

    private static Instrument perpetual(String symbol, String underlying, String tick, String maxPrice,
                                        String maxContracts, String multiplier, String quotePrecision, String price) {
        return new Instrument(symbol, true, underlying, "USDT", d(tick), d(tick), d(maxPrice), BigDecimal.ONE,
                d(maxContracts), BigDecimal.ONE, BigDecimal.ONE, d(maxContracts), BigDecimal.ZERO, d(multiplier),
                d(multiplier), d(quotePrecision), d("0.05"), d("0.005"), d(price));
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    /** The asset a trade pays with: quote for buys. */
    String spend(boolean buy) {
        return buy ? quoteAsset : baseAsset;
    }

    /** The asset a trade receives (and pays its fee in on spot): base for buys. */
    String receive(boolean buy) {
        return buy ? baseAsset : quoteAsset;
    }

    boolean onTick(BigDecimal price) {
        return price.remainder(tickSize).signum() == 0;
    }

    boolean onStep(BigDecimal quantity) {
        return quantity.remainder(stepSize).signum() == 0;
    }

    /** PRICE_FILTER: within {@code minPrice..maxPrice} ({@code -1133}/{@code -1132}) and on the tick ({@code 0209}). */
    void checkPrice(BigDecimal price) {
        if (price.compareTo(minPrice) < 0) {
            throw Rejection.of(Codes.PRICE_BELOW_MIN, "Order price lower than the minimum");
        }
        if (price.compareTo(maxPrice) > 0) {
            throw Rejection.of(Codes.PRICE_ABOVE_MAX, "Order price greater than the maximum");
        }
        if (!onTick(price)) {
            throw Rejection.of(Codes.PRICE_PRECISION, "Invalid price precision");
        }
    }

    /**
     * LOT_SIZE: at least {@code minQty} ({@code -1136}), at most {@code maxQty} ({@code -1135}; market orders use the
     * market limits), a multiple of {@code stepSize} ({@code -1137}); contracts must be whole.
     */
    void checkQuantity(BigDecimal quantity, boolean market) {
        BigDecimal min = market && !perpetual ? marketMinQty : minQty;
        BigDecimal max = market && !perpetual ? marketMaxQty : maxQty;
        if (quantity.compareTo(min) < 0) {
            throw Rejection.of(Codes.QUANTITY_BELOW_MIN, "Order quantity lower than the minimum");
        }
        if (quantity.compareTo(max) > 0) {
            throw Rejection.of(Codes.QUANTITY_ABOVE_MAX, "Order quantity greater than the maximum");
        }
        if (!onStep(quantity)) {
            throw Rejection.of(Codes.QUANTITY_PRECISION, "Order quantity precision too large");
        }
    }
}
