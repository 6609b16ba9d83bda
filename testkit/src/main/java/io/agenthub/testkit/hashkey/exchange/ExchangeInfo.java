package io.agenthub.testkit.hashkey.exchange;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import static io.agenthub.testkit.hashkey.exchange.Wire.dec;

/**
 * {@code GET /api/v1/exchangeInfo} in the recorded shape ({@code exchange-info.json}): {@code symbols} (spot),
 * {@code contracts} (perpetuals, LOT_SIZE in base units, {@code riskLimits} whose first tier's
 * {@code initialMargin} is 1 / the symbol's maximum leverage) and {@code coins}.
 */
final class ExchangeInfo {

    private ExchangeInfo() {
    }

    static ObjectNode all(Exchange exchange) {
        ObjectNode info = Wire.object();
        info.put("timezone", "UTC");
        info.put("serverTime", Long.toString(exchange.now()));
        info.putArray("brokerFilters");
        ArrayNode symbols = info.putArray("symbols");
        info.putArray("options");
        ArrayNode contracts = info.putArray("contracts");
        for (Instrument instrument : exchange.instruments()) {
            if (instrument.perpetual()) {
                contracts.add(contract(instrument, exchange.maxLeverage(instrument.symbol())));
            } else {
                symbols.add(spot(instrument));
            }
        }
        ArrayNode coins = info.putArray("coins");
        for (String[] coin : new String[][]{{"BTC", "Bitcoin", "Bitcoin"}, {"ETH", "Ethereum", "ETH"},
                {"SOL", "Solana", "Solana"}, {"USDT", "Tether USD", "ETH"}}) {
            ObjectNode node = coins.addObject();
            node.put("orgId", "9001");
            node.put("coinId", coin[0]);
            node.put("coinName", coin[0]);
            node.put("coinFullName", coin[1]);
            node.put("allowWithdraw", true);
            node.put("allowDeposit", true);
            node.put("tokenType", "CHAIN_TOKEN");
            node.putArray("chainTypes").addObject()
                    .put("chainType", coin[2])
                    .put("withdrawFee", "0")
                    .put("minWithdrawQuantity", "0")
                    .put("maxWithdrawQuantity", "0")
                    .put("minDepositQuantity", "0")
                    .put("allowDeposit", true)
                    .put("allowWithdraw", true);
        }
        return info;
    }

    /** The single object {@code ?symbol=X} answers with, spot or contract; null if unknown. */
    static ObjectNode one(Exchange exchange, String symbol) {
        for (Instrument instrument : exchange.instruments()) {
            if (instrument.symbol().equals(symbol)) {
                return instrument.perpetual() ? contract(instrument, exchange.maxLeverage(symbol)) : spot(instrument);
            }
        }
        return null;
    }

    static ObjectNode spot(Instrument i) {
        ObjectNode node = Wire.object();
        node.put("symbol", i.symbol());
        node.put("symbolName", i.symbol());
        node.put("status", "TRADING");
        node.put("baseAsset", i.baseAsset());
        node.put("baseAssetName", i.baseAsset());
        node.put("baseAssetPrecision", i.basePrecision().toPlainString());
        node.put("quoteAsset", i.quoteAsset());
        node.put("quoteAssetName", i.quoteAsset());
        node.put("quotePrecision", i.quotePrecision().toPlainString());
        node.put("retailAllowed", true);
        node.put("piAllowed", true);
        node.put("corporateAllowed", true);
        node.put("omnibusAllowed", true);
        node.put("icebergAllowed", false);
        node.put("isAggregate", false);
        node.put("allowMargin", false);
        ArrayNode filters = node.putArray("filters");
        filters.addObject().put("minPrice", i.minPrice().toPlainString()).put("maxPrice", i.maxPrice().setScale(8).toPlainString())
                .put("tickSize", i.tickSize().toPlainString()).put("filterType", "PRICE_FILTER");
        filters.addObject().put("minQty", i.minQty().toPlainString()).put("maxQty", i.maxQty().toPlainString())
                .put("stepSize", i.stepSize().toPlainString()).put("marketOrderMinQty", i.marketMinQty().toPlainString())
                .put("marketOrderMaxQty", i.marketMaxQty().toPlainString()).put("filterType", "LOT_SIZE");
        filters.addObject().put("minNotional", dec(i.minNotional())).put("filterType", "MIN_NOTIONAL");
        filters.addObject().put("minAmount", "1").put("maxAmount", "400000").put("minBuyPrice", "0")
                .put("marketOrderMinAmount", dec(Instrument.MARKET_MIN_AMOUNT))
                .put("marketOrderMaxAmount", dec(Instrument.MARKET_MAX_AMOUNT)).put("filterType", "TRADE_AMOUNT");
        filters.addObject().put("maxSellPrice", "0").put("buyPriceUpRate", dec(i.priceBand()))
                .put("sellPriceDownRate", dec(i.priceBand())).put("filterType", "LIMIT_TRADING");
        filters.addObject().put("buyPriceUpRate", dec(i.priceBand())).put("sellPriceDownRate", dec(i.priceBand()))
                .put("filterType", "MARKET_TRADING");
        openQuote(filters);
        return node;
    }

