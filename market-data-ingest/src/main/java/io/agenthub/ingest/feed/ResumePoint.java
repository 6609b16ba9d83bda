package io.agenthub.ingest.feed;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The last tick a feed published for a symbol before it stopped, read back from {@code market.ticks} so that a
 * restarted feed continues after it instead of publishing the same ticks again.
 */
public record ResumePoint(Instant eventTime, String tradeId, BigDecimal price) {
}
