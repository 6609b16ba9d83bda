package io.agenthub.core.market;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolTest {

    @ParameterizedTest
    @ValueSource(strings = {"BTC/USDT", "btc/usdt", "BTC-USDT", "BTC_USDT", "BTCUSDT", " btcusdt "})
    void shouldNormaliseToCanonicalFormWhenWrittenAnyAcceptedWay(String text) {
        Symbol symbol = Symbol.parse(text);

        assertThat(symbol).isEqualTo(new Symbol("BTC", "USDT"));
        assertThat(symbol.toString()).isEqualTo("BTC/USDT");
        assertThat(symbol.venueSymbol()).isEqualTo("BTCUSDT");
    }

    @Test
    void shouldPreferLongestQuoteWhenVenueFormIsAmbiguous() {
        assertThat(Symbol.parse("ETHUSDC")).isEqualTo(new Symbol("ETH", "USDC"));
        assertThat(Symbol.parse("ETHBTC")).isEqualTo(new Symbol("ETH", "BTC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "BTC", "BTC/USDT/X", "B/USDT", "BTC/BTC", "BTC USDT", "€/USDT"})
    void shouldRejectWithClearMessageWhenTextIsNotASymbol(String text) {
        assertThatThrownBy(() -> Symbol.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BTC/USDT");
    }

    @Test
    void shouldRejectUnknownSymbolNamingTheSupportedOnesWhenNotInCatalogue() {
        assertThatThrownBy(() -> Instruments.defaults().resolve("PEPE/USDT"))
                .isInstanceOf(UnknownSymbolException.class)
                .hasMessageContaining("PEPE/USDT is not supported")
                .hasMessageContaining("BTC/USDT");
    }

    @Test
    void shouldResolveVenueSpellingWhenSupported() {
        assertThat(Instruments.defaults().resolve("ethusdt").symbol()).isEqualTo(new Symbol("ETH", "USDT"));
    }
}
