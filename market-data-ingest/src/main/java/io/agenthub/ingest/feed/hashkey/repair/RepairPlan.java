package io.agenthub.ingest.feed.hashkey.repair;

import io.agenthub.core.market.MarketTick;

import java.util.List;

/**
 * What to publish for one minute after it was repaired from the venue's kline.
 *
 * @param ticks          ticks to publish, in this order (ids start with {@code bf-})
 * @param contradictions what the kline contradicts in what was already published (empty when the minute could be
 *                       made exact); each entry reads as a sentence for a WARN log
 */
public record RepairPlan(List<MarketTick> ticks, List<String> contradictions) {

    public static final RepairPlan NOTHING = new RepairPlan(List.of(), List.of());

    public RepairPlan {
        ticks = List.copyOf(ticks);
        contradictions = List.copyOf(contradictions);
    }
}
