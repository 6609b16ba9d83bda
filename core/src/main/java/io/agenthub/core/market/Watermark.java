package io.agenthub.core.market;

import java.time.Instant;
import java.util.Objects;

/** A feed's promise: no tick of {@code symbol} with an event time before {@code time} will follow. */
public record Watermark(Symbol symbol, Instant time) {

    public Watermark {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
    }
}
