package io.agenthub.api.projection;

import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.PositionEvent;
import io.agenthub.schemas.topics.Topics;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Position history from {@code positions.events}: the current position and the P&L series are read from it. */
public final class PositionProjection extends Projection<PositionEvent> {

    public PositionProjection(Topics topics, Services services) {
        super("positions", topics, Topics::positionsEvents, PositionEvent::getAgentId, services);
    }

    @Override
    protected boolean apply(PositionEvent event) {
        return jdbc.sql("""
                        INSERT INTO position_events (event_id, agent_id, time, position_id, symbol, kind, side, quantity,
                                                     average_entry_price, mark_price, realized_pnl, unrealized_pnl, fees, leverage,
                                                     liquidation_price, stop_loss, take_profit, exit_price, close_reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")
                .params(event.getEventId(), event.getAgentId(), Timestamp.from(event.getEventTime()), event.getPositionId(),
                        event.getSymbol(), event.getKind().name(), event.getSide().name(), Decimals.fromWire(event.getQuantity()),
                        Decimals.fromWire(event.getAverageEntryPrice()), Decimals.fromWire(event.getMarkPrice()),
                        Decimals.fromWire(event.getRealizedPnl()), Decimals.fromWire(event.getUnrealizedPnl()),
                        Decimals.fromWire(event.getFees()), event.getLeverage(), Decimals.fromWire(event.getLiquidationPrice()),
                        Decimals.fromWire(event.getStopLoss()), Decimals.fromWire(event.getTakeProfit()),
                        Decimals.fromWire(event.getExitPrice()), event.getCloseReason())
                .update() == 1;
    }

    @Override
    protected void announce(PositionEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("position_id", event.getPositionId());
        fields.put("kind", event.getKind().name().toLowerCase(Locale.ROOT));
        fields.put("side", event.getSide().name());
        fields.put("quantity", Decimals.fromWire(event.getQuantity()));
        fields.put("average_entry_price", Decimals.fromWire(event.getAverageEntryPrice()));
        fields.put("realized_pnl", Decimals.fromWire(event.getRealizedPnl()));
        fields.put("unrealized_pnl", Decimals.fromWire(event.getUnrealizedPnl()));
        fields.put("stop_loss", Decimals.fromWire(event.getStopLoss()));
        fields.put("take_profit", Decimals.fromWire(event.getTakeProfit()));
        fields.put("time", event.getEventTime().toString());
        live.publish(event.getAgentId(), "position", fields);
    }
}
