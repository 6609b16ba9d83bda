package io.agenthub.core.agent;

import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.LogLevel;
import io.agenthub.core.trading.OrderPurpose;
import io.agenthub.core.trading.TradingAgent;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** What a venue's report does to an agent: fills, refusals, a halt; and the owner's kill switch or delete, finished once flat. */
final class Executions {

    private Executions() {
    }

    static void apply(AgentKernel kernel, VenueReport report, KernelOutputs out) {
        TradingAgent trader = kernel.trader;
        long time = report.time();
        ClientOrderId id = report.clientOrderId();
        switch (report.status()) {
            case FILLED, PARTIALLY_FILLED -> {
                if (report.lastQuantity() == null || report.lastPrice() == null) {
                    if (report.status() == VenueReport.Status.FILLED) {
                        // the venue's last word on an order whose fills were all reported before
                        trader.onOrderDone(id);
                    } else {
                        out.log(time, LogLevel.ERROR, "execution report " + report.status() + " for " + id
                                + " without a fill quantity or price; ignored", Map.of("client_order_id", id.value()));
                        return;
                    }
                    break;
                }
                BigDecimal fee = report.fee() == null ? BigDecimal.ZERO : report.fee();
                trader.onFill(new Fill(id, report.side(), report.lastPrice(), report.lastQuantity(), fee, report.liquidity(), time),
                        report.status() == VenueReport.Status.FILLED, out);
                if (trader.position().isFlat()) {
                    kernel.advisors.positionClosed();
                }
            }
            case CANCELLED -> {
                if (trader.inFlight() == null || !trader.inFlight().clientOrderId().equals(id)) {
                    // the gateway's own orders at the venue (a live position's stop-loss and take-profit) are moved and
                    // taken away as the position changes; the agent did not send them
                    out.log(time, LogLevel.SL_TP, "the venue's protective order " + id + " was cancelled", Map.of("client_order_id", id.value()));
                } else {
                    rejected(kernel, report, out);
                }
            }
            case REJECTED -> rejected(kernel, report, out);
            case ACKNOWLEDGED -> {
            }
        }
        finishKillSwitch(kernel, time, out);
        kernel.checkHalted(time, out);
    }

    /** The venue refused or cancelled the order in flight; a halt in the report puts the agent in {@code error}. */
    private static void rejected(AgentKernel kernel, VenueReport report, KernelOutputs out) {
        String reason = (report.rejectCode() == null ? "" : report.rejectCode() + ": ")
                + (report.rejectReason() == null ? report.status().name().toLowerCase(Locale.ROOT) : report.rejectReason());
        kernel.trader.onRejected(report.clientOrderId(), reason, report.time(), out);
        boolean reconciliation = VenueReport.RECONCILIATION_FAILED.equals(report.rejectCode());
        if (report.halt() || reconciliation) {
            kernel.status(Lifecycle.ERROR, (reconciliation ? "reconciliation with " + report.venue()
                    + " failed: " : report.venue() + " cannot trade for this agent: ") + reason, report.time(), out);
        }
    }

    /**
     * After each execution while the owner's kill switch is pulled: an agent still running (stopping) says it stopped
     * once it is flat; one that still holds a position with no order in flight (an entry filled meanwhile, a close
     * refused) closes it at market.
     */
    private static void finishKillSwitch(AgentKernel kernel, long time, KernelOutputs out) {
        AgentSpec spec = kernel.spec;
        if (spec == null || !spec.flattenOnStop()) {
            return;
        }
        // deleted with close_position: deleted once flat; the kill switch: a running agent says it stopped once flat
        boolean deleting = spec.desired() == AgentSpec.Desired.DELETED;
        Lifecycle status = kernel.status;
        if (!deleting && (spec.desired() != AgentSpec.Desired.STOPPED || (status != Lifecycle.RUNNING && status != Lifecycle.STOPPED))) {
            return;
        }
        TradingAgent trader = kernel.trader;
        if (trader.position().isFlat() && trader.inFlight() == null) {
            if (deleting) {
                out.log(time, LogLevel.STOP, "deleted: flat", Map.of());
                kernel.status(Lifecycle.DELETED, null, time, out);
            } else if (status == Lifecycle.RUNNING) {
                out.log(time, LogLevel.STOP, "stopped by its owner's kill switch: flat", Map.of());
                kernel.status(Lifecycle.STOPPED, null, time, out);
            }
        } else if (!trader.position().isFlat() && trader.close(OrderPurpose.KILL_SWITCH,
                deleting ? "deleted by its owner: closed at market first" : "kill switch: flattened by its owner", time, out)) {
            out.log(time, LogLevel.STOP, (deleting ? "deleting" : "kill switch") + ": the position is being closed at market", Map.of());
        }
    }
}
