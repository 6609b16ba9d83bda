package io.agenthub.core.venue;

import io.agenthub.core.broker.AccountState;
import io.agenthub.core.broker.Broker;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** One account at the {@link PaperVenue}, as the {@link Broker} port. */
public final class PaperBroker implements Broker {

    private final PaperVenue venue;
    private final String account;

    PaperBroker(PaperVenue venue, String account) {
        this.venue = venue;
        this.account = account;
    }

    public String accountId() {
        return account;
    }

    @Override
    public String venue() {
        return PaperVenue.NAME;
    }

    @Override
    public VenueOrder submit(OrderCommand command) {
        return venue.submit(account, command);
    }

    @Override
    public VenueOrder cancel(Symbol symbol, ClientOrderId clientOrderId) {
        return venue.cancel(account, symbol, clientOrderId);
    }

    @Override
    public Optional<VenueOrder> order(Symbol symbol, ClientOrderId clientOrderId) {
        return venue.order(account, symbol, clientOrderId);
    }

    @Override
    public List<VenueOrder> openOrders(Symbol symbol) {
        return venue.openOrders(account, symbol);
    }

    @Override
    public List<Execution> executions(Symbol symbol, long fromTime) {
        return venue.executions(account, symbol, fromTime);
    }

    @Override
    public AccountState account() {
        return venue.accountState(account);
    }

    @Override
    public void subscribe(Consumer<OrderUpdate> listener) {
        venue.subscribe(update -> {
            if (account.equals(update.account())) {
                listener.accept(update);
            }
        });
    }
}
