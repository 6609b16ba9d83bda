package io.agenthub.ingest.feed.hashkey.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static io.agenthub.ingest.feed.hashkey.HashKeyFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KlineRowsTest {

    @Test
    void shouldReadCandlesWhenRowsFollowTheDocumentedLayout() throws Exception {
        // Given two rows, the second with the close time 0 the venue sometimes answers
        String body = resource("rest-klines.json");

        // When they are parsed
        var candles = KlineRows.parse(body, 60_000);

        // Then open time, OHLC and volume are exact and the close time is not held against the row
        assertThat(candles).containsExactly(
                new VenueCandle(1709287200000L, new BigDecimal("61230.00"), new BigDecimal("61240.00"), new BigDecimal("61229.75"),
                        new BigDecimal("61235.10"), new BigDecimal("1.50820")),
                new VenueCandle(1709287260000L, new BigDecimal("61235.10"), new BigDecimal("61236.00"), new BigDecimal("61201.30"),
                        new BigDecimal("61210.00"), new BigDecimal("0.01122")));
    }

    @Test
    void shouldReadServerTimeAndErrorBodiesWhenTheVenueAnswersThem() throws Exception {
        assertThat(RestBodies.serverTime(resource("rest-time.json"))).isEqualTo(1709287211532L);
        assertThat(RestBodies.error(resource("rest-error.json")))
                .contains(new RestBodies.VenueErrorBody("0001", "Required field 'symbol' missing or invalid."));
        assertThat(RestBodies.error(resource("rest-klines.json"))).isEmpty();
        assertThat(RestBodies.isObject("{}")).isTrue();
        assertThat(RestBodies.isObject("pong")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"code\":\"0001\"}                                             | should be an array of rows",
            "[[1709287200000,\"1\",\"1\"]]                                   | should be an array [openTime",
            "[[1709287200001,\"1\",\"1\",\"1\",\"1\",\"1\"]]                 | not aligned",
            "[[1709287200000,\"1\",\"x\",\"1\",\"1\",\"1\"]]                 | high should be a decimal",
            "[[1709287200000,\"2\",\"1\",\"1\",\"1\",\"1\"]]                 | impossible",
            "[[\"yesterday\",\"1\",\"1\",\"1\",\"1\",\"1\"]]                 | openTime should be epoch milliseconds"})
    void shouldExplainWhatIsWrongWhenARowIsMalformed(String body, String expectedInMessage) {
        assertThatThrownBy(() -> KlineRows.parse(body, 60_000))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining(expectedInMessage.strip());
    }
}
