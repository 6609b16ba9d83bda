package io.agenthub.testkit.hashkey.exchange;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The venue's trade-list paging: {@code startTime}/{@code endTime}, {@code fromId}/{@code toId}, {@code limit}. */
final class Paging {

    private Paging() {
    }

    /**
     * Fills within the time and id bounds; with only {@code fromId} the {@code limit} oldest above it (so a client can
     * page forward), otherwise the {@code limit} newest; returned newest first.
     */
    static List<FillRecord> select(Stream<FillRecord> fills, Params params, int limit) {
        Long startTime = params.optionalLong("startTime");
        Long endTime = params.optionalLong("endTime");
        Long fromId = params.optionalLong("fromId");
        Long toId = params.optionalLong("toId");
        List<FillRecord> ascending = fills
                .filter(f -> startTime == null || f.time() >= startTime)
                .filter(f -> endTime == null || f.time() <= endTime)
                .filter(f -> fromId == null || f.tradeId() > fromId)
                .filter(f -> toId == null || f.tradeId() < toId)
                .sorted(Comparator.comparingLong(FillRecord::tradeId))
                .toList();
        List<FillRecord> page = fromId != null && toId == null
                ? ascending.subList(0, Math.min(limit, ascending.size()))
                : ascending.subList(Math.max(0, ascending.size() - limit), ascending.size());
        return page.reversed();
    }
}
