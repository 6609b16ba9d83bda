package io.agenthub.api.market;

import io.agenthub.api.app.ApiProperties;
import io.agenthub.api.web.PageCursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The public leaderboard: agents whose owners opted in ({@code public_leaderboard: true}), ranked by return on the
 * paper balance. It shows what an agent trades and how it did, never who owns it.
 */
@RestController
public class LeaderboardController {

    public record Entry(int rank, String agentId, String symbol, String strategyName, boolean liveMode, BigDecimal returnPct,
                        BigDecimal totalPnl, long closedPositions, long wins, Instant since) {
    }

    private final JdbcClient jdbc;
    private final BigDecimal paperBalance;

    public LeaderboardController(JdbcClient jdbc, ApiProperties properties) {
        this.jdbc = jdbc;
        this.paperBalance = properties.agents().paperBalance();
    }

    @GetMapping("/api/leaderboard")
    List<Entry> leaderboard(@RequestParam(defaultValue = "50") int limit) {
        PageCursor.limit(limit, 500);
        List<Entry> rows = jdbc.sql("""
                        WITH listed AS (
                          SELECT id, symbol, strategy_name, live_mode, created_at FROM agents
                          WHERE deleted_at IS NULL AND (spec ->> 'public_leaderboard')::boolean),
                        latest AS (
                          SELECT DISTINCT ON (p.agent_id, p.position_id) p.agent_id, p.kind, p.realized_pnl, p.unrealized_pnl, p.fees
                          FROM settled_position_events p JOIN listed l ON l.id = p.agent_id
                          ORDER BY p.agent_id, p.position_id, p.time DESC, p.event_id DESC)
                        SELECT l.id, l.symbol, l.strategy_name, l.live_mode, l.created_at,
                               coalesce(sum(t.realized_pnl - t.fees + CASE WHEN t.kind = 'CLOSED' THEN 0 ELSE t.unrealized_pnl END), 0) AS pnl,
                               count(*) FILTER (WHERE t.kind = 'CLOSED') AS closed,
                               count(*) FILTER (WHERE t.kind = 'CLOSED' AND t.realized_pnl - t.fees > 0) AS wins
                        FROM listed l LEFT JOIN latest t ON t.agent_id = l.id
                        GROUP BY l.id, l.symbol, l.strategy_name, l.live_mode, l.created_at
                        ORDER BY pnl DESC, l.created_at, l.id LIMIT ?""")
                .param(limit)
                .query((rs, n) -> {
                    BigDecimal pnl = rs.getBigDecimal(6).stripTrailingZeros();
                    return new Entry(n + 1, rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            pnl.multiply(BigDecimal.valueOf(100)).divide(paperBalance, 4, RoundingMode.HALF_EVEN).stripTrailingZeros(),
                            pnl, rs.getLong(7), rs.getLong(8), rs.getObject(5, OffsetDateTime.class).toInstant());
                })
                .list();
        return rows;
    }
}
