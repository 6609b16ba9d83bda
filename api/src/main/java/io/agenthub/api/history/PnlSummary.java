package io.agenthub.api.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's P&L from its position history: realised before fees (closed positions and the realised part of the open
 * one), unrealised (the open position at its last mark: the processor marks it once per interval), fees, and the total,
 * realised + unrealised - fees; win/loss counts by each closed position's net result; and the P&L series — the total
 * after each position change or mark, which is the equity curve relative to the starting balance.
 */
public record PnlSummary(BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal totalPnl, BigDecimal fees,
                         int closedPositions, int wins, int losses, BigDecimal winRate, List<Point> series) {

    public record Point(Instant time, BigDecimal pnl) {
    }

    static PnlSummary of(List<AgentHistory.PositionChange> changes) {
        Map<String, AgentHistory.PositionChange> latest = new LinkedHashMap<>();
        List<Point> series = new ArrayList<>();
        for (AgentHistory.PositionChange change : changes) {
            latest.put(change.positionId(), change);
            BigDecimal total = BigDecimal.ZERO;
            for (AgentHistory.PositionChange last : latest.values()) {
                total = total.add(last.totalPnl());
            }
            series.add(new Point(change.time(), total.stripTrailingZeros()));
        }
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        int closed = 0;
        int wins = 0;
        int losses = 0;
        for (AgentHistory.PositionChange last : latest.values()) {
            realized = realized.add(last.realizedPnl());
            fees = fees.add(last.fees());
            if ("CLOSED".equals(last.kind())) {
                closed++;
                if (last.totalPnl().signum() > 0) {
                    wins++;
                } else {
                    losses++;
                }
            } else {
                unrealized = unrealized.add(last.unrealizedPnl());
            }
        }
        BigDecimal winRate = closed == 0 ? null : BigDecimal.valueOf(wins).divide(BigDecimal.valueOf(closed), 4, java.math.RoundingMode.HALF_EVEN);
        return new PnlSummary(realized.stripTrailingZeros(), unrealized.stripTrailingZeros(),
                realized.add(unrealized).subtract(fees).stripTrailingZeros(), fees.stripTrailingZeros(), closed, wins, losses, winRate, series);
    }
}
