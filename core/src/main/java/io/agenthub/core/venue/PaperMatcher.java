package io.agenthub.core.venue;

import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.TimeInForce;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.TickKind;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.PositionSide;
import io.agenthub.core.trading.ProtectiveLevels;
import io.agenthub.core.trading.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * What a price does to the paper venue's orders and positions: a working order fills (where the {@link FillModel}
 * says), triggers, is cancelled or keeps waiting; a leveraged position whose liquidation price is reached is closed.
 * Every change goes to the {@link PaperLedger} and, as an {@link OrderUpdate}, to the venue's listeners.
 */
final class PaperMatcher {

    private final PaperLedger ledger;
    private final PaperVenue.Settings settings;
    private final Consumer<OrderUpdate> emit;

    PaperMatcher(PaperLedger ledger, PaperVenue.Settings settings, Consumer<OrderUpdate> emit) {
        this.ledger = ledger;
        this.settings = settings;
        this.emit = emit;
    }

    /**
     * Gives a working order a price: it fills, triggers, is cancelled (IOC, FOK) or keeps waiting. Where it fills is the
     * {@link FillModel}'s: an order that rested before this tick (or stands for one, a client's triggered level) fills
     * where a resting order would, one that arrives with this tick as a market or marketable order.
     */
    void work(PaperBook book, Instrument instrument, RestingOrder order, long time, BigDecimal price, TickKind kind, BigDecimal size) {
        boolean arriving = !order.arrived;
        order.arrived = true;
        OrderCommand c = order.command;
        boolean buy = c.side() == Side.BUY;
        ExecutionCosts costs = ledger.account(order.account).costs;
        int scale = instrument.priceScale();
        if (c.type().hasStopPrice() && !order.triggered) {
            if (buy ? price.compareTo(c.stopPrice()) < 0 : price.compareTo(c.stopPrice()) > 0) {
                return;
            }
            order.triggered = true;
            if (c.type() == OrderType.STOP_MARKET && !arriving) {
                fill(book, instrument, order, time, FillModel.triggered(c.side(), new OrderCommand.Trigger(OrderType.STOP_MARKET, c.stopPrice()),
                        price, kind, costs, scale), order.remaining());
                return;
            }
            arriving = true;
        }
        switch (order.working()) {
            case MARKET -> fill(book, instrument, order, time, c.trigger() == null ? FillModel.market(c.side(), price, costs, scale)
                    : FillModel.triggered(c.side(), c.trigger(), price, kind, costs, scale), order.remaining());
            case LIMIT -> {
                boolean crosses = buy ? price.compareTo(c.limitPrice()) <= 0 : price.compareTo(c.limitPrice()) >= 0;
                if (arriving) {
                    if (crosses) {
                        fill(book, instrument, order, time, FillModel.marketableLimit(c.side(), c.limitPrice(), price, costs, scale),
                                order.remaining());
                    } else if (c.timeInForce() != TimeInForce.GTC) {
                        cancel(book, instrument, order, time, null, c.timeInForce() + " limit " + c.limitPrice().toPlainString()
                                + " did not fill at once (price " + price.toPlainString() + ")");
                    }
                } else if (crosses) {
                    BigDecimal quantity = size.signum() > 0 ? order.remaining().min(size) : order.remaining();
                    fill(book, instrument, order, time, FillModel.triggered(c.side(), new OrderCommand.Trigger(OrderType.LIMIT, c.limitPrice()),
                            price, kind, costs, scale), quantity);
                }
            }
            default -> throw new IllegalStateException("a working order is a market or limit order");
        }
    }

