package io.agenthub.core.market;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeframeTest {

    @ParameterizedTest
    @CsvSource({"1s,1", "60s,60", "1m,60", "5m,300", "1h,3600", "4h,14400", "1d,86400"})
    void shouldParseLabelWhenWellFormed(String label, long seconds) {
        assertThat(Timeframe.parse(label).length()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void shouldUseShortestLabelWhenPrinted() {
        assertThat(Timeframe.ofSeconds(60).label()).isEqualTo("1m");
        assertThat(Timeframe.ofSeconds(90).label()).isEqualTo("90s");
        assertThat(Timeframe.ofSeconds(7200).label()).isEqualTo("2h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0s", "1x", "m", "-1m", "8d", "1.5m"})
    void shouldRejectWhenLabelIsMalformedOrOutOfRange(String label) {
        assertThatThrownBy(() -> Timeframe.parse(label)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAlignOpenTimeToEpochWhenTimeIsInsideBar() {
        Instant t = Instant.parse("2023-03-01T00:07:42.123Z");

        assertThat(Timeframe.ONE_MINUTE.openTimeOf(t)).isEqualTo(Instant.parse("2023-03-01T00:07:00Z"));
        assertThat(Timeframe.parse("5m").openTimeOf(t)).isEqualTo(Instant.parse("2023-03-01T00:05:00Z"));
        assertThat(Timeframe.ONE_SECOND.openTimeOf(t)).isEqualTo(Instant.parse("2023-03-01T00:07:42Z"));
    }

    @Test
    void shouldAlignBeforeEpochWhenTimeIsNegative() {
        assertThat(Timeframe.ONE_MINUTE.openTimeOf(Instant.ofEpochMilli(-1))).isEqualTo(Instant.ofEpochMilli(-60_000));
    }
}
