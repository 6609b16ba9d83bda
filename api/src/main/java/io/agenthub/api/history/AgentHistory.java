package io.agenthub.api.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.agenthub.api.web.PageCursor;
import io.agenthub.schemas.Decimals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Queries over what the projections keep: logs, trades, order refusals, position history. Newest first. */
@Repository
public class AgentHistory {

    public record LogLine(String eventId, Instant time, String level, String message, Map<String, String> fields) {
    }

    public record Trade(String eventId, Instant time, String clientOrderId, String venueOrderId, String venue, String symbol,
                        String side, BigDecimal quantity, BigDecimal price, BigDecimal fee, String feeAsset, String liquidity,
                        String tradeId) {
    }

    public record OrderEvent(String eventId, Instant time, String clientOrderId, String status, String side, BigDecimal quantity,
                             String rejectCode, String rejectReason) {
    }

    public record PositionChange(String eventId, Instant time, String positionId, String symbol, String kind, String side,
                                 BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal markPrice, BigDecimal realizedPnl,
                                 BigDecimal unrealizedPnl, BigDecimal fees, int leverage, BigDecimal liquidationPrice,
                                 BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal exitPrice, String closeReason) {

        /** The position's net result so far: realised (before fees) plus unrealised at the mark while open, less fees. */
        @JsonProperty("total_pnl")
        public BigDecimal totalPnl() {
            BigDecimal open = "CLOSED".equals(kind) || unrealizedPnl == null ? BigDecimal.ZERO : unrealizedPnl;
            return realizedPnl.add(open).subtract(fees).stripTrailingZeros();
        }
    }

    public record Decision(String eventId, Instant time, String kind, String provider, String model, String promptDigest,
                           String evidence, String reply, String reasoning, String decision, List<String> validationNotes,
                           long latencyMs, Integer inputTokens, Integer outputTokens, boolean fallback, String fallbackReason) {
    }

    public record Plan(Instant time, long requestSequence, String strategyName, int lookback, BigDecimal threshold,
                       BigDecimal maxLossPct, Map<String, BigDecimal> params, String reasoning, String provider, String model,
                       boolean fallback, String fallbackReason, String decisionId) {
    }

