package io.agenthub.core.trading;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a trading agent says of what it does: its log lines and order reasons, made only for a reader that wants text. */
final class TradeLines {

    private TradeLines() {
    }

    static String trigger(OrderPurpose trigger, double price, ProtectiveLevels levels) {
        return switch (trigger) {
            case LIQUIDATION -> "price " + price + " reached the liquidation price " + levels.liquidationPrice();
            case STOP_LOSS -> "price " + price + " touched the stop-loss " + levels.stopLoss();
            default -> "price " + price + " touched the take-profit " + levels.takeProfit();
        };
    }

    static AgentLog notInFlight(Fill fill) {
        return new AgentLog(fill.time(), LogLevel.WARN, "fill for an order not in flight: " + fill.clientOrderId() + "; applied as reported",
                Map.of("client_order_id", fill.clientOrderId().value()));
    }

    static AgentLog opened(Fill fill, Position position, ProtectiveLevels levels) {
        return new AgentLog(fill.time(), LogLevel.ACTION, "opened " + position.side().name().toLowerCase() + " "
                + position.quantity().toPlainString() + " at " + fill.price().toPlainString()
                + ", stop " + levels.stopLoss().toPlainString() + ", take-profit " + levels.takeProfit().toPlainString(), fields(fill));
    }

    static AgentLog closed(Fill fill, OrderRequest order, String reason, Position after) {
        return new AgentLog(fill.time(), order != null && order.fillsAtTrigger() ? LogLevel.SL_TP : LogLevel.ACTION,
                "closed at " + fill.price().toPlainString() + " (" + reason + "), realised "
                        + after.realizedPnl().subtract(after.fees()).toPlainString() + " after fees", fields(fill));
    }

    static AgentLog rejected(ClientOrderId clientOrderId, String reason, long time) {
        return new AgentLog(time, LogLevel.ERROR, "order " + clientOrderId + " rejected: " + reason, Map.of("client_order_id", clientOrderId.value()));
    }

    static AgentLog resumed(String by, long time) {
        return new AgentLog(time, LogLevel.START, "resumed by " + by, Map.of());
    }

    static AgentLog halted(String reason, long time) {
        return new AgentLog(time, LogLevel.STOP, "halted: " + reason, Map.of());
    }

    static AgentLog riskChanged(ProtectiveLevels levels, long time) {
        return new AgentLog(time, LogLevel.ACTION, "risk settings changed: stop " + levels.stopLoss().toPlainString()
                + ", take-profit " + levels.takeProfit().toPlainString(), Map.of());
    }

    static AgentLog levelsMoved(String by, ProtectiveLevels next, List<String> notes, Map<String, String> fields, long time) {
        return new AgentLog(time, LogLevel.SUPERVISOR, by + " moved the stop to " + next.stopLoss().toPlainString() + " and the take-profit to "
                + next.takeProfit().toPlainString() + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"), fields);
    }

    static AgentLog buysNothing(double signal, BigDecimal price, long time) {
        return new AgentLog(time, LogLevel.WARN, "signal " + signalText(signal) + " but max_position_usd buys nothing at " + price.toPlainString(), Map.of());
    }

    static AgentLog marginShort(double signal, BigDecimal needed, BigDecimal cash, long time) {
        return new AgentLog(time, LogLevel.WARN, "signal " + signalText(signal) + " but margin " + needed.toPlainString()
                + " exceeds the balance " + cash.toPlainString(), Map.of());
    }

    static AgentLog placed(OrderRequest order) {
        return new AgentLog(order.decisionTime(), order.fillsAtTrigger() ? LogLevel.SL_TP : LogLevel.ACTION,
                order.side().name().toLowerCase() + " " + order.quantity().toPlainString() + " (" + order.purpose().name().toLowerCase()
                        + "): " + order.reason(),
                Map.of("client_order_id", order.clientOrderId().value(), "reference_price", order.referencePrice().toPlainString()));
    }

    private static String signalText(double signal) {
        return String.format(Locale.ROOT, "%+.2f", signal);
    }

    private static Map<String, String> fields(Fill fill) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_order_id", fill.clientOrderId().value());
        fields.put("price", fill.price().toPlainString());
        fields.put("quantity", fill.quantity().toPlainString());
        fields.put("fee", fill.fee().toPlainString());
        return fields;
    }
}