    static ObjectNode contract(Instrument i, int maxLeverage) {
        ObjectNode node = Wire.object();
        ArrayNode filters = node.putArray("filters");
        BigDecimal multiplier = i.contractMultiplier();
        filters.addObject().put("minPrice", i.minPrice().toPlainString()).put("maxPrice", i.maxPrice().setScale(8).toPlainString())
                .put("tickSize", i.tickSize().toPlainString()).put("filterType", "PRICE_FILTER");
        filters.addObject().put("minQty", dec(i.minQty().multiply(multiplier))).put("maxQty", dec(i.maxQty().multiply(multiplier)))
                .put("stepSize", dec(i.stepSize().multiply(multiplier))).put("marketOrderMinQty", "0")
                .put("marketOrderMaxQty", "0").put("filterType", "LOT_SIZE");
        filters.addObject().put("minNotional", "0").put("filterType", "MIN_NOTIONAL");
        filters.addObject().put("maxSellPrice", "999999").put("buyPriceUpRate", dec(i.priceBand()))
                .put("sellPriceDownRate", dec(i.priceBand())).put("maxEntrustNum", 200).put("maxConditionNum", 200)
                .put("filterType", "LIMIT_TRADING");
        filters.addObject().put("buyPriceUpRate", dec(i.priceBand())).put("sellPriceDownRate", dec(i.priceBand()))
                .put("filterType", "MARKET_TRADING");
        openQuote(filters);
        node.put("exchangeId", "301");
        node.put("symbol", i.symbol());
        node.put("symbolName", i.symbol());
        node.put("status", "TRADING");
        node.put("baseAsset", i.symbol());
        node.put("baseAssetPrecision", i.basePrecision().toPlainString());
        node.put("quoteAsset", i.quoteAsset());
        node.put("quoteAssetPrecision", i.quotePrecision().toPlainString());
        node.put("icebergAllowed", false);
        node.put("inverse", false);
        node.put("index", i.quoteAsset());
        node.put("marginToken", i.quoteAsset());
        node.put("marginPrecision", "0.0001");
        node.put("contractMultiplier", multiplier.toPlainString());
        node.put("underlying", i.baseAsset());
        String initialMargin = initialMargin(maxLeverage);
        ArrayNode tiers = node.putArray("riskLimits");
        tiers.addObject().put("riskLimitId", Long.toString(200_000_722L + (i.symbol().hashCode() & 0xffff) * 10L))
                .put("quantity", "1000.00").put("initialMargin", initialMargin)
                .put("maintMargin", dec(i.maintMargin())).put("isWhite", false);
        tiers.addObject().put("riskLimitId", Long.toString(200_000_723L + (i.symbol().hashCode() & 0xffff) * 10L))
                .put("quantity", "2000.00").put("initialMargin", initialMargin)
                .put("maintMargin", dec(i.maintMargin().multiply(BigDecimal.TWO))).put("isWhite", false);
        return node;
    }

    /** 1 / max (rounded down, so that 1 / it is never below max), with at least two decimals as recorded ("0.10"). */
    static String initialMargin(int maxLeverage) {
        BigDecimal margin = BigDecimal.ONE.divide(BigDecimal.valueOf(maxLeverage), new MathContext(16, RoundingMode.DOWN)).stripTrailingZeros();
        return margin.scale() < 2 ? margin.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : margin.toPlainString();
    }

    private static void openQuote(ArrayNode filters) {
        filters.addObject().put("noAllowMarketStartTime", "0").put("noAllowMarketEndTime", "0")
                .put("limitOrderStartTime", "0").put("limitOrderEndTime", "0").put("limitMinPrice", "0")
                .put("limitMaxPrice", "0").put("filterType", "OPEN_QUOTE");
    }
}
