package io.agenthub.gateway.hashkey.parse;

import io.agenthub.core.broker.Balance;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.broker.VenuePosition;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.core.trading.Side;
import io.agenthub.gateway.hashkey.SymbolRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter reads HashKey Global's real payloads (recorded, under {@code src/test/resources/hashkey/}). */
class HashKeyParseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SymbolRules ETH_SPOT = SymbolRules.spot("ETHUSDT", new BigDecimal("0.01"), new BigDecimal("0.0001"),
            new BigDecimal("0.0001"), BigDecimal.ONE);
    private static final SymbolRules ETH_PERP = new SymbolRules("ETHUSDT-PERPETUAL", new BigDecimal("0.01"), new BigDecimal("0.001"),
            new BigDecimal("0.001"), BigDecimal.ZERO, new BigDecimal("0.001"), 20);

    private static JsonNode recorded(String name) throws IOException {
        try (InputStream in = HashKeyParseTest.class.getResourceAsStream("/hashkey/" + name)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void shouldReadEverySpotSymbolAndContractWhenGivenTheRecordedExchangeInfo() throws Exception {
        Map<String, SymbolRules> rules = SymbolRules.fromExchangeInfo(recorded("exchange-info.json"));

        assertThat(rules.get("BTCUSDT").isPerpetual()).isFalse();
        SymbolRules perp = rules.get("BTCUSDT-PERPETUAL");
        assertThat(perp.contractMultiplier()).isEqualByComparingTo("0.001");
        assertThat(perp.maxLeverage()).as("1 / initialMargin 0.10 of the first risk tier").isEqualTo(10);
        assertThat(perp.tickSize()).isEqualByComparingTo("0.1");
        assertThat(perp.contracts(new BigDecimal("0.0437"))).isEqualTo(43);
    }

    @Test
    void shouldReadARestingAndAFilledSpotOrderWhenGivenTheVenuesReplies() throws Exception {
        VenueOrder resting = HashKeyParse.spotOrder(recorded("spot-order-create.json"), ETH_SPOT);
        VenueOrder filled = HashKeyParse.spotOrder(recorded("spot-order-query-market.json"), ETH_SPOT);

        assertThat(resting.status()).isEqualTo(OrderStatus.NEW);
        assertThat(resting.clientOrderId()).isEqualTo(new ClientOrderId("1722865171625507"));
        assertThat(resting.venueOrderId()).isEqualTo("1745914034203524352");
        assertThat(resting.symbol()).isEqualTo(new Symbol("ETH", "USDT"));
        assertThat(resting.side()).isEqualTo(Side.SELL);
        assertThat(resting.limitPrice()).isEqualByComparingTo("2500");
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.type()).isEqualTo(OrderType.MARKET);
        assertThat(filled.filled()).isEqualByComparingTo("0.0061");
        assertThat(filled.averagePrice()).isEqualByComparingTo("3235.49");
    }

    @Test
    void shouldTakeTheCancelReplyForWhatItIsAnOrderStillShownOpen() throws Exception {
        assertThat(HashKeyParse.spotOrder(recorded("spot-order-cancel.json"), ETH_SPOT).status()).isEqualTo(OrderStatus.NEW);
        assertThat(HashKeyParse.spotOrder(recorded("spot-order-cancel-already-filled.json"), ETH_SPOT).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldBookTheSellableQuantityWhenASpotBuyPaysItsFeeInTheBaseAsset() throws Exception {
        JsonNode trades = recorded("spot-account-trades.json");

        Execution buy = HashKeyParse.spotTrade(trades.get(0), ETH_SPOT);

        // bought 0.001 ETH at 3289.96, fee 0.0000012 ETH: 0.0009988 left, 0.0009 on the lot step, the rest is cost
        assertThat(buy.fill().side()).isEqualTo(Side.BUY);
        assertThat(buy.venueQuantity()).isEqualByComparingTo("0.001");
        assertThat(buy.fill().quantity()).isEqualByComparingTo("0.0009");
        assertThat(buy.fill().fee()).isEqualByComparingTo("0.32899600");
        assertThat(buy.fill().clientOrderId()).isEqualTo(new ClientOrderId("1722082982086472"));
        assertThat(buy.fill().liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(buy.feeAsset()).isEqualTo("ETH");
    }

    @Test
    void shouldBookTheFeeAsItIsWhenASpotSellPaysInTheQuoteAsset() throws Exception {
        Execution sell = HashKeyParse.spotTrade(recorded("spot-account-trades-sell-usdt-fee.json").get(0), ETH_SPOT);

        assertThat(sell.fill().side()).isEqualTo(Side.SELL);
        assertThat(sell.fill().quantity()).isEqualByComparingTo(sell.venueQuantity());
        assertThat(sell.feeAsset()).isEqualTo("USDT");
        assertThat(sell.fill().fee()).isPositive();
    }

    @Test
    void shouldCountContractsAsBaseQuantityWhenReadingPerpetualOrders() throws Exception {
        VenueOrder market = HashKeyParse.futuresOrder(recorded("futures-order-create-market.json"), ETH_PERP);
        VenueOrder queried = HashKeyParse.futuresOrder(recorded("futures-order-query.json"), ETH_PERP);
        VenueOrder stop = HashKeyParse.futuresOrder(recorded("futures-order-create-stop.json"), ETH_PERP);

        assertThat(market.type()).isEqualTo(OrderType.MARKET);
        assertThat(market.quantity()).as("10 contracts of 0.001 ETH").isEqualByComparingTo("0.01");
        assertThat(market.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(market.averagePrice()).as("a market order's create reply has no average yet").isNull();
        assertThat(queried.averagePrice()).isEqualByComparingTo("3327.52");
        assertThat(stop.type()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(stop.stopPrice()).isEqualByComparingTo("2500");
        assertThat(stop.status()).as("ORDER_NEW").isEqualTo(OrderStatus.NEW);
        assertThat(stop.side()).isEqualTo(Side.BUY);
    }

    @Test
    void shouldReadPerpetualFillsSpelledAsTheLiveVenueSpellsThem() throws Exception {
        JsonNode trades = recorded("futures-user-trades.json");

        Execution close = HashKeyParse.futuresTrade(trades.get(0), new ClientOrderId("c-1"), ETH_PERP);

        assertThat(close.fill().side()).isEqualTo(Side.SELL);
        assertThat(close.fill().quantity()).isEqualByComparingTo("0.01");
        assertThat(close.fill().price()).isEqualByComparingTo("2998.25");
        assertThat(close.fill().fee()).isEqualByComparingTo("0.0179895");
        assertThat(close.fill().liquidity()).as("isMarker false").isEqualTo(Liquidity.TAKER);
        assertThat(close.tradeId()).isEqualTo("t1744405140125908224");
    }

    @Test
    void shouldReadPositionsAndBalancesWhenGivenTheVenuesReplies() throws Exception {
        List<VenuePosition> positions = HashKeyParse.futuresPositions(recorded("futures-positions.json"), s -> ETH_PERP);
        List<Balance> futures = HashKeyParse.futuresBalances(recorded("futures-balance.json"));
        List<Balance> spot = HashKeyParse.spotBalances(recorded("spot-account.json"));

        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.side()).isEqualTo(PositionSide.SHORT);
            assertThat(p.quantity()).isEqualByComparingTo("0.005");
            assertThat(p.signedQuantity()).isEqualByComparingTo("-0.005");
            assertThat(p.leverage()).isEqualTo(4);
        });
        assertThat(futures).singleElement().satisfies(b -> {
            assertThat(b.total()).isEqualByComparingTo("30.87261895");
            assertThat(b.locked()).isEqualByComparingTo("8.9784");
        });
        assertThat(spot).singleElement().satisfies(b -> assertThat(b.free()).isEqualByComparingTo("40"));
    }

    @Test
    void shouldReadAPartialFillFromASpotExecutionReport() throws Exception {
        HashKeyParse.OrderEvent event = HashKeyParse.executionReport(recorded("ws-execution-report.json").get(0),
                SymbolRules.spot("ETHUSD", new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("0.0001"), BigDecimal.ZERO));
        HashKeyParse.OrderEvent ack = HashKeyParse.executionReport(recorded("ws-execution-report-new.json").get(0), ETH_SPOT);

        assertThat(event.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(event.order().filled()).isEqualByComparingTo("0.5");
        assertThat(event.execution().venueQuantity()).isEqualByComparingTo("0.5");
        assertThat(event.execution().fill().quantity()).as("0.5 less the fee of 0.003 ETH").isEqualByComparingTo("0.497");
        assertThat(ack.order().status()).isEqualTo(OrderStatus.NEW);
        assertThat(ack.execution()).isNull();
    }

    @Test
    void shouldReadAFillInContractsFromAContractExecutionReport() throws Exception {
        HashKeyParse.OrderEvent event = HashKeyParse.contractExecutionReport(recorded("ws-contract-execution-report.json"), ETH_PERP);

        assertThat(event.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(event.execution().fill().quantity()).as("1 contract of 0.001 ETH").isEqualByComparingTo("0.001");
        assertThat(event.execution().fill().price()).isEqualByComparingTo("2463.36");
        assertThat(event.execution().fill().fee()).isEqualByComparingTo("0.001478016");
        assertThat(event.execution().tradeId()).isEqualTo("d1747358716255075840");
    }

    @Test
    void shouldFailLoudlyWhenAStatusOrFieldIsNotWhatTheVenueSends() throws Exception {
        JsonNode order = recorded("spot-order-create.json");
        ((tools.jackson.databind.node.ObjectNode) order).put("status", "HALF_DONE");

        assertThatThrownBy(() -> HashKeyParse.spotOrder(order, ETH_SPOT)).hasMessageContaining("unknown order status 'HALF_DONE'");
        ((tools.jackson.databind.node.ObjectNode) order).remove("clientOrderId");
        assertThatThrownBy(() -> HashKeyParse.spotOrder(order, ETH_SPOT)).hasMessageContaining("without 'clientOrderId'");
    }
}
