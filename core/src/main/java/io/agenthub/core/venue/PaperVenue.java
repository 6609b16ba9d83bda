package io.agenthub.core.venue;

import io.agenthub.core.broker.AccountState;
import io.agenthub.core.broker.Balance;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.broker.VenuePosition;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Liquidity;
import io.agenthub.core.trading.Position;
import io.agenthub.core.trading.ProtectiveLevels;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The paper venue: a simulated margin exchange whose fills are the backtest engine's, with accounts per agent. It is
 * driven by the market's ticks and by orders, and keeps its state where its {@link Storage} says (the execution
 * gateway's state stores), so it survives restarts. Each account is a {@link PaperBroker}, the {@code Broker} port.
 *
 * <ul>
 *   <li><b>Market orders</b> fill at the first price at or after the moment they were decided (the venue's
 *   {@link PriceLog} says which), slipped against the order, with the taker fee: the backtest's fill, however late the
 *   order reached the venue. An order decided after every known tick waits for the next one.</li>
 *   <li><b>Limit orders</b> that cross at that first price take liquidity (taker fee, slipped, never beyond the limit);
 *   otherwise IOC and FOK orders are cancelled and GTC orders rest, and fill at their limit price (maker fee) on every
 *   later tick that reaches it, each tick giving at most its own size (partial fills).</li>
 *   <li><b>Stops</b> trigger when a tick reaches the stop price, then work as a market or limit order at that tick; a stop
 *   market order that rested before that tick fills where the {@link FillModel} says a resting stop fills (at its price
 *   where the price went through it on a candle's path, at the tick after a jump).</li>
 *   <li><b>Triggered market orders</b> (an agent's own stop-loss or take-profit, which it watches itself) fill where the
 *   stop or limit order they stand for would have filled at the tick that triggered them ({@link FillModel#triggered}).</li>
 *   <li><b>Margin</b> is isolated per position: an order that would open or add must find its margin (notional over
 *   leverage) and taker fee in the free balance, which open orders hold back until they fill or are cancelled. A
 *   leveraged position is liquidated at the first tick that reaches its liquidation price, closed at that tick's price
 *   like a market order (the same price and fee as the agent's own liquidation exit at that tick).</li>
 *   <li>Refused like an exchange refuses: a used client order id ({@code DUPLICATE_CLIENT_ORDER_ID}), a reduce-only
 *   order that would not reduce ({@code REDUCE_ONLY}), margin beyond the free balance ({@code INSUFFICIENT_MARGIN}),
 *   a symbol it does not list ({@code UNKNOWN_SYMBOL}).</li>
 * </ul>
 * Not thread-safe: one stream task drives one venue. This class takes the calls (orders, ticks, accounts); what a price
 * does to orders and positions is the {@link PaperMatcher}'s, and the books and accounts the {@link PaperLedger}'s.
 */
public final class PaperVenue {

    public static final String NAME = "paper";

    /** Where the venue keeps books and accounts between calls. Bytes are the venue's own format. */
    public interface Storage {
        byte[] loadBook(Symbol symbol);

        byte[] loadAccount(String account);

        void saveBook(Symbol symbol, byte[] bytes);

        void saveAccount(String account, byte[] bytes);

        /** Nothing beyond the venue object itself (tests, benchmarks, a backtest). */
        Storage NONE = new Storage() {
            @Override
            public byte[] loadBook(Symbol symbol) {
                return null;
            }

            @Override
            public byte[] loadAccount(String account) {
                return null;
            }

            @Override
            public void saveBook(Symbol symbol, byte[] bytes) {
            }

            @Override
            public void saveAccount(String account, byte[] bytes) {
            }
        };
    }

    /**
     * @param maintenanceMarginRate the isolated-margin maintenance rate of liquidation prices (the agents' risk layer
     *                              should use the same)
     */
    public record Settings(BigDecimal maintenanceMarginRate) {
        public Settings {
            Objects.requireNonNull(maintenanceMarginRate, "maintenanceMarginRate");
        }

        public static Settings defaults() {
            return new Settings(new BigDecimal("0.005"));
        }
    }

    private final Instruments instruments;
    private final Settings settings;
    private final Storage storage;
    private final PriceLog prices;
    private final PaperLedger ledger;
    private final PaperMatcher matcher;
    private final List<Consumer<OrderUpdate>> listeners = new CopyOnWriteArrayList<>();

    public PaperVenue(Instruments instruments, Settings settings, Storage storage, PriceLog prices) {
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.ledger = new PaperLedger(storage);
        this.matcher = new PaperMatcher(ledger, settings, this::emit);
    }

    /** A venue in memory only: nothing stored, the last 256 ticks of each symbol kept (tests, benchmarks, tools). */
    public static PaperVenue inMemory(Instruments instruments, Settings settings) {
        return new PaperVenue(instruments, settings, Storage.NONE, PriceLog.inMemory(256));
    }

    /** Every update of every account goes to {@code listener}, as it happens. */
    public void subscribe(Consumer<OrderUpdate> listener) {
        listeners.add(listener);
    }

    /** Drops what it holds in memory; the next call reads from the storage again (a revived stream task). */
    public void reload() {
        ledger.reload();
    }

    /** Opens an account with these costs and balance, or gives an existing one new costs (its balance stays). */
    public PaperBroker open(String account, ExecutionCosts costs, BigDecimal initialBalance) {
        PaperAccount existing = ledger.account(account);
        if (existing == null) {
            existing = new PaperAccount(account, costs, initialBalance);
            ledger.add(existing);
        } else {
            existing.costs = Objects.requireNonNull(costs, "costs");
        }
        ledger.touch(existing);
        ledger.flush();
        return new PaperBroker(this, account);
    }

    public boolean hasAccount(String account) {
        return ledger.account(account) != null;
    }

    /** The account as a broker; its calls are refused ({@code NO_ACCOUNT}) while it is not open. */
    public PaperBroker broker(String account) {
        return new PaperBroker(this, account);
    }

    // ---------------------------------------------------------------- orders

    VenueOrder submit(String accountId, OrderCommand c) {
        PaperAccount account = ledger.requireAccount(accountId);
        Instrument instrument = instrument(c.symbol());
        if (account.firstFormatPosition != null) {
            account.positions.put(c.symbol(), new PaperAccount.Held(account.firstFormatPosition, c.leverage()));
            account.firstFormatPosition = null;
        }
        if (account.used(c.clientOrderId())) {
            throw new BrokerException(BrokerException.Outcome.DUPLICATE, 0, "DUPLICATE_CLIENT_ORDER_ID", "client order id " + c.clientOrderId()
                    + " was already sent (last decision " + account.lastSequence + ")");
        }
        PaperBook book = ledger.book(c.symbol());
        PriceHistory.Point first = firstAtOrAfter(book, c.symbol(), c.decisionTime());
        Position position = account.position(c.symbol());
        BigDecimal reducible = PaperMatcher.reducible(position, c.side());
        if (c.reduceOnly() && (reducible.signum() == 0 || c.quantity().compareTo(reducible) > 0)) {
            throw BrokerException.refused("REDUCE_ONLY", "reduce-only " + c.side().name().toLowerCase() + " " + c.quantity().toPlainString()
                    + " would not reduce the position (" + describe(position) + ")");
        }
        BigDecimal opening = c.quantity().subtract(reducible).max(BigDecimal.ZERO);
        BigDecimal reserve = BigDecimal.ZERO;
        if (opening.signum() > 0) {
            BigDecimal price = expectedPrice(c, first);
            BigDecimal notional = price.multiply(opening);
            reserve = notional.divide(BigDecimal.valueOf(c.leverage()), 8, RoundingMode.HALF_UP).add(account.costs.fee(notional, Liquidity.TAKER));
            BigDecimal free = account.free();
            if (reserve.compareTo(free) > 0) {
                throw BrokerException.refused("INSUFFICIENT_MARGIN", "margin and fee " + reserve.toPlainString() + " exceed the free balance "
                        + free.toPlainString());
            }
        }
        account.use(c.clientOrderId());
        if (account.positions.isEmpty() && account.open.isEmpty() && account.executions.isEmpty()) {
            account.asset = c.symbol().quote();
        }
        RestingOrder order = new RestingOrder(accountId, c, NAME + "-" + c.clientOrderId().value());
        order.reserved = reserve;
        account.reserved = account.reserved.add(reserve);
        account.open.put(c.clientOrderId(), c.symbol());
        book.orders.add(order);
        ledger.touch(account);
        ledger.touch(c.symbol());
        if (first != null) {
            matcher.work(book, instrument, order, first.time(), first.price(), first.kind(), BigDecimal.ZERO);
        }
        VenueOrder result;
        if (order.status.isOpen()) {
            result = order.view(c.decisionTime(), instrument.priceScale(), null, null);
            emit(new OrderUpdate(accountId, result, null));
        } else {
            result = account.last(c.clientOrderId());
        }
        ledger.flush();
        return result;
    }

    VenueOrder cancel(String accountId, Symbol symbol, ClientOrderId id) {
        PaperAccount account = ledger.requireAccount(accountId);
        Instrument instrument = instrument(symbol);
        PaperBook book = ledger.book(symbol);
        for (RestingOrder order : book.orders) {
            if (order.account.equals(accountId) && order.command.clientOrderId().equals(id)) {
                long time = Math.max(order.command.decisionTime(), book.lastTime);
                VenueOrder cancelled = matcher.cancel(book, instrument, order, time, null, "cancelled by its owner");
                ledger.flush();
                return cancelled;
            }
        }
        VenueOrder done = account.last(id);
        if (done != null) {
            throw BrokerException.refused("ORDER_NOT_OPEN", "order " + id + " is " + done.status().name().toLowerCase() + ", not open");
        }
        throw BrokerException.refused("ORDER_NOT_FOUND", "no order " + id + " in " + symbol);
    }

    Optional<VenueOrder> order(String accountId, Symbol symbol, ClientOrderId id) {
        PaperAccount account = ledger.requireAccount(accountId);
        Instrument instrument = instrument(symbol);
        for (RestingOrder order : ledger.book(symbol).orders) {
            if (order.account.equals(accountId) && order.command.clientOrderId().equals(id)) {
                return Optional.of(order.view(order.command.decisionTime(), instrument.priceScale(), null, null));
            }
        }
        return Optional.ofNullable(account.last(id));
    }

    List<VenueOrder> openOrders(String accountId, Symbol symbol) {
        ledger.requireAccount(accountId);
        Instrument instrument = instrument(symbol);
        List<VenueOrder> open = new ArrayList<>();
        for (RestingOrder order : ledger.book(symbol).orders) {
            if (order.account.equals(accountId)) {
                open.add(order.view(order.command.decisionTime(), instrument.priceScale(), null, null));
            }
        }
        return open;
    }

    List<Execution> executions(String accountId, Symbol symbol, long fromTime) {
        PaperAccount account = ledger.requireAccount(accountId);
        List<Execution> fills = new ArrayList<>();
        for (Execution execution : account.executions) {
            if (execution.symbol().equals(symbol) && execution.fill().time() >= fromTime) {
                fills.add(execution);
            }
        }
        return fills;
    }

    AccountState accountState(String accountId) {
        PaperAccount account = ledger.requireAccount(accountId);
        BigDecimal free = account.free();
        List<VenuePosition> positions = new ArrayList<>();
        for (Map.Entry<Symbol, PaperAccount.Held> e : account.positions.entrySet()) {
            Position p = e.getValue().position();
            int leverage = e.getValue().leverage();
            Instrument instrument = instruments.resolve(e.getKey());
            PriceHistory.Point last = ledger.book(e.getKey()).last();
            BigDecimal mark = last == null ? p.averagePrice() : last.price();
            positions.add(new VenuePosition(e.getKey(), p.side(), p.quantity(), p.averagePrice(), leverage,
                    ProtectiveLevels.liquidationPrice(p.side(), p.averagePrice(), leverage, settings.maintenanceMarginRate(), instrument.priceScale()),
                    p.notional().divide(BigDecimal.valueOf(leverage), 8, RoundingMode.HALF_UP), p.unrealizedPnl(mark)));
        }
        return new AccountState(List.of(new Balance(account.asset, account.cash, free, account.cash.subtract(free))), positions);
    }

    // ---------------------------------------------------------------- the market

    /** A tick: waiting orders fill or trigger, leveraged positions are checked for liquidation. Older ticks change nothing. */
    public void onTick(MarketTick tick) {
        Symbol symbol = tick.symbol();
        if (!instruments.supports(symbol)) {
            return;
        }
        Instrument instrument = instruments.resolve(symbol);
        PaperBook book = ledger.book(symbol);
        long time = tick.time().toEpochMilli();
        if (time < book.lastTime) {
            return;
        }
        book.lastTime = time;
        book.lastPrice = tick.price();
        book.lastKind = tick.kind();
        prices.add(symbol, time, tick.price(), tick.kind());
        ledger.touch(symbol);
        if (!book.orders.isEmpty()) {
            for (RestingOrder order : List.copyOf(book.orders)) {
                if (order.status.isOpen() && order.command.decisionTime() <= time) {
                    matcher.work(book, instrument, order, time, tick.price(), tick.kind(), tick.size());
                }
            }
        }
        if (!book.leveraged.isEmpty()) {
            matcher.liquidate(book, instrument, time, tick.price());
        }
        ledger.flush();
    }

    // ---------------------------------------------------------------- helpers

    private void emit(OrderUpdate update) {
        for (Consumer<OrderUpdate> listener : listeners) {
            listener.accept(update);
        }
    }

    /** The first price at or after {@code time}: the book's last one when it is that late, else the log's. */
    private PriceHistory.Point firstAtOrAfter(PaperBook book, Symbol symbol, long time) {
        if (book.lastPrice == null || book.lastTime < time) {
            return null;
        }
        PriceHistory.Point logged = prices.firstAtOrAfter(symbol, time);
        return logged != null ? logged : book.last();
    }

    private static BigDecimal expectedPrice(OrderCommand c, PriceHistory.Point first) {
        if (c.limitPrice() != null) {
            return c.limitPrice();
        }
        if (c.stopPrice() != null) {
            return c.stopPrice();
        }
        return first == null ? c.referencePrice() : first.price();
    }

    private static String describe(Position p) {
        return p.isFlat() ? "flat" : p.side().name().toLowerCase() + " " + p.quantity().toPlainString();
    }

    private Instrument instrument(Symbol symbol) {
        if (!instruments.supports(symbol)) {
            throw BrokerException.refused("UNKNOWN_SYMBOL", "symbol " + symbol + " is not traded at the paper venue");
        }
        return instruments.resolve(symbol);
    }

    /**
     * A book of an earlier release, rebuilt in this release's format from its last price and its waiting market
     * orders (by account); its earlier prices go to the price log.
     */
    public static byte[] upgradeBook(PriceHistory.Point last, List<Map.Entry<String, OrderCommand>> waiting) {
        PaperBook book = new PaperBook();
        if (last != null) {
            book.lastTime = last.time();
            book.lastPrice = last.price();
        }
        for (Map.Entry<String, OrderCommand> e : waiting) {
            book.orders.add(new RestingOrder(e.getKey(), e.getValue(), NAME + "-" + e.getValue().clientOrderId().value()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            book.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether stored book bytes are of this release (else {@link #upgradeBook} them). */
    public static boolean isCurrentBook(byte[] bytes) {
        return PaperBook.isCurrentFormat(bytes);
    }
}