    private static final TypeReference<List<String>> NOTES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, BigDecimal>> PARAMS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AgentHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<LogLine> logs(String agentId, Collection<String> levels, Instant from, Instant to, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT event_id, time, level, message, fields::text FROM agent_logs WHERE agent_id = ?");
        List<Object> params = new ArrayList<>(List.of(agentId));
        if (!levels.isEmpty()) {
            sql.append(" AND level IN (").append(String.join(",", levels.stream().map(l -> "?").toList())).append(")");
            params.addAll(levels);
        }
        window(sql, params, from, to, after);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new LogLine(rs.getString(1), instant(rs, 2), rs.getString(3).toLowerCase(java.util.Locale.ROOT), rs.getString(4),
                        json.readValue(rs.getString(5), FIELDS)))
                .list();
    }

    public List<Trade> trades(String agentId, Instant from, Instant to, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT event_id, time, client_order_id, venue_order_id, venue, symbol, side, quantity, price, fee, fee_asset,
                       liquidity, trade_id FROM trades WHERE agent_id = ?""");
        List<Object> params = new ArrayList<>(List.of(agentId));
        window(sql, params, from, to, after);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Trade(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), Decimals.fromWire(rs.getBigDecimal(8)), Decimals.fromWire(rs.getBigDecimal(9)),
                        Decimals.fromWire(rs.getBigDecimal(10)), rs.getString(11), rs.getString(12), rs.getString(13)))
                .list();
    }

    public List<OrderEvent> orderEvents(String agentId, Instant from, Instant to, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT event_id, time, client_order_id, status, side, quantity, reject_code, reject_reason
                FROM order_events WHERE agent_id = ?""");
        List<Object> params = new ArrayList<>(List.of(agentId));
        window(sql, params, from, to, after);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new OrderEvent(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Decimals.fromWire(rs.getBigDecimal(6)), rs.getString(7), rs.getString(8)))
                .list();
    }

    public List<Decision> decisions(String agentId, String kind, PageCursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT event_id, time, kind, provider, model, prompt_digest, evidence, reply, reasoning, decision,
                       validation_notes::text, latency_ms, input_tokens, output_tokens, fallback, fallback_reason
                FROM decisions WHERE agent_id = ?""");
        List<Object> params = new ArrayList<>(List.of(agentId));
        if (kind != null) {
            sql.append(" AND kind = ?");
            params.add(kind);
        }
        window(sql, params, null, null, after);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Decision(rs.getString(1), instant(rs, 2), rs.getString(3).toLowerCase(java.util.Locale.ROOT),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), json.readValue(rs.getString(11), NOTES), rs.getLong(12), (Integer) rs.getObject(13),
                        (Integer) rs.getObject(14), rs.getBoolean(15), rs.getString(16)))
                .list();
    }

    public java.util.Optional<Plan> plan(String agentId) {
        return jdbc.sql("""
                        SELECT time, request_sequence, strategy_name, lookback, threshold, max_loss_pct, params::text, reasoning, provider,
                               model, fallback, fallback_reason, decision_id FROM plans WHERE agent_id = ?""")
                .param(agentId)
                .query((rs, n) -> new Plan(instant(rs, 1), rs.getLong(2), rs.getString(3), rs.getInt(4), Decimals.fromWire(rs.getBigDecimal(5)),
                        Decimals.fromWire(rs.getBigDecimal(6)), json.readValue(rs.getString(7), PARAMS), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getBoolean(11), rs.getString(12), rs.getString(13)))
                .optional();
    }

    /** The open position at its last change (null when flat), and the closed ones, newest first. */
    public record Positions(PositionChange current, List<PositionChange> closed) {
    }

    /** The agent's positions, from its settled position history ({@link #positionChanges}). */
    public Positions positions(String agentId) {
        PositionChange current = null;
        List<PositionChange> closed = new ArrayList<>();
        for (PositionChange change : positionChanges(agentId)) {
            if ("CLOSED".equals(change.kind())) {
                closed.addFirst(change);
                if (current != null && current.positionId().equals(change.positionId())) {
                    current = null;
                }
            } else {
                current = change;
            }
        }
        return new Positions(current, closed);
    }

    /**
     * Every position change of the agent, oldest first (the P&L series is computed from it); a position's close is final,
     * so nothing of it that sorts after its close is included ({@code settled_position_events}).
     */
    public List<PositionChange> positionChanges(String agentId) {
        return jdbc.sql("""
                        SELECT event_id, time, position_id, symbol, kind, side, quantity, average_entry_price, mark_price,
                               realized_pnl, unrealized_pnl, fees, leverage, liquidation_price, stop_loss, take_profit, exit_price,
                               close_reason
                        FROM settled_position_events WHERE agent_id = ? ORDER BY time, event_id""")
                .param(agentId)
                .query(AgentHistory::positionChange)
                .list();
    }

    private static PositionChange positionChange(ResultSet rs, int row) throws SQLException {
        return new PositionChange(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                Decimals.fromWire(rs.getBigDecimal(7)), Decimals.fromWire(rs.getBigDecimal(8)), Decimals.fromWire(rs.getBigDecimal(9)), Decimals.fromWire(rs.getBigDecimal(10)),
                Decimals.fromWire(rs.getBigDecimal(11)), Decimals.fromWire(rs.getBigDecimal(12)), rs.getInt(13), Decimals.fromWire(rs.getBigDecimal(14)),
                Decimals.fromWire(rs.getBigDecimal(15)), Decimals.fromWire(rs.getBigDecimal(16)), Decimals.fromWire(rs.getBigDecimal(17)), rs.getString(18));
    }

    /** Time window and keyset, newest first. */
    private static void window(StringBuilder sql, List<Object> params, Instant from, Instant to, PageCursor after) {
        if (from != null) {
            sql.append(" AND time >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND time < ?");
            params.add(Timestamp.from(to));
        }
        if (after != null) {
            sql.append(" AND (time, event_id) < (?, ?)");
            params.add(Timestamp.from(after.time()));
            params.add(after.id());
        }
        sql.append(" ORDER BY time DESC, event_id DESC LIMIT ?");
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
