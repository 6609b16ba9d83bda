package io.agenthub.core.trading;

import java.util.ArrayList;
import java.util.List;

/** Keeps what an agent emitted. */
final class RecordingOutputs implements AgentOutputs {

    final List<OrderRequest> orders = new ArrayList<>();
    final List<PositionUpdate> positions = new ArrayList<>();
    final List<AgentLog> logs = new ArrayList<>();

    @Override
    public void order(OrderRequest order) {
        orders.add(order);
    }

    @Override
    public void position(PositionUpdate update) {
        positions.add(update);
    }

    @Override
    public void log(AgentLog log) {
        logs.add(log);
    }

    OrderRequest lastOrder() {
        return orders.getLast();
    }
}
