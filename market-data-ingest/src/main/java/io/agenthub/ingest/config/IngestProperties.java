package io.agenthub.ingest.config;

import io.agenthub.kafka.KafkaSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything market-data-ingest can be told, with its defaults, bound from {@code agenthub.ingest.*} (environment:
 * {@code AGENTHUB_INGEST_FEED=replay}, ...). Unknown keys are rejected so that a typo fails at start-up.
 */
@Validated
@ConfigurationProperties(prefix = "agenthub.ingest", ignoreUnknownFields = false)
public record IngestProperties(
        @NotNull @Valid @DefaultValue KafkaSettings kafka,
        @NotNull @DefaultValue("auto") FeedKind feed,
        @NotEmpty @DefaultValue("BTC/USDT") List<String> symbols,
        @NotNull @Valid @DefaultValue Replay replay,
        @NotNull @Valid @DefaultValue Synthetic synthetic,
        @NotNull @Valid @DefaultValue HashKey hashkey,
        @NotNull @Valid @DefaultValue Bars bars,
        @NotNull @DefaultValue("1s") Duration watermarkInterval) {

    public IngestProperties {
        kafka = kafka.orApplicationId("agenthub-market-bars");
    }

    /**
     * @param file        candles to replay; empty for the bundled BTC/USDT dataset
     * @param symbol      the symbol the file's candles are for
     * @param speed       multiple of real time; 0 for as fast as possible
     * @param anchorToNow shift the replay so that its first candle opens {@code history} before the current minute
     * @param history     with anchorToNow, how much of the file is published at once as the past, for agents to warm up on
     */
    public record Replay(
            Path file,
            @NotBlank @DefaultValue("BTC/USDT") String symbol,
            @PositiveOrZero @DefaultValue("1") double speed,
            @DefaultValue("true") boolean loop,
            @DefaultValue("true") boolean anchorToNow,
            @NotNull @DefaultValue("1d") Duration history) {
    }

    public record Synthetic(
            @DefaultValue("42") long seed,
            @NotNull @DefaultValue("250ms") Duration tickInterval,
            @PositiveOrZero @DefaultValue("1") double speed,
            @DecimalMin("0.01") @DefaultValue("0.5") double calmVolatility,
            @DecimalMin("0.01") @DefaultValue("1.5") double turbulentVolatility,
            @PositiveOrZero @DefaultValue("0.5") double regimeSwitchPerHour,
            @DecimalMin("0.00000001") @DefaultValue("0.05") double meanSize,
            @NotNull @DefaultValue("1d") Duration history) {
    }

    /**
     * @param sandbox     use HashKey's sandbox hosts
     * @param restBaseUrl REST host override (empty: production or sandbox host)
     * @param wsUrl       public WebSocket override (empty: production or sandbox host)
     * @param lateness    how far the watermark stays behind the venue's clock (trades arrive with some delay)
     */
    public record HashKey(
            @DefaultValue("false") boolean sandbox,
            @NotNull @DefaultValue("") String restBaseUrl,
            @NotNull @DefaultValue("") String wsUrl,
            @NotNull @DefaultValue("2s") Duration probeTimeout,
            @NotNull @DefaultValue("2s") Duration lateness) {
    }

    /**
     * @param timeframes bar topics to build ({@code market.bars.<tf>})
     * @param grace      how long after a bar's end a late tick is still taken without a watermark
     */
    public record Bars(
            @DefaultValue("true") boolean enabled,
            @NotEmpty @DefaultValue({"1s", "1m"}) List<String> timeframes,
            @NotNull @DefaultValue("2s") Duration grace) {
    }
}
