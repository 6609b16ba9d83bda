package io.agenthub.api.projection;

import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.ExecutionStatus;
import io.agenthub.schemas.topics.Topics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Execution reports from {@code orders.executions}: each fill becomes a trade; refusals and cancellations are kept
 * as order events, so a trader can see why an order did not happen. Acknowledgements are not kept.
 */
public final class ExecutionProjection extends Projection<ExecutionReport> {

    public ExecutionProjection(Topics topics, Services services) {
        super("executions", topics, Topics::ordersExecutions, ExecutionReport::getAgentId, services);
    }

    @Override
    protected boolean apply(ExecutionReport report) {
        Timestamp time = Timestamp.from(report.getEventTime());
        switch (report.getStatus()) {
            case FILLED, PARTIALLY_FILLED -> {
                if (report.getLastQuantity() == null || report.getLastPrice() == null) {
                    return false;
                }
                return jdbc.sql("""
                                INSERT INTO trades (event_id, agent_id, time, client_order_id, venue_order_id, venue, symbol, side,
                                                    quantity, price, fee, fee_asset, liquidity, trade_id)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")
                        .params(report.getEventId(), report.getAgentId(), time, report.getClientOrderId(), report.getVenueOrderId(),
                                report.getVenue(), report.getSymbol(), report.getSide().name(),
                                Decimals.fromWire(report.getLastQuantity()), Decimals.fromWire(report.getLastPrice()),
                                report.getFee() == null ? BigDecimal.ZERO : Decimals.fromWire(report.getFee()), report.getFeeAsset(),
                                report.getLiquidity() == null ? null : report.getLiquidity().name(), report.getTradeId())
                        .update() == 1;
            }
            case REJECTED, CANCELLED -> {
                return jdbc.sql("""
                                INSERT INTO order_events (event_id, agent_id, time, client_order_id, status, side, quantity,
                                                          reject_code, reject_reason)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")
                        .params(report.getEventId(), report.getAgentId(), time, report.getClientOrderId(), report.getStatus().name(),
                                report.getSide().name(), Decimals.fromWire(report.getOrderQuantity()), report.getRejectCode(),
                                report.getRejectReason())
                        .update() == 1;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    protected void announce(ExecutionReport report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", report.getStatus().name().toLowerCase(Locale.ROOT));
        fields.put("client_order_id", report.getClientOrderId());
        fields.put("venue", report.getVenue());
        fields.put("symbol", report.getSymbol());
        fields.put("side", report.getSide().name());
        fields.put("time", report.getEventTime().toString());
        if (report.getStatus() == ExecutionStatus.FILLED || report.getStatus() == ExecutionStatus.PARTIALLY_FILLED) {
            fields.put("quantity", Decimals.fromWire(report.getLastQuantity()));
            fields.put("price", Decimals.fromWire(report.getLastPrice()));
            fields.put("fee", report.getFee() == null ? BigDecimal.ZERO : Decimals.fromWire(report.getFee()));
            live.publish(report.getAgentId(), "trade", fields);
        } else {
            fields.put("reject_code", report.getRejectCode());
            fields.put("reject_reason", report.getRejectReason());
            live.publish(report.getAgentId(), "order_refused", fields);
        }
    }
}
