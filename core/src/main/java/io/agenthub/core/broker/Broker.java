package io.agenthub.core.broker;

import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An account at a venue (NautilusTrader's execution client, LEAN's brokerage): the one port orders leave the hub
 * through. Paper and live are adapters of it, chosen per agent by configuration.
 *
 * <p>{@link #submit} answers what the venue said to the order at once; every later change (fills, cancellations,
 * stops triggered) reaches the listeners given to {@link #subscribe} as {@link OrderUpdate}s, and can be read back
 * with {@link #order}, {@link #openOrders} and {@link #executions} (for reconciliation after a restart or a lost
 * connection). Calls that fail throw {@link BrokerException}, whose outcome says whether the order may exist.
 */
public interface Broker {

    /** The venue's name as it appears on execution reports: {@code paper}, {@code hashkey}. */
    String venue();

    /**
     * Places an order. The client order id must be new: a venue refuses one it has seen ({@link BrokerException.Outcome#DUPLICATE}).
     *
     * @return the order as the venue took it (it may already be filled) or refused it ({@link OrderStatus#REJECTED})
     * @throws BrokerException when the venue could not be asked or answered with an error
     */
    VenueOrder submit(OrderCommand command);

    /**
     * Cancels an open order.
     *
     * @return the order after the cancellation (an order that filled first stays filled)
     * @throws BrokerException {@code REFUSED} with the venue's code when it has no such open order
     */
    VenueOrder cancel(Symbol symbol, ClientOrderId clientOrderId);

    /** The order with this client order id, or empty when the venue has none. */
    Optional<VenueOrder> order(Symbol symbol, ClientOrderId clientOrderId);

    /** Orders still working in {@code symbol}. */
    List<VenueOrder> openOrders(Symbol symbol);

    /** Fills in {@code symbol} at or after {@code fromTime} (epoch ms), oldest first. */
    List<Execution> executions(Symbol symbol, long fromTime);

    /** Balances and positions. */
    AccountState account();

    /** Every later change of this account's orders goes to {@code listener}. */
    void subscribe(Consumer<OrderUpdate> listener);
}
