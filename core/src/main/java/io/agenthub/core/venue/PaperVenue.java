package io.agenthub.core.venue;

import io.agenthub.core.broker.AccountState;
import io.agenthub.core.broker.Balance;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderType;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.TimeInForce;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.broker.VenuePosition;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * Not thread-safe: one stream task drives one venue.
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
    private final Map<Symbol, PaperBook> books = new HashMap<>();
    private final Map<String, PaperAccount> accounts = new HashMap<>();
    private final Set<Symbol> touchedBooks = new LinkedHashSet<>();
    private final Set<PaperAccount> touchedAccounts = new LinkedHashSet<>();
    private final List<Consumer<OrderUpdate>> listeners = new CopyOnWriteArrayList<>();

    public PaperVenue(Instruments instruments, Settings settings, Storage storage, PriceLog prices) {
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.prices = Objects.requireNonNull(prices, "prices");
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
        books.clear();
        accounts.clear();
    }

    /** Opens an account with these costs and balance, or gives an existing one new costs (its balance stays). */
    public PaperBroker open(String account, ExecutionCosts costs, BigDecimal initialBalance) {
        PaperAccount existing = account(account);
        if (existing == null) {
            existing = new PaperAccount(account, costs, initialBalance);
            accounts.put(account, existing);
        } else {
            existing.costs = Objects.requireNonNull(costs, "costs");
        }
        touchedAccounts.add(existing);
        flush();
        return new PaperBroker(this, account);
    }

    public boolean hasAccount(String account) {
        return account(account) != null;
    }

    /** The account as a broker; its calls are refused ({@code NO_ACCOUNT}) while it is not open. */
    public PaperBroker broker(String account) {
        return new PaperBroker(this, account);
    }

    // ---------------------------------------------------------------- orders

    VenueOrder submit(String accountId, OrderCommand c) {
        PaperAccount account = requireAccount(accountId);
        Instrument instrument = instrument(c.symbol());
        if (account.firstFormatPosition != null) {
            account.positions.put(c.symbol(), new PaperAccount.Held(account.firstFormatPosition, c.leverage()));
            account.firstFormatPosition = null;
        }
        if (account.used(c.clientOrderId())) {
            throw new BrokerException(BrokerException.Outcome.DUPLICATE, 0, "DUPLICATE_CLIENT_ORDER_ID", "client order id " + c.clientOrderId()
                    + " was already sent (last decision " + account.lastSequence + ")");
        }
        PaperBook book = book(c.symbol());
        PriceHistory.Point first = firstAtOrAfter(book, c.symbol(), c.decisionTime());
        Position position = account.position(c.symbol());
        BigDecimal reducible = reducible(position, c.side());
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
        touchedAccounts.add(account);
        touchedBooks.add(c.symbol());
        if (first != null) {
            work(book, instrument, order, first.time(), first.price(), first.kind(), BigDecimal.ZERO);
        }
        VenueOrder result;
        if (order.status.isOpen()) {
            result = order.view(c.decisionTime(), instrument.priceScale(), null, null);
            emit(new OrderUpdate(accountId, result, null));
        } else {
            result = last(account, c.clientOrderId());
        }
        flush();
        return result;
    }

    VenueOrder cancel(String accountId, Symbol symbol, ClientOrderId id) {
        PaperAccount account = requireAccount(accountId);
        Instrument instrument = instrument(symbol);
        PaperBook book = book(symbol);
        for (RestingOrder order : book.orders) {
            if (order.account.equals(accountId) && order.command.clientOrderId().equals(id)) {
                long time = Math.max(order.command.decisionTime(), book.lastTime);
                VenueOrder cancelled = cancel(book, instrument, order, time, null, "cancelled by its owner");
                flush();
                return cancelled;
            }
        }
        VenueOrder done = last(account, id);
        if (done != null) {
            throw BrokerException.refused("ORDER_NOT_OPEN", "order " + id + " is " + done.status().name().toLowerCase() + ", not open");
        }
        throw BrokerException.refused("ORDER_NOT_FOUND", "no order " + id + " in " + symbol);
    }

    Optional<VenueOrder> order(String accountId, Symbol symbol, ClientOrderId id) {
        PaperAccount account = requireAccount(accountId);
        Instrument instrument = instrument(symbol);
        for (RestingOrder order : book(symbol).orders) {
            if (order.account.equals(accountId) && order.command.clientOrderId().equals(id)) {
                return Optional.of(order.view(order.command.decisionTime(), instrument.priceScale(), null, null));
            }
        }
        return Optional.ofNullable(last(account, id));
    }

    List<VenueOrder> openOrders(String accountId, Symbol symbol) {
        requireAccount(accountId);
        Instrument instrument = instrument(symbol);
        List<VenueOrder> open = new ArrayList<>();
        for (RestingOrder order : book(symbol).orders) {
            if (order.account.equals(accountId)) {
                open.add(order.view(order.command.decisionTime(), instrument.priceScale(), null, null));
            }
        }
        return open;
    }

    List<Execution> executions(String accountId, Symbol symbol, long fromTime) {
        PaperAccount account = requireAccount(accountId);
        List<Execution> fills = new ArrayList<>();
        for (Execution execution : account.executions) {
            if (execution.symbol().equals(symbol) && execution.fill().time() >= fromTime) {
                fills.add(execution);
            }
        }
        return fills;
    }

    AccountState accountState(String accountId) {
        PaperAccount account = requireAccount(accountId);
        BigDecimal free = account.free();
        List<VenuePosition> positions = new ArrayList<>();
        for (Map.Entry<Symbol, PaperAccount.Held> e : account.positions.entrySet()) {
            Position p = e.getValue().position();
            int leverage = e.getValue().leverage();
            Instrument instrument = instruments.resolve(e.getKey());
            PriceHistory.Point last = book(e.getKey()).last();
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
        PaperBook book = book(symbol);
        long time = tick.time().toEpochMilli();
        if (time < book.lastTime) {
            return;
        }
        book.lastTime = time;
        book.lastPrice = tick.price();
        book.lastKind = tick.kind();
        prices.add(symbol, time, tick.price(), tick.kind());
        touchedBooks.add(symbol);
        if (!book.orders.isEmpty()) {
            for (RestingOrder order : List.copyOf(book.orders)) {
                if (order.status.isOpen() && order.command.decisionTime() <= time) {
                    work(book, instrument, order, time, tick.price(), tick.kind(), tick.size());
                }
            }
        }
        if (!book.leveraged.isEmpty()) {
            liquidate(book, instrument, time, tick.price());
        }
        flush();
    }

    /**
     * Gives a working order a price: it fills, triggers, is cancelled (IOC, FOK) or keeps waiting. Where it fills is the
     * {@link FillModel}'s: an order that rested before this tick (or stands for one, a client's triggered level) fills
     * where a resting order would, one that arrives with this tick as a market or marketable order.
     */
    private void work(PaperBook book, Instrument instrument, RestingOrder order, long time, BigDecimal price, TickKind kind, BigDecimal size) {
        boolean arriving = !order.arrived;
        order.arrived = true;
        OrderCommand c = order.command;
        boolean buy = c.side() == Side.BUY;
        ExecutionCosts costs = account(order.account).costs;
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
        PaperAccount account = account(order.account);
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
        Execution execution = new Execution(fill, symbol, order.venueOrderId, NAME + "-t-" + c.clientOrderId().value()
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
        touchedAccounts.add(account);
        emit(new OrderUpdate(account.id, view, execution));
    }

    private VenueOrder cancel(PaperBook book, Instrument instrument, RestingOrder order, long time, String code, String reason) {
        PaperAccount account = account(order.account);
        order.status = OrderStatus.CANCELLED;
        account.reserved = account.reserved.subtract(order.reserved).max(BigDecimal.ZERO);
        order.reserved = BigDecimal.ZERO;
        book.orders.remove(order);
        VenueOrder view = order.view(time, instrument.priceScale(), code, reason);
        account.finished(view);
        touchedAccounts.add(account);
        touchedBooks.add(order.command.symbol());
        emit(new OrderUpdate(account.id, view, null));
        return view;
    }

    /** Leveraged positions whose liquidation price this tick reached are closed at its price, as a market order would be. */
    private void liquidate(PaperBook book, Instrument instrument, long time, BigDecimal price) {
        Symbol symbol = instrument.symbol();
        for (Iterator<String> it = new ArrayList<>(book.leveraged).iterator(); it.hasNext(); ) {
            String accountId = it.next();
            PaperAccount account = account(accountId);
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
            RestingOrder order = new RestingOrder(accountId, close, NAME + "-" + id.value());
            order.arrived = true;
            order.note = "liquidated: price " + price.toPlainString() + " reached the liquidation price " + level.toPlainString();
            book.orders.add(order);
            account.open.put(id, symbol);
            fill(book, instrument, order, time, FillModel.market(close.side(), price, account.costs, instrument.priceScale()),
                    position.quantity());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** How much of an order on {@code side} reduces {@code position}. */
    private static BigDecimal reducible(Position position, Side side) {
        return !position.isFlat() && position.side().exitSide() == side ? position.quantity() : BigDecimal.ZERO;
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

    private VenueOrder last(PaperAccount account, ClientOrderId id) {
        for (Iterator<VenueOrder> it = account.finished.descendingIterator(); it.hasNext(); ) {
            VenueOrder order = it.next();
            if (order.clientOrderId().equals(id)) {
                return order;
            }
        }
        return null;
    }

    private Instrument instrument(Symbol symbol) {
        if (!instruments.supports(symbol)) {
            throw BrokerException.refused("UNKNOWN_SYMBOL", "symbol " + symbol + " is not traded at the paper venue");
        }
        return instruments.resolve(symbol);
    }

    private PaperAccount requireAccount(String id) {
        PaperAccount account = account(id);
        if (account == null) {
            throw BrokerException.refused("NO_ACCOUNT", "no paper account " + id);
        }
        return account;
    }

    private PaperAccount account(String id) {
        PaperAccount cached = accounts.get(id);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = storage.loadAccount(id);
        if (bytes == null) {
            return null;
        }
        try {
            PaperAccount account = PaperAccount.read(id, new ByteArrayInputStream(bytes));
            accounts.put(id, account);
            return account;
        } catch (IOException e) {
            throw new UncheckedIOException("paper account " + id + ": unreadable state", e);
        }
    }

    private PaperBook book(Symbol symbol) {
        PaperBook cached = books.get(symbol);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = storage.loadBook(symbol);
        PaperBook book;
        try {
            book = bytes == null ? new PaperBook() : PaperBook.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("paper book " + symbol + ": unreadable state", e);
        }
        books.put(symbol, book);
        return book;
    }

    private void emit(OrderUpdate update) {
        for (Consumer<OrderUpdate> listener : listeners) {
            listener.accept(update);
        }
    }

    /** Writes what the last call changed to the storage. */
    private void flush() {
        if (storage == Storage.NONE) {
            touchedBooks.clear();
            touchedAccounts.clear();
            return;
        }
        for (Symbol symbol : touchedBooks) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                books.get(symbol).write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            storage.saveBook(symbol, bytes.toByteArray());
        }
        for (PaperAccount account : touchedAccounts) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                account.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            storage.saveAccount(account.id, bytes.toByteArray());
        }
        touchedBooks.clear();
        touchedAccounts.clear();
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
