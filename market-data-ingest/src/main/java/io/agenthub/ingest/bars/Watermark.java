package io.agenthub.ingest.bars;

import io.agenthub.core.market.Symbol;

import java.time.Instant;

/** A parsed {@code MarketWatermark}: no tick of {@code symbol} before {@code time} will follow. */
record Watermark(Symbol symbol, Instant time) {
}
