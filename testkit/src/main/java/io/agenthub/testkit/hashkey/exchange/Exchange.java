package io.agenthub.testkit.hashkey.exchange;

import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The venue's state: markets and their last prices, accounts, resting and STOP orders, and the events each change
 * produces. Everything is behind one lock, so matching is deterministic (resting orders fill in order id order);
 * the events an action produced are handed to the user streams, in order, when it releases the lock.
 */
final class Exchange {

    static final int DEFAULT_MAX_LEVERAGE = 20;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, BigDecimal> last = new HashMap<>();
    private final Map<String, Integer> maxLeverage = new HashMap<>();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    /** Resting (working) LIMIT orders per symbol, by order id. */
    private final Map<String, TreeMap<Long, OrderState>> book = new HashMap<>();
    /** STOP orders waiting for their trigger per symbol, by order id. */
    private final Map<String, TreeMap<Long, OrderState>> stops = new HashMap<>();
    private final AtomicLong ids = new AtomicLong(1_900_000_000_000_000_000L);
    private final Map<Account, List<ObjectNode>> pending = new LinkedHashMap<>();
    private final Set<Account> touched = new LinkedHashSet<>();
    private volatile long clockOffset;
    private volatile UserStreams streams;

    volatile BigDecimal spotMakerFee = new BigDecimal("0.001");
    volatile BigDecimal spotTakerFee = new BigDecimal("0.001");
    volatile BigDecimal futuresMakerFee = new BigDecimal("0.0002");
    volatile BigDecimal futuresTakerFee = new BigDecimal("0.0006");

    final SpotDesk spot = new SpotDesk(this);
    final FuturesDesk futures = new FuturesDesk(this);

    Exchange() {
        for (Instrument instrument : Instrument.catalogue()) {
            instruments.put(instrument.symbol(), instrument);
            last.put(instrument.symbol(), instrument.initialPrice());
            if (instrument.perpetual()) {
                maxLeverage.put(instrument.symbol(), DEFAULT_MAX_LEVERAGE);
            }
        }
    }

    void streams(UserStreams streams) {
        this.streams = streams;
    }

    /** Runs {@code action} under the lock; the outermost call pushes the events it produced. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            try {
                if (lock.getHoldCount() == 1) {
                    flush();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    long now() {
        return System.currentTimeMillis() + clockOffset;
    }

    void clockOffset(long millis) {
        this.clockOffset = millis;
    }

    /** A fresh 19-digit id; ids grow with time like the venue's, in uneven steps. */
    long nextId() {
        long step = 4_096 + (ids.get() >>> 12) % 61;
        return ids.addAndGet(step);
    }

    Account account(String apiKey, String secret) {
        Account account = accounts.computeIfAbsent(apiKey, key -> new Account(this, key, secret, nextId(), nextId(), nextId()));
        if (!account.hasSecret(secret)) {
            throw new IllegalArgumentException("an account with API key " + apiKey + " exists with another secret");
        }
        return account;
    }

    Account accountByKey(String apiKey) {
        return apiKey == null ? null : accounts.get(apiKey);
    }

    List<Instrument> instruments() {
        return List.copyOf(instruments.values());
    }

    /** The market, or IllegalArgumentException (for calls from tests). */
    Instrument instrument(String symbol) {
        Instrument instrument = instruments.get(symbol);
        if (instrument == null) {
            throw new IllegalArgumentException("the peer has no market " + symbol + "; it has " + instruments.keySet());
        }
        return instrument;
    }

    /** The market of a request's {@code symbol}: missing → 0001, unknown → -100010 (numeric code, as recorded). */
    Instrument market(Params params, boolean perpetual) {
        String symbol = params.required("symbol");
        Instrument instrument = instruments.get(symbol);
        if (instrument == null || instrument.perpetual() != perpetual) {
            throw Wire.Rejection.numeric(Wire.Codes.INVALID_SYMBOLS, "Invalid Symbols!");
        }
        return instrument;
    }

    BigDecimal lastPrice(String symbol) {
        return last.get(symbol);
    }

    int maxLeverage(String symbol) {
        return maxLeverage.getOrDefault(symbol, DEFAULT_MAX_LEVERAGE);
    }

    void maxLeverage(String symbol, int max) {
        if (!instrument(symbol).perpetual()) {
            throw new IllegalArgumentException(symbol + " is not a perpetual");
        }
        if (max < 1) {
            throw new IllegalArgumentException("maximum leverage must be at least 1, got " + max);
        }
        maxLeverage.put(symbol, max);
    }

