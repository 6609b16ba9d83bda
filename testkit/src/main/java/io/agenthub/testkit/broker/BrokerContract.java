package io.agenthub.testkit.broker;

import io.agenthub.core.broker.Broker;
import io.agenthub.core.broker.BrokerException;
import io.agenthub.core.broker.Execution;
import io.agenthub.core.broker.OrderCommand;
import io.agenthub.core.broker.OrderStatus;
import io.agenthub.core.broker.OrderUpdate;
import io.agenthub.core.broker.TimeInForce;
import io.agenthub.core.broker.VenueOrder;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.trading.ClientOrderId;
import io.agenthub.core.trading.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link Broker} must do, whatever the venue behind it (LEAN's brokerage contract test): a long from flat,
 * closing it, a short and its close where the venue allows shorts, cancelling an open order, refusing an order the
 * balance cannot pay for, partial fills, the query by client order id and a refused duplicate id. A subclass opens a
 * funded account at its venue and says how a trade happens there.
 */
public abstract class BrokerContract {

    /** One funded account at a venue, for one test. */
    protected interface Venue extends AutoCloseable {
        Broker broker();

        Symbol symbol();

        /** A trade in the market at {@code price} for {@code size}: the last price moves, resting orders may fill. */
        void trade(BigDecimal price, BigDecimal size) throws Exception;

        /** The venue's current time (epoch ms), for decisions taken now. */
        long now();

        /** Base quantity the account holds in the symbol: its signed position, or on spot its base balance above the start. */
        BigDecimal held();

        boolean allowsShort();

        /** Leverage orders are placed at. */
        default int leverage() {
            return 1;
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final BigDecimal PRICE = new BigDecimal("20000");
    private static final AtomicLong IDS = new AtomicLong();

    protected Venue venue;
    private Broker broker;
    private final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    private final String run = "c" + Long.toString(System.nanoTime(), 36);

    /** A funded account (enough quote for a few 0.05 BTC orders at 20,000, far from enough for 100 BTC) with no position. */
    protected abstract Venue open() throws Exception;

    @BeforeEach
    void openAccount() throws Exception {
        venue = open();
        broker = venue.broker();
        broker.subscribe(updates::add);
        venue.trade(PRICE, new BigDecimal("5"));
    }

    @AfterEach
    void closeAccount() throws Exception {
        venue.close();
    }

    @Test
    void shouldOpenALongFromFlatWhenAMarketBuyFills() {
        ClientOrderId id = nextId();

        broker.submit(market(id, Side.BUY, "0.01", false));

        VenueOrder filled = awaitStatus(id, OrderStatus.FILLED);
        assertThat(filled.filled()).isEqualByComparingTo("0.01");
        assertThat(filled.averagePrice()).isBetween(new BigDecimal("19900"), new BigDecimal("20100"));
        List<Execution> fills = fillsOf(id);
        assertThat(fills).isNotEmpty();
        assertThat(fills).allSatisfy(f -> assertThat(f.fill().fee().signum()).isPositive());
        assertThat(venue.held()).isPositive().isLessThanOrEqualTo(new BigDecimal("0.01"));
        assertThat(broker.order(venue.symbol(), id)).map(VenueOrder::status).contains(OrderStatus.FILLED);
    }

    @Test
    void shouldCloseALongWhenAReduceOnlySellOfWhatIsHeldFills() {
        ClientOrderId buy = nextId();
        broker.submit(market(buy, Side.BUY, "0.01", false));
        awaitStatus(buy, OrderStatus.FILLED);
        BigDecimal held = venue.held();
        ClientOrderId sell = nextId();

        broker.submit(market(sell, Side.SELL, held.toPlainString(), true));

        awaitStatus(sell, OrderStatus.FILLED);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(venue.held()).isEqualByComparingTo("0"));
    }

    @Test
    void shouldShortAndCloseWhenTheVenueAllowsShorts() {
        assumeThat(venue.allowsShort()).as("this venue account cannot sell what it does not hold").isTrue();
        ClientOrderId open = nextId();

        broker.submit(market(open, Side.SELL, "0.01", false));

        awaitStatus(open, OrderStatus.FILLED);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(venue.held()).isEqualByComparingTo("-0.01"));
        ClientOrderId close = nextId();
        broker.submit(market(close, Side.BUY, "0.01", true));
        awaitStatus(close, OrderStatus.FILLED);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(venue.held()).isEqualByComparingTo("0"));
    }

    @Test
    void shouldCancelAnOpenOrderSoThatItNeverFills() throws Exception {
        ClientOrderId id = nextId();

        VenueOrder placed = broker.submit(limit(id, Side.BUY, "0.01", "18000"));

        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(broker.openOrders(venue.symbol())).extracting(VenueOrder::clientOrderId).contains(id);
        VenueOrder cancelled = broker.cancel(venue.symbol(), id);
        assertThat(cancelled.status()).isIn(OrderStatus.CANCELLED);
        venue.trade(new BigDecimal("17900"), new BigDecimal("1"));
        awaitStatus(id, OrderStatus.CANCELLED);
        assertThat(broker.openOrders(venue.symbol())).extracting(VenueOrder::clientOrderId).doesNotContain(id);
        assertThat(fillsOf(id)).isEmpty();
        assertThat(venue.held()).isEqualByComparingTo("0");
    }

    @Test
    void shouldRefuseAnOrderTheBalanceCannotPayFor() {
        ClientOrderId id = nextId();
        VenueOrder answer;
        try {
            answer = broker.submit(market(id, Side.BUY, "100", false));
        } catch (BrokerException e) {
            assertThat(e.outcome()).isEqualTo(BrokerException.Outcome.REFUSED);
            assertThat(e.code()).isNotBlank();
            answer = null;
        }
        if (answer != null) {
            assertThat(answer.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(answer.rejectCode()).isNotBlank();
        }
        assertThat(fillsOf(id)).isEmpty();
        assertThat(venue.held()).isEqualByComparingTo("0");
    }

    @Test
    void shouldFillInPartsWhenTradesAreSmallerThanTheOrder() throws Exception {
        ClientOrderId id = nextId();
        broker.submit(limit(id, Side.BUY, "0.03", "19500"));

        venue.trade(new BigDecimal("19500"), new BigDecimal("0.01"));
        VenueOrder partial = awaitStatus(id, OrderStatus.PARTIALLY_FILLED);
        assertThat(partial.filled()).isEqualByComparingTo("0.01");
        venue.trade(new BigDecimal("19400"), new BigDecimal("0.01"));
        venue.trade(new BigDecimal("19450"), new BigDecimal("0.05"));

        VenueOrder filled = awaitStatus(id, OrderStatus.FILLED);
        assertThat(filled.filled()).isEqualByComparingTo("0.03");
        assertThat(filled.averagePrice()).isEqualByComparingTo("19500");
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Execution> fills = fillsOf(id);
            assertThat(fills).hasSize(3);
            // as the venue counts them against the order (a spot buy books less when its fee is taken in the base asset)
            assertThat(fills.stream().map(Execution::venueQuantity).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.03");
            assertThat(fills).allSatisfy(f -> assertThat(f.fill().quantity()).isLessThanOrEqualTo(f.venueQuantity()));
            assertThat(fills).extracting(Execution::tradeId).doesNotHaveDuplicates();
        });
        assertThat(broker.executions(venue.symbol(), 0)).extracting(e -> e.fill().clientOrderId()).contains(id);
    }

    @Test
    void shouldRefuseAClientOrderIdItHasSeenAsADuplicate() throws Exception {
        ClientOrderId id = nextId();
        broker.submit(market(id, Side.BUY, "0.01", false));
        awaitStatus(id, OrderStatus.FILLED);
        BigDecimal held = venue.held();
        int fills = fillsOf(id).size();

        assertThatThrownBy(() -> broker.submit(market(id, Side.BUY, "0.01", false)))
                .isInstanceOfSatisfying(BrokerException.class, e -> assertThat(e.outcome()).isEqualTo(BrokerException.Outcome.DUPLICATE));
        venue.trade(PRICE, new BigDecimal("5"));
        assertThat(venue.held()).isEqualByComparingTo(held);
        assertThat(fillsOf(id)).hasSize(fills);
        assertThat(broker.order(venue.symbol(), id)).map(VenueOrder::filled).map(BigDecimal::stripTrailingZeros)
                .contains(new BigDecimal("0.01"));
    }

    @Test
    void shouldAnswerEmptyForAClientOrderIdItNeverSaw() {
        Optional<VenueOrder> order = broker.order(venue.symbol(), nextId());

        assertThat(order).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    protected ClientOrderId nextId() {
        return new ClientOrderId(run + "-" + IDS.incrementAndGet());
    }

    private OrderCommand market(ClientOrderId id, Side side, String quantity, boolean reduceOnly) {
        return OrderCommand.market(id, venue.symbol(), side, new BigDecimal(quantity), reduceOnly, venue.leverage(), venue.now(), PRICE);
    }

    private OrderCommand limit(ClientOrderId id, Side side, String quantity, String price) {
        return OrderCommand.limit(id, venue.symbol(), side, new BigDecimal(quantity), new BigDecimal(price), TimeInForce.GTC, false,
                venue.leverage(), venue.now());
    }

    /** The order's status as the venue reports it, once both a pushed update and a query agree. */
    private VenueOrder awaitStatus(ClientOrderId id, OrderStatus status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(updates).anySatisfy(u -> {
            assertThat(u.order().clientOrderId()).isEqualTo(id);
            assertThat(u.order().status()).isEqualTo(status);
        }));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(broker.order(venue.symbol(), id)).map(VenueOrder::status).contains(status));
        return updates.stream().filter(u -> u.order().clientOrderId().equals(id) && u.order().status() == status).findFirst().orElseThrow().order();
    }

    private List<Execution> fillsOf(ClientOrderId id) {
        return updates.stream().filter(u -> u.execution() != null && u.order().clientOrderId().equals(id)).map(OrderUpdate::execution).toList();
    }
}
