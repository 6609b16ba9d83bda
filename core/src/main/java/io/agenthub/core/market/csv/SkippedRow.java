package io.agenthub.core.market.csv;

/** A CSV row that was not turned into a candle, with the reason. Line numbers start at 1 and count the header. */
public record SkippedRow(long lineNumber, String reason) {
}
