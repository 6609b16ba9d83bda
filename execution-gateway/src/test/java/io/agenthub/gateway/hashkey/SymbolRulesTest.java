package io.agenthub.gateway.hashkey;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolRulesTest {

    private static final String EXCHANGE_INFO = """
            {"timezone":"UTC","serverTime":"1732000000000","symbols":[
              {"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT","filters":[
                {"minPrice":"0.01","maxPrice":"100000.00000000","tickSize":"0.01","filterType":"PRICE_FILTER"},
                {"minQty":"0.00001","maxQty":"8","stepSize":"0.00001","filterType":"LOT_SIZE"},
                {"minNotional":"1","filterType":"MIN_NOTIONAL"},
                {"minAmount":"1","maxAmount":"400000","minBuyPrice":"0","filterType":"TRADE_AMOUNT"}]},
              {"symbol":"ETHUSDT","status":"TRADING","filters":[
                {"tickSize":"0.01","filterType":"PRICE_FILTER"},
                {"minQty":"0.0001","stepSize":"0.0001","filterType":"LOT_SIZE"}]}]}
            """;

    private static Map<String, SymbolRules> rules() {
        return SymbolRules.fromExchangeInfo(JsonMapper.builder().build().readTree(EXCHANGE_INFO));
    }

    @Test
    void shouldReadEverySymbolsFiltersFromExchangeInfo() {
        SymbolRules btc = rules().get("BTCUSDT");
        assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(btc.minQuantity()).isEqualByComparingTo("0.00001");
        assertThat(btc.minNotional()).isEqualByComparingTo("1");
        assertThat(rules().get("ETHUSDT").minNotional()).as("no MIN_NOTIONAL: no minimum").isZero();
    }

    @Test
    void shouldRoundQuantityDownAndPriceInTheSidesFavourWhenFitting() {
        SymbolRules btc = rules().get("BTCUSDT");

        assertThat(btc.fit(new BigDecimal("0.0432198765"), new BigDecimal("23140.4871"), true))
                .isEqualTo(new SymbolRules.Accepted(new BigDecimal("0.04321"), new BigDecimal("23140.48")));
        assertThat(btc.fit(new BigDecimal("0.0432198765"), new BigDecimal("23140.4811"), false))
                .isEqualTo(new SymbolRules.Accepted(new BigDecimal("0.04321"), new BigDecimal("23140.49")));
    }

    @Test
    void shouldRefuseNamingTheRuleWhenTheOrderIsTooSmall() {
        SymbolRules btc = rules().get("BTCUSDT");

        assertThat(btc.fit(new BigDecimal("0.000004"), new BigDecimal("23140"), true))
                .isEqualTo(new SymbolRules.Refused("BTCUSDT: quantity 0.000004 is below LOT_SIZE minQty 0.00001 (step 0.00001)"));
        assertThat(btc.fit(new BigDecimal("0.00002"), new BigDecimal("20000"), true))
                .isEqualTo(new SymbolRules.Refused("BTCUSDT: order value 0.4 is below MIN_NOTIONAL 1"));
    }

    @Test
    void shouldFailLoudlyWhenTheVenuesFormatIsNotWhatWeKnow() {
        JsonMapper json = JsonMapper.builder().build();
        assertThatThrownBy(() -> SymbolRules.fromExchangeInfo(json.readTree("{\"symbols\":[{\"symbol\":\"BTCUSDT\",\"filters\":[]}]}")))
                .hasMessage("exchangeInfo for BTCUSDT has no PRICE_FILTER");
        assertThatThrownBy(() -> SymbolRules.fromExchangeInfo(json.readTree("{\"code\":\"-1002\"}")))
                .hasMessage("exchangeInfo has no symbols array");
        assertThatThrownBy(() -> SymbolRules.fromExchangeInfo(json.readTree(
                "{\"symbols\":[{\"symbol\":\"X\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"tickSize\":\"abc\"}]}]}")))
                .hasMessageContaining("tickSize 'abc' is not a number");
    }
}