    private void fill(PaperBook book, Instrument instrument, RestingOrder order, long time, FillModel.Priced priced, BigDecimal quantity) {
        BigDecimal price = priced.price();
        Liquidity liquidity = priced.liquidity();
        PaperAccount account = ledger.account(order.account);
        OrderCommand c = order.command;
        Symbol symbol = c.symbol();
        if (c.reduceOnly()) {
            BigDecimal reducible = reducible(account.position(symbol), c.side());
            if (reducible.signum() == 0) {
                cancel(book, instrument, order, time, "REDUCE_ONLY", "cancelled: the position it would reduce is closed");
                return;
            }
            quantity = quantity.min(reducible);
        }
        BigDecimal before = order.remaining();
        Fill fill = new Fill(c.clientOrderId(), c.side(), price, quantity, account.costs.fee(price.multiply(quantity), liquidity), liquidity, time);
        account.book(symbol, fill, c.leverage());
        order.filled = order.filled.add(quantity);
        order.filledValue = order.filledValue.add(price.multiply(quantity));
        order.fills++;
        boolean done = order.filled.compareTo(c.quantity()) >= 0;
        BigDecimal released = done ? order.reserved
                : order.reserved.multiply(quantity).divide(before, 8, RoundingMode.HALF_UP).min(order.reserved);
        order.reserved = order.reserved.subtract(released);
        account.reserved = account.reserved.subtract(released).max(BigDecimal.ZERO);
        order.status = done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        Execution execution = new Execution(fill, symbol, order.venueOrderId, PaperVenue.NAME + "-t-" + c.clientOrderId().value()
                + (order.fills > 1 ? "-" + order.fills : ""), symbol.quote());
        account.executed(execution);
        PaperAccount.Held held = account.positions.get(symbol);
        if (held != null && held.leverage() > 1) {
            book.leveraged.add(account.id);
        } else {
            book.leveraged.remove(account.id);
        }
        VenueOrder view = order.view(time, instrument.priceScale(), null, order.note);
        if (done) {
            book.orders.remove(order);
            account.finished(view);
        }
        ledger.touch(account);
        emit.accept(new OrderUpdate(account.id, view, execution));
    }

    VenueOrder cancel(PaperBook book, Instrument instrument, RestingOrder order, long time, String code, String reason) {
        PaperAccount account = ledger.account(order.account);
        order.status = OrderStatus.CANCELLED;
        account.reserved = account.reserved.subtract(order.reserved).max(BigDecimal.ZERO);
        order.reserved = BigDecimal.ZERO;
        book.orders.remove(order);
        VenueOrder view = order.view(time, instrument.priceScale(), code, reason);
        account.finished(view);
        ledger.touch(account);
        ledger.touch(order.command.symbol());
        emit.accept(new OrderUpdate(account.id, view, null));
        return view;
    }

    /** Leveraged positions whose liquidation price this tick reached are closed at its price, as a market order would be. */
    void liquidate(PaperBook book, Instrument instrument, long time, BigDecimal price) {
        Symbol symbol = instrument.symbol();
        for (Iterator<String> it = new ArrayList<>(book.leveraged).iterator(); it.hasNext(); ) {
            String accountId = it.next();
            PaperAccount account = ledger.account(accountId);
            PaperAccount.Held held = account == null ? null : account.positions.get(symbol);
            if (held == null || held.leverage() <= 1) {
                book.leveraged.remove(accountId);
                continue;
            }
            Position position = held.position();
            BigDecimal level = ProtectiveLevels.liquidationPrice(position.side(), position.averagePrice(), held.leverage(),
                    settings.maintenanceMarginRate(), instrument.priceScale());
            boolean reached = position.side() == PositionSide.LONG ? price.compareTo(level) <= 0 : price.compareTo(level) >= 0;
            if (!reached) {
                continue;
            }
            account.liquidations++;
            ClientOrderId id = new ClientOrderId(accountId + "-liquidation-" + account.liquidations);
            OrderCommand close = new OrderCommand(id, symbol, position.side().exitSide(), OrderType.MARKET, position.quantity(), null, null,
                    TimeInForce.IOC, true, held.leverage(), time, price, null);
            RestingOrder order = new RestingOrder(accountId, close, PaperVenue.NAME + "-" + id.value());
            order.arrived = true;
            order.note = "liquidated: price " + price.toPlainString() + " reached the liquidation price " + level.toPlainString();
            book.orders.add(order);
            account.open.put(id, symbol);
            fill(book, instrument, order, time, FillModel.market(close.side(), price, account.costs, instrument.priceScale()),
                    position.quantity());
        }
    }

    /** How much of an order on {@code side} reduces {@code position}. */
    static BigDecimal reducible(Position position, Side side) {
        return !position.isFlat() && position.side().exitSide() == side ? position.quantity() : BigDecimal.ZERO;
    }
}
