package io.agenthub.ingest.feed.hashkey.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.stream.Stream;

import static io.agenthub.ingest.feed.hashkey.HashKeyFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WsMessageParserTest {

    @Test
    void shouldReadTradesWhenATradePushArrives() throws Exception {
        // Given a live trade push in the documented shape
        String frame = resource("ws-trade-push.json");

        // When it is parsed
        WsMessage message = WsMessageParser.parse(frame);

        // Then every trade keeps its id, time, exact price and quantity and side
        assertThat(message).isInstanceOfSatisfying(WsMessage.TradePush.class, push -> {
            assertThat(push.symbol()).isEqualTo("BTCUSDT");
            assertThat(push.snapshot()).isFalse();
            assertThat(push.sendTime()).isEqualTo(1709287205502L);
            assertThat(push.trades()).containsExactly(
                    new VenueTrade("1745922896272048129", 1709287205123L, new BigDecimal("61234.56"), new BigDecimal("0.01320"), true),
                    new VenueTrade("1745922896272048133", 1709287205480L, new BigDecimal("61235.10"), new BigDecimal("0.20000"), false));
        });
    }

    @Test
    void shouldFlagTheSnapshotWhenTheFirstPushAfterSubscribingArrives() throws Exception {
        // Given the first push after a subscription ("f":true)
        WsMessage message = WsMessageParser.parse(resource("ws-trade-snapshot.json"));

        // Then it is a snapshot of recent trades in time order
        assertThat(message).isInstanceOfSatisfying(WsMessage.TradePush.class, push -> {
            assertThat(push.snapshot()).isTrue();
            assertThat(push.trades()).extracting(VenueTrade::time).isSorted().hasSize(3);
        });
    }

    @Test
    void shouldReadTheCandleWhenAKlinePushArrives() throws Exception {
        // Given a kline push: subscribed as kline_1m, pushed as topic "kline" with params.klineType
        WsMessage message = WsMessageParser.parse(resource("ws-kline-push.json"));

        // Then the interval comes from klineType and the candle is exact
        assertThat(message).isEqualTo(new WsMessage.KlinePush("BTCUSDT", "1m", 1709287205600L, java.util.List.of(
                new VenueCandle(1709287200000L, new BigDecimal("61230.00"), new BigDecimal("61240.00"),
                        new BigDecimal("61229.75"), new BigDecimal("61235.10"), new BigDecimal("1.50820")))));
    }

    @Test
    void shouldReadKlineTopicWhenThePushNamesTheSubscribedTopic() throws Exception {
        // Given a push that names its topic as it was subscribed
        String frame = """
                {"symbol":"ETHUSDT","topic":"kline_1m","data":[{"t":1709287200000,"o":"3000","h":"3001","l":"2999","c":"3000.5","v":"2"}]}""";

        // Then the interval comes from the topic
        assertThat(WsMessageParser.parse(frame)).isInstanceOfSatisfying(WsMessage.KlinePush.class,
                push -> assertThat(push.interval()).isEqualTo("1m"));
    }

    @Test
    void shouldRecogniseKeepAliveEchoAndErrorFramesWhenTheyArrive() throws Exception {
        assertThat(WsMessageParser.parse(resource("ws-pong.json"))).isEqualTo(new WsMessage.Pong(1709287210000L));
        assertThat(WsMessageParser.parse("{\"ping\":1709287210001}")).isEqualTo(new WsMessage.ServerPing(1709287210001L));
        assertThat(WsMessageParser.parse(resource("ws-sub-echo.json")))
                .isEqualTo(new WsMessage.SubscriptionAck("BTCUSDT", "trade", 1709287204050L));
        assertThat(WsMessageParser.parse(resource("ws-error.json")))
                .isEqualTo(new WsMessage.VenueError("-100011", "Invalid symbol 'XYZUSDT'"));
        assertThat(WsMessageParser.parse("{\"code\":\"0\",\"msg\":\"Success\"}"))
                .isEqualTo(new WsMessage.SubscriptionAck(null, null, null));
    }

    @Test
    void shouldAcceptNumbersWrittenAsJsonNumbersWhenTheVenueSendsThem() throws Exception {
        // Given a trade whose id, price and quantity are unquoted numbers
        String frame = """
                {"symbol":"BTCUSDT","topic":"trade","data":[{"v":1745922896272048129,"t":1709287205123,"p":61234.56,"q":0.0132}]}""";

        // Then they are read exactly (no binary floating point)
        assertThat(WsMessageParser.parse(frame)).isInstanceOfSatisfying(WsMessage.TradePush.class, push -> {
            VenueTrade trade = push.trades().getFirst();
            assertThat(trade.id()).isEqualTo("1745922896272048129");
            assertThat(trade.price()).isEqualTo(new BigDecimal("61234.56"));
            assertThat(trade.quantity()).isEqualTo(new BigDecimal("0.0132"));
        });
    }

    static Stream<Arguments> garbage() {
        String trade = "{\"symbol\":\"BTCUSDT\",\"topic\":\"trade\",\"data\":[%s]}";
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("not json at all", "not JSON"),
                Arguments.of("[1,2,3]", "JSON object"),
                Arguments.of("{\"symbol\":\"BTCUSDT\",\"data\":[]}", "'topic'"),
                Arguments.of("{\"symbol\":\"BTCUSDT\",\"topic\":\"depth\",\"data\":[]}", "unexpected topic 'depth'"),
                Arguments.of("{\"symbol\":\"BTCUSDT\",\"topic\":\"trade\"}", "no 'data'"),
                Arguments.of("{\"symbol\":\"BTCUSDT\",\"topic\":\"trade\",\"data\":{}}", "should be an array"),
                Arguments.of("{\"topic\":\"trade\",\"data\":[]}", "'symbol'"),
                Arguments.of(trade.formatted("42"), "should be an object"),
                Arguments.of(trade.formatted("{\"v\":\"1\",\"t\":1709287205123,\"p\":\"abc\",\"q\":\"1\"}"), "'p' should be a decimal"),
                Arguments.of(trade.formatted("{\"v\":\"1\",\"t\":\"soon\",\"p\":\"1\",\"q\":\"1\"}"), "'t' should be epoch milliseconds"),
                Arguments.of(trade.formatted("{\"v\":\"1\",\"t\":1709287205123,\"p\":\"-5\",\"q\":\"1\"}"), "impossible"),
                Arguments.of(trade.formatted("{\"v\":\"1\",\"t\":1709287205123,\"p\":\"5\",\"q\":\"0\"}"), "impossible"),
                Arguments.of(trade.formatted("{\"t\":1709287205123,\"p\":\"5\",\"q\":\"1\"}"), "'v'"),
                Arguments.of(trade.formatted("{\"v\":\"1\",\"t\":1709287205123,\"p\":\"5\",\"q\":\"1\",\"m\":\"maybe\"}"), "true or false"),
                Arguments.of("{\"symbol\":\"BTCUSDT\",\"topic\":\"kline\",\"data\":[]}", "klineType"),
                Arguments.of("{\"symbol\":\"BTCUSDT\",\"topic\":\"kline_1m\",\"data\":[{\"t\":1,\"o\":\"5\",\"h\":\"4\",\"l\":\"3\",\"c\":\"4\",\"v\":\"1\"}]}",
                        "do not enclose"),
                Arguments.of("{\"pong\":\"later\"}", "pong"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("garbage")
    void shouldExplainWhatIsWrongWhenAFrameIsGarbage(String frame, String expectedInMessage) {
        assertThatThrownBy(() -> WsMessageParser.parse(frame))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining(expectedInMessage);
    }
}