    /**
     * A market trade or a new last price: sets the last price; perpetual STOP orders it reaches trigger; resting LIMIT
     * orders it reaches (buys at or above it, sells at or below) fill as maker at their own price, each up to
     * {@code size} (null: fully; contracts are rounded down to whole ones), oldest order first.
     */
    void move(String symbol, BigDecimal price, BigDecimal size) {
        Instrument instrument = instrument(symbol);
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, got " + price);
        }
        if (size != null && size.signum() <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        last.put(symbol, price);
        if (instrument.perpetual()) {
            for (OrderState stop : List.copyOf(stops.getOrDefault(symbol, new TreeMap<>()).values())) {
                if (stop.reached(price)) {
                    stops.get(symbol).remove(stop.orderId);
                    futures.trigger(stop);
                }
            }
        }
        BigDecimal perOrder = size == null || !instrument.perpetual() ? size : size.setScale(0, RoundingMode.FLOOR);
        for (OrderState order : List.copyOf(book.getOrDefault(symbol, new TreeMap<>()).values())) {
            if (!order.working()) {
                continue;
            }
            boolean reached = order.buy() ? price.compareTo(order.price) <= 0 : price.compareTo(order.price) >= 0;
            if (!reached) {
                continue;
            }
            BigDecimal quantity = perOrder == null ? order.remaining() : order.remaining().min(perOrder);
            if (quantity.signum() > 0) {
                if (order.perpetual()) {
                    futures.fill(order, order.price, quantity, true);
                } else {
                    spot.fill(order, order.price, quantity, true);
                }
            }
        }
        // the price moved: positions' unrealised PnL, and so futures availability, changed; the venue pushes
        // position updates on change only, so nothing is pushed for a mere price move
    }

    /** Registers an order with its account and, when working, on the book. */
    void add(OrderState order) {
        order.account.orders.put(order.orderId, order);
        update(order);
    }

    /** Keeps the book in step with the order's status. */
    void update(OrderState order) {
        if (order.stop()) {
            if (order.status.equals("ORDER_NEW")) {
                stops.computeIfAbsent(order.instrument.symbol(), s -> new TreeMap<>()).put(order.orderId, order);
            } else {
                TreeMap<Long, OrderState> waiting = stops.get(order.instrument.symbol());
                if (waiting != null) {
                    waiting.remove(order.orderId);
                }
            }
            return;
        }
        if (order.working()) {
            book.computeIfAbsent(order.instrument.symbol(), s -> new TreeMap<>()).put(order.orderId, order);
        } else {
            TreeMap<Long, OrderState> resting = book.get(order.instrument.symbol());
            if (resting != null) {
                resting.remove(order.orderId);
            }
        }
    }

    void emit(Account account, ObjectNode event) {
        pending.computeIfAbsent(account, a -> new ArrayList<>()).add(event);
        touched.add(account);
    }

    void spotChanged(Account account, String asset) {
        account.changedSpotAssets.add(asset);
        touched.add(account);
    }

    void futuresChanged(Account account) {
        account.changedFutures = true;
        touched.add(account);
    }

    void positionChanged(Account account, PositionState position) {
        account.changedPositions.add(position);
        account.changedFutures = true;
        touched.add(account);
    }

    /** Hands each touched account's events to its streams: order events, then balances, then positions. */
    private void flush() {
        if (touched.isEmpty()) {
            return;
        }
        long now = now();
        for (Account account : touched) {
            List<ObjectNode> events = pending.getOrDefault(account, new ArrayList<>());
            if (!account.changedSpotAssets.isEmpty()) {
                events.add(StreamEvents.spotAccount(account, account.changedSpotAssets, now));
                account.changedSpotAssets.clear();
            }
            if (account.changedFutures) {
                events.add(StreamEvents.contractAccount(account, now));
                account.changedFutures = false;
            }
            for (PositionState position : account.changedPositions) {
                events.add(StreamEvents.position(account, position, lastPrice(position.instrument.symbol()), now));
            }
            account.changedPositions.clear();
            UserStreams sink = streams;
            if (sink != null && !events.isEmpty()) {
                sink.deliver(account, events);
            }
        }
        pending.clear();
        touched.clear();
    }

    /** An id for a client order id the request left out: the venue generates one (milliseconds + digits). */
    String generatedClientOrderId() {
        return now() + Long.toString(nextId() % 1_000_000);
    }
}
