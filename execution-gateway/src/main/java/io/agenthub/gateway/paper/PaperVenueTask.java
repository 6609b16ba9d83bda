package io.agenthub.gateway.paper;

import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Watermark;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.trading.Fill;
import io.agenthub.core.trading.OrderRequest;
import io.agenthub.core.venue.PaperAccount;
import io.agenthub.core.venue.PriceHistory;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.events.AgentConfig;
import io.agenthub.schemas.events.ExecutionReport;
import io.agenthub.schemas.events.OrderIntent;
import io.agenthub.schemas.orders.OrderEvents;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The paper venue for the symbols of one partition. Market orders fill at the first price at or after the moment they
 * were decided (the price history of the symbol says which), with the agent's slippage and fees: the very fill the
 * backtest engine books, however late the order reached the venue. Before that, the order is checked against the
 * agent's account as an exchange would (duplicate client order id, reduce-only, margin); a refused order gets a
 * {@code REJECTED} report with the code and reason. Live orders are not the paper venue's: they are refused with
 * {@code LIVE_UNAVAILABLE} until the HashKey adapter takes them.
 */
final class PaperVenueTask implements Processor<String, Object, String, ExecutionReport> {

    static final String VENUE = "paper";
    private static final Logger log = LoggerFactory.getLogger(PaperVenueTask.class);

    private final Instruments instruments;
    private final BigDecimal initialBalance;
    private ProcessorContext<String, ExecutionReport> context;
    private KeyValueStore<String, byte[]> books;
    private KeyValueStore<String, byte[]> accounts;
    // what the stores hold, deserialised once per task: the stores are written through on every change
    private final Map<String, PaperBook> bookCache = new HashMap<>();
    private final Map<String, PaperAccount> accountCache = new HashMap<>();

    PaperVenueTask(Instruments instruments, BigDecimal initialBalance) {
        this.instruments = instruments;
        this.initialBalance = initialBalance;
    }

    @Override
    public void init(ProcessorContext<String, ExecutionReport> context) {
        this.context = context;
        this.books = context.getStateStore(PaperVenueTopology.BOOKS);
        this.accounts = context.getStateStore(PaperVenueTopology.ACCOUNTS);
        // init runs again on this instance when a task is revived after an aborted transaction: start from the stores
        bookCache.clear();
        accountCache.clear();
    }

    @Override
    public void process(Record<String, Object> record) {
        switch (record.value()) {
            case MarketTick tick -> onTick(tick, record);
            case Watermark watermark -> {
                // watermarks say nothing about prices
            }
            case AgentConfig config -> onConfig(config);
            case OrderIntent intent -> onIntent(intent, record);
            default -> log.error("unexpected {} ignored", record.value().getClass().getName());
        }
    }

    private void onConfig(AgentConfig config) {
        ExecutionCosts costs;
        try {
            costs = costs(config);
        } catch (RuntimeException e) {
            log.warn("agent {}: paper costs not usable ({}); the venue keeps what it had", config.getAgentId(), e.getMessage());
            return;
        }
        PaperAccount account = account(config.getAgentId());
        if (account == null) {
            account = new PaperAccount(costs, initialBalance);
        } else {
            account.reconfigure(costs);
        }
        saveAccount(config.getAgentId(), account);
    }

    private void onIntent(OrderIntent intent, Record<String, Object> record) {
        Instant decided = intent.getEventTime();
        if (intent.getLiveMode()) {
            emit(OrderEvents.rejected(intent, VENUE, "LIVE_UNAVAILABLE", "live orders go to HashKey Global, which this gateway does not reach yet",
                    decided), record);
            return;
        }
        Instrument instrument;
        try {
            instrument = instruments.resolve(intent.getSymbol());
        } catch (RuntimeException e) {
            emit(OrderEvents.rejected(intent, VENUE, "UNKNOWN_SYMBOL", e.getMessage(), decided), record);
            return;
        }
        PaperAccount account = account(intent.getAgentId());
        if (account == null) {
            log.warn("agent {}: an order before any configuration; standard costs and the default balance apply", intent.getAgentId());
            account = new PaperAccount(ExecutionCosts.standard(), initialBalance);
        }
        PaperBook book = book(instrument.symbol().toString());
        OrderRequest order = OrderEvents.order(intent);
        PriceHistory.Point price = book.prices.firstAtOrAfter(order.decisionTime());
        PaperAccount.Refusal refusal = account.accept(order, price == null ? order.referencePrice() : price.price(),
                Math.max(1, intent.getLeverage()));
        if (refusal != null) {
            emit(OrderEvents.rejected(intent, VENUE, refusal.code(), refusal.reason(), decided), record);
            return;
        }
        if (price == null) {
            book.waiting.add(intent);
            books.put(instrument.symbol().toString(), book.toBytes());
            saveAccount(intent.getAgentId(), account);
            return;
        }
        fill(account, intent, instrument, price, record);
        saveAccount(intent.getAgentId(), account);
    }

    private void onTick(MarketTick tick, Record<String, Object> record) {
        String symbol = tick.symbol().toString();
        PaperBook book = book(symbol);
        if (!book.prices.add(tick.time().toEpochMilli(), tick.price())) {
            return;
        }
        Iterator<OrderIntent> waiting = book.waiting.iterator();
        while (waiting.hasNext()) {
            OrderIntent intent = waiting.next();
            long decided = intent.getEventTime().toEpochMilli();
            PriceHistory.Point price = book.prices.firstAtOrAfter(decided);
            if (price != null) {
                waiting.remove();
                PaperAccount account = account(intent.getAgentId());
                if (account == null) {
                    account = new PaperAccount(ExecutionCosts.standard(), initialBalance);
                }
                fill(account, intent, instruments.resolve(symbol), price, record);
                saveAccount(intent.getAgentId(), account);
            }
        }
        books.put(symbol, book.toBytes());
    }

    /** Fills at the first price at or after the decision, stamped with that price's time (as the backtest does). */
    private void fill(PaperAccount account, OrderIntent intent, Instrument instrument, PriceHistory.Point price, Record<String, Object> record) {
        Fill fill = account.fill(OrderEvents.order(intent), price.price(), instrument.priceScale(), price.time());
        emit(OrderEvents.filled(intent, fill, VENUE, VENUE + "-" + intent.getClientOrderId(), VENUE + "-t-" + intent.getClientOrderId()), record);
    }

    private void emit(ExecutionReport report, Record<String, Object> cause) {
        context.forward(new Record<>(report.getAgentId(), report, cause.timestamp()));
    }

    private PaperBook book(String symbol) {
        return bookCache.computeIfAbsent(symbol, s -> {
            byte[] bytes = books.get(s);
            return bytes == null ? new PaperBook() : PaperBook.fromBytes(bytes);
        });
    }

    private PaperAccount account(String agentId) {
        PaperAccount cached = accountCache.get(agentId);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = accounts.get(agentId);
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            PaperAccount account = PaperAccount.read(in);
            accountCache.put(agentId, account);
            return account;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void saveAccount(String agentId, PaperAccount account) {
        accountCache.put(agentId, account);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            account.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        accounts.put(agentId, bytes.toByteArray());
    }

    static ExecutionCosts costs(AgentConfig config) {
        return new ExecutionCosts(Decimals.fromWire(config.getFees().getMakerRate()), Decimals.fromWire(config.getFees().getTakerRate()),
                Decimals.fromWire(config.getSlippageBps()));
    }
}
