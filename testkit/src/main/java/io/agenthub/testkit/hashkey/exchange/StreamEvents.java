package io.agenthub.testkit.hashkey.exchange;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Collection;

import static io.agenthub.testkit.hashkey.exchange.Wire.dec;

/**
 * The private stream's events in the venue's shapes (FACTS §6.3–6.7). Spot events carry {@code E}/{@code O} as JSON
 * numbers (as the doc-derived fixtures do), contract events as strings (as the recorded ones do).
 */
final class StreamEvents {

    private StreamEvents() {
    }

    /**
     * {@code executionReport}: {@code l}, {@code L}, {@code n}, {@code N}, {@code m} describe {@code fill} (this
     * execution; zeros and {@code N: null} when there is none); {@code d} is the execution id, never a REST trade id.
     */
    static ObjectNode spotExecution(OrderState o, FillRecord fill, long executionId, long now) {
        ObjectNode e = Wire.object();
        e.put("e", "executionReport");
        e.put("E", now);
        e.put("s", o.instrument.symbol());
        e.put("c", o.clientOrderId);
        e.put("S", o.side);
        e.put("o", o.type);
        e.put("f", o.timeInForce);
        e.put("q", dec(o.origQty));
        e.put("p", dec(o.price));
        e.put("reqAmt", dec(o.reqAmount));
        e.put("X", o.status);
        e.put("d", Long.toString(fill != null ? fill.executionId() : executionId));
        e.put("i", Long.toString(o.orderId));
        e.put("l", fill != null ? dec(fill.quantity()) : "0");
        e.put("r", o.reqAmount.signum() > 0 ? "0" : dec(o.remaining()));
        e.put("z", dec(o.executedQty));
        e.put("L", fill != null ? dec(fill.price()) : "0");
        e.put("V", dec(o.averagePrice()));
        e.put("n", fill != null ? dec(fill.commission()) : "0");
        if (fill != null) {
            e.put("N", fill.commissionAsset());
        } else {
            e.putNull("N");
        }
        e.put("u", true);
        e.put("w", o.working());
        e.put("m", fill != null && fill.maker());
        e.put("O", o.time);
        e.put("Z", dec(o.cumulativeQuote));
        return e;
    }

    /**
     * {@code contractExecutionReport}: quantities in contracts, {@code o} LIMIT even for market orders, {@code Z} =
     * Σ price × contracts without the contract multiplier and {@code n} the fee of this execution in USDT, as recorded.
     */
    static ObjectNode contractExecution(OrderState o, FillRecord fill, long executionId, long now) {
        ObjectNode e = Wire.object();
        e.put("e", "contractExecutionReport");
        e.put("E", Long.toString(now));
        e.put("s", o.instrument.symbol());
        e.put("c", o.clientOrderId);
        e.put("S", o.side);
        e.put("o", o.type);
        e.put("f", o.timeInForce);
        e.put("q", dec(o.origQty));
        e.put("p", dec(o.price));
        e.put("X", o.status);
        e.put("i", Long.toString(o.orderId));
        e.put("l", fill != null ? dec(fill.quantity()) : "0");
        e.put("z", dec(o.executedQty));
        e.put("L", fill != null ? dec(fill.price()) : "");
        e.put("n", fill != null ? dec(fill.commission()) : "0");
        e.put("N", fill != null ? fill.commissionAsset() : "");
        e.put("u", true);
        e.put("w", o.working());
        e.put("m", fill != null && fill.maker());
        e.put("O", Long.toString(o.time));
        e.put("Z", dec(o.cumulativeQuote));
        e.put("C", !o.opens());
        e.put("v", Integer.toString(o.leverage));
        e.put("reqAmt", "0");
        e.put("d", Long.toString(fill != null ? fill.executionId() : executionId));
        e.put("r", dec(o.remaining()));
        e.put("V", dec(o.averagePrice()));
        e.put("P", "0");
        e.put("lo", false);
        e.put("lt", "");
        return e;
    }

    /** {@code ticketInfo}: one per execution; {@code T} is the REST {@code ticketId}; {@code S} BUY/SELL only; no fee. */
    static ObjectNode ticket(FillRecord fill, long now) {
        OrderState o = fill.order();
        ObjectNode e = Wire.object();
        e.put("e", "ticketInfo");
        e.put("E", Long.toString(now));
        e.put("s", o.instrument.symbol());
        e.put("q", o.perpetual() ? fill.quantity().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString() : dec(fill.quantity()));
        e.put("t", Long.toString(fill.time()));
        e.put("p", dec(fill.price()));
        e.put("T", Long.toString(fill.ticketId()));
        e.put("o", Long.toString(o.orderId));
        e.put("c", o.clientOrderId);
        if (!o.perpetual()) {
            e.put("O", Long.toString(fill.matchOrderId()));
        }
        e.put("a", Long.toString(o.perpetual() ? o.account.futuresAccountId : o.account.accountId));
        if (!o.perpetual()) {
            e.put("A", 0);
        }
        e.put("m", fill.maker());
        e.put("S", o.buy() ? "BUY" : "SELL");
        return e;
    }

    /** {@code outboundAccountInfo}: the changed spot assets, free and locked. */
    static ObjectNode spotAccount(Account a, Collection<String> assets, long now) {
        ObjectNode e = Wire.object();
        e.put("e", "outboundAccountInfo");
        e.put("E", now);
        e.put("T", true);
        e.put("W", true);
        e.put("D", true);
        ArrayNode balances = e.putArray("B");
        for (String asset : assets) {
            balances.addObject().put("a", asset).put("f", dec(a.free(asset)))
                    .put("l", dec(a.spotLocked.getOrDefault(asset, BigDecimal.ZERO)));
        }
        return e;
    }

    /** {@code outboundContractAccountInfo}: USDT available ({@code f}) and locked as margin ({@code l}). */
    static ObjectNode contractAccount(Account a, long now) {
        ObjectNode e = Wire.object();
        e.put("e", "outboundContractAccountInfo");
        e.put("E", Long.toString(now));
        e.put("T", true);
        e.put("W", true);
        e.put("D", true);
        e.putArray("B").addObject()
                .put("a", "USDT")
                .put("f", Wire.dec(a.available(), 8))
                .put("l", Wire.dec(a.positionMargin().add(a.orderMargin()), 8))
                .put("r", "");
        return e;
    }

    /** {@code outboundContractPositionInfo}; {@code P} "0" when the side went flat. */
    static ObjectNode position(Account a, PositionState p, BigDecimal last, long now) {
        ObjectNode e = Wire.object();
        e.put("e", "outboundContractPositionInfo");
        e.put("E", Long.toString(now));
        e.put("A", Long.toString(a.futuresAccountId));
        e.put("s", p.instrument.symbol());
        e.put("S", p.side);
        e.put("p", dec(p.averagePrice, 8));
        e.put("P", dec(p.contracts));
        e.put("a", dec(a.closable(p.instrument, p.side)));
        e.put("f", dec(p.liquidationPrice(), 2));
        e.put("m", dec(p.margin, 4));
        e.put("r", dec(p.realizedPnl, 4));
        e.put("up", dec(p.unrealizedPnl(last), 4));
        e.put("pr", dec(p.profitRate(last), 4));
        e.put("pv", dec(p.value(last), 4));
        e.put("v", BigDecimal.valueOf(p.leverage).setScale(2).toPlainString());
        e.put("mt", "CROSS");
        e.put("mm", dec(p.minMargin(last), 4));
        return e;
    }
}
