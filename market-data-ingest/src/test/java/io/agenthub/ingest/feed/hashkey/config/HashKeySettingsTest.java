package io.agenthub.ingest.feed.hashkey.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashKeySettingsTest {

    @Test
    void shouldUseTheProductionHostsAndDefaultsWhenNothingIsOverridden() {
        HashKeySettings settings = HashKeySettings.production(List.of("BTCUSDT"));

        assertThat(settings.restBaseUrl()).isEqualTo(URI.create("https://api-glb.hashkey.com"));
        assertThat(settings.wsUrl()).isEqualTo(URI.create("wss://stream-glb.hashkey.com/quote/ws/v1"));
        assertThat(settings.pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.silenceTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.lateness()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.settleDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.watermarkInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.dedupWindow()).isEqualTo(50_000);
    }

    @Test
    void shouldUseTheSandboxHostsWhenAskedAndKeepEveryHostOverridable() {
        HashKeySettings sandbox = HashKeySettings.sandbox(List.of("BTCUSDT"));
        HashKeySettings local = sandbox.toBuilder().restBaseUrl(URI.create("http://127.0.0.1:8080"))
                .wsUrl(URI.create("ws://127.0.0.1:8080/quote/ws/v1")).build();

        assertThat(sandbox.restBaseUrl()).isEqualTo(URI.create("https://api-glb.sim.hashkeydev.com"));
        assertThat(sandbox.wsUrl()).isEqualTo(URI.create("wss://stream-glb.sim.hashkeydev.com/quote/ws/v1"));
        assertThat(local.restBaseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(local.wsUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(local.pingInterval()).isEqualTo(sandbox.pingInterval());
    }

    @Test
    void shouldSayWhatIsWrongWhenSettingsAreInvalid() {
        var base = HashKeySettings.builder(List.of("BTCUSDT"));

        assertThatThrownBy(() -> HashKeySettings.builder(List.of()).build()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> base.wsUrl(URI.create("https://stream-glb.hashkey.com")).build()).hasMessageContaining("wsUrl must be an absolute [");
        assertThatThrownBy(() -> HashKeySettings.builder(List.of("BTCUSDT")).restBaseUrl(URI.create("api-glb.hashkey.com")).build())
                .hasMessageContaining("restBaseUrl");
        assertThatThrownBy(() -> HashKeySettings.builder(List.of("BTCUSDT")).silenceTimeout(Duration.ofSeconds(5)).build())
                .hasMessageContaining("silenceTimeout").hasMessageContaining("longer than pingInterval");
        assertThatThrownBy(() -> HashKeySettings.builder(List.of("BTCUSDT")).reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageContaining("reconnectMaxBackoff");
        assertThatThrownBy(() -> HashKeySettings.builder(List.of("BTCUSDT")).lateness(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("lateness must not be negative");
        assertThatThrownBy(() -> HashKeySettings.builder(List.of("BTCUSDT")).maxBufferedTrades(0).build())
                .hasMessageContaining("maxBufferedTrades must be positive");
    }
}
