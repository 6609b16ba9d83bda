package io.agenthub.gateway.paper;

import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.Venues;
import io.agenthub.core.market.Instruments;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Watermark;
import io.agenthub.core.trading.ExecutionCosts;
import io.agenthub.core.venue.PaperVenue;
import io.agenthub.schemas.Decimals;
import io.agenthub.schemas.Events;
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

import java.math.BigDecimal;

/**
 * The paper venue for the symbols of one partition: a {@link PaperVenue} whose books and accounts live in the task's
 * state stores, driven by the partition's ticks, its agents' configurations (paper fees and slippage) and their paper
 * order intents (a live intent is the live executor's). Every change the venue makes to an order becomes an
 * {@link ExecutionReport}; an order the venue refuses gets a {@code REJECTED} report with the venue's code and reason.
 */
final class PaperVenueTask implements Processor<String, Object, String, ExecutionReport> {

    private static final Logger log = LoggerFactory.getLogger(PaperVenueTask.class);

    private final Instruments instruments;
    private final PaperVenue.Settings settings;
    private final int priceHistory;
    private final BigDecimal initialBalance;
    private ProcessorContext<String, ExecutionReport> context;
    private PaperVenue venue;
    private long causeTimestamp;

    PaperVenueTask(Instruments instruments, PaperVenue.Settings settings, int priceHistory, BigDecimal initialBalance) {
        this.instruments = instruments;
        this.settings = settings;
        this.priceHistory = priceHistory;
        this.initialBalance = initialBalance;
    }

    @Override
    public void init(ProcessorContext<String, ExecutionReport> context) {
        this.context = context;
        KeyValueStore<String, byte[]> books = context.getStateStore(PaperVenueTopology.BOOKS);
        KeyValueStore<String, byte[]> accounts = context.getStateStore(PaperVenueTopology.ACCOUNTS);
        StoredPriceLog prices = new StoredPriceLog(context.getStateStore(PaperVenueTopology.PRICES), priceHistory);
        // init runs again on this instance when a task is revived after an aborted transaction: a new venue reads the stores
        venue = new PaperVenue(instruments, settings, new PaperVenue.Storage() {
            @Override
            public byte[] loadBook(Symbol symbol) {
                byte[] bytes = books.get(symbol.toString());
                if (bytes == null || PaperVenue.isCurrentBook(bytes)) {
                    return bytes;
                }
                FirstReleaseBook.Upgraded upgraded = FirstReleaseBook.upgrade(bytes);
                upgraded.prices().forEach(p -> prices.add(symbol, p.time(), p.price(), p.kind()));
                return upgraded.book();
            }

            @Override
            public byte[] loadAccount(String account) {
                return accounts.get(account);
            }

            @Override
            public void saveBook(Symbol symbol, byte[] bytes) {
                books.put(symbol.toString(), bytes);
            }

            @Override
            public void saveAccount(String account, byte[] bytes) {
                accounts.put(account, bytes);
            }
        }, prices);
        venue.subscribe(this::report);
    }

    @Override
    public void process(Record<String, Object> record) {
        causeTimestamp = record.timestamp();
        switch (record.value()) {
            case MarketTick tick -> venue.onTick(tick);
            case Watermark watermark -> {
                // watermarks say nothing about prices
            }
            case AgentConfig config -> onConfig(config);
            case OrderIntent intent -> onIntent(intent);
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
        venue.open(config.getAgentId(), costs, initialBalance);
    }

    private void onIntent(OrderIntent intent) {
        if (!Venues.PAPER.equals(Venues.of(intent.getVenue(), intent.getLiveMode()))) {
            // a live venue's: the live executor's, not the paper venue's
            return;
        }
        if (!venue.hasAccount(intent.getAgentId())) {
            log.warn("agent {}: an order before any configuration; standard costs and the default balance apply", intent.getAgentId());
            venue.open(intent.getAgentId(), ExecutionCosts.standard(), initialBalance);
        }
        OrderCommand command;
        try {
            command = OrderEvents.command(intent);
        } catch (RuntimeException e) {
            emit(OrderEvents.rejected(intent, PaperVenue.NAME, "INVALID_ORDER", e.getMessage(), intent.getEventTime()));
            return;
        }
        try {
            venue.broker(intent.getAgentId()).submit(command);
        } catch (BrokerException e) {
            emit(OrderEvents.rejected(intent, PaperVenue.NAME, e.code(), e.getMessage(), intent.getEventTime()));
        }
    }

    private void report(OrderUpdate update) {
        emit(OrderEvents.report(update.account(), PaperVenue.NAME, update.order(), update.execution(), update.order().causationId(),
                Events.newEventId()));
    }

    private void emit(ExecutionReport report) {
        context.forward(new Record<>(report.getAgentId(), report, causeTimestamp));
    }

    static ExecutionCosts costs(AgentConfig config) {
        return new ExecutionCosts(Decimals.fromWire(config.getFees().getMakerRate()), Decimals.fromWire(config.getFees().getTakerRate()),
                Decimals.fromWire(config.getSlippageBps()));
    }
}
