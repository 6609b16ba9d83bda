package io.agenthub.testkit.hashkey.exchange;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One account of {@link HashKeyExchangePeer}, reached with its API key and secret: a spot wallet (balances per asset,
 * part locked by open orders), a USDT perpetuals wallet with hedge-mode positions (LONG and SHORT per symbol, isolated
 * margin), leverage per perpetual symbol, and its orders and fills. Spot and perpetuals have different account ids, as
 * on the venue. Every method is safe to call while requests are being served; reads are consistent snapshots.
 */
public final class Account {

    /** Leverage of a perpetual symbol until the account sets one (capped at the symbol's maximum). */
    public static final int DEFAULT_LEVERAGE = 10;

    private final Exchange exchange;
    private final String apiKey;
    private final SecretKeySpec secret;
    final long userId;
    final long accountId;
    final long futuresAccountId;

    // guarded by the exchange lock
    final Map<String, BigDecimal> spotTotal = new TreeMap<>();
    final Map<String, BigDecimal> spotLocked = new TreeMap<>();
    BigDecimal futuresWallet = BigDecimal.ZERO;
    final Map<Long, OrderState> orders = new TreeMap<>();
    final Map<String, OrderState> spotByClientId = new HashMap<>();
    final Map<String, OrderState> futuresByClientId = new HashMap<>();
    final Map<String, OrderState> stopsByClientId = new HashMap<>();
    final List<FillRecord> spotFills = new ArrayList<>();
    final List<FillRecord> futuresFills = new ArrayList<>();
    final Map<String, PositionState> positions = new LinkedHashMap<>();
    final Map<String, Integer> leverages = new HashMap<>();
    final Set<String> changedSpotAssets = new LinkedHashSet<>();
    final Set<PositionState> changedPositions = new LinkedHashSet<>();
    boolean changedFutures;

    Account(Exchange exchange, String apiKey, String secret, long userId, long accountId, long futuresAccountId) {
        this.exchange = exchange;
        this.apiKey = apiKey;
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.userId = userId;
        this.accountId = accountId;
        this.futuresAccountId = futuresAccountId;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The spot account id ({@code accountId} of spot orders). */
    public String accountId() {
        return Long.toString(accountId);
    }

    /** The perpetuals account id ({@code accountId} of STOP orders, {@code A} of position pushes). */
    public String futuresAccountId() {
        return Long.toString(futuresAccountId);
    }

    /** Deposits (negative: withdraws) {@code amount} of {@code asset} into the spot wallet; pushes the balance change. */
    public void fund(String asset, BigDecimal amount) {
        Objects.requireNonNull(asset, "asset");
        exchange.locked(() -> {
            BigDecimal total = spotTotal.getOrDefault(asset, BigDecimal.ZERO).add(amount);
            if (total.compareTo(spotLocked.getOrDefault(asset, BigDecimal.ZERO)) < 0) {
                throw new IllegalArgumentException("withdrawing " + amount.negate() + " " + asset + " would leave less than is locked");
            }
            spotTotal.put(asset, total);
            exchange.spotChanged(this, asset);
            return null;
        });
    }

    /** Deposits (negative: withdraws) USDT into the perpetuals wallet; pushes the balance change. */
    public void fundFutures(BigDecimal usdt) {
        exchange.locked(() -> {
            futuresWallet = futuresWallet.add(usdt);
            exchange.futuresChanged(this);
            return null;
        });
    }

    /** Spot totals (free + locked) of every asset the account holds or held. */
    public Map<String, BigDecimal> spotBalances() {
        return exchange.locked(() -> Collections.unmodifiableMap(new TreeMap<>(spotTotal)));
    }

    public BigDecimal spotFree(String asset) {
        return exchange.locked(() -> spotTotal.getOrDefault(asset, BigDecimal.ZERO).subtract(spotLocked.getOrDefault(asset, BigDecimal.ZERO)));
    }

    public BigDecimal spotLocked(String asset) {
        return exchange.locked(() -> spotLocked.getOrDefault(asset, BigDecimal.ZERO));
    }

    /** The perpetuals wallet balance in USDT: deposits + realised PnL − fees (no unrealised PnL). */
    public BigDecimal futuresBalance() {
        return exchange.locked(() -> futuresWallet);
    }

    /** What a new OPEN order may use: balance − position margin − order margin + unrealised PnL. */
    public BigDecimal futuresAvailable() {
        return exchange.locked(this::available);
    }

    /** Open positions (contracts > 0), by symbol then side. */
    public List<PeerPosition> positions() {
        return exchange.locked(() -> positions.values().stream().filter(p -> p.contracts.signum() > 0).map(PositionState::view).toList());
    }

    /** The open position of one side ({@code LONG} or {@code SHORT}) of a perpetual symbol. */
    public Optional<PeerPosition> position(String symbol, String side) {
        return exchange.locked(() -> Optional.ofNullable(positions.get(symbol + "/" + side))
                .filter(p -> p.contracts.signum() > 0).map(PositionState::view));
    }

    /** Every order of the account, spot and perpetual (STOP orders too), oldest first. */
    public List<PeerOrder> orders() {
        return exchange.locked(() -> orders.values().stream().map(OrderState::view).toList());
    }

    /** The latest order with this client order id (a triggered STOP order's placed order shares its client id). */
    public Optional<PeerOrder> order(String clientOrderId) {
        return exchange.locked(() -> orders.values().stream().filter(o -> o.clientOrderId.equals(clientOrderId))
                .reduce((a, b) -> b).map(OrderState::view));
    }

    /** Every execution, spot and perpetual, oldest first. */
    public List<PeerFill> fills() {
        return exchange.locked(() -> {
            List<FillRecord> all = new ArrayList<>(spotFills);
            all.addAll(futuresFills);
            all.sort((a, b) -> Long.compare(a.tradeId(), b.tradeId()));
            return all.stream().map(FillRecord::view).toList();
        });
    }

    /** The leverage new orders of a perpetual symbol use. */
    public int leverage(String symbol) {
        return exchange.locked(() -> leverageOf(exchange.instrument(symbol)));
    }

    /** Sets the leverage of a perpetual symbol directly, as {@code POST /api/v1/futures/leverage} would (cap not checked). */
    public void useLeverage(String symbol, int leverage) {
        if (leverage < 1) {
            throw new IllegalArgumentException("leverage must be at least 1, got " + leverage);
        }
        exchange.locked(() -> leverages.put(exchange.instrument(symbol).symbol(), leverage));
    }

    int leverageOf(Instrument instrument) {
        Integer set = leverages.get(instrument.symbol());
        return set != null ? set : Math.min(DEFAULT_LEVERAGE, exchange.maxLeverage(instrument.symbol()));
    }

    BigDecimal free(String asset) {
        return spotTotal.getOrDefault(asset, BigDecimal.ZERO).subtract(spotLocked.getOrDefault(asset, BigDecimal.ZERO));
    }

    BigDecimal positionMargin() {
        return positions.values().stream().map(p -> p.margin).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal orderMargin() {
        return orders.values().stream().filter(OrderState::perpetual).map(OrderState::lockedMargin).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal unrealizedPnl() {
        return positions.values().stream().filter(p -> p.contracts.signum() > 0)
                .map(p -> p.unrealizedPnl(exchange.lastPrice(p.instrument.symbol()))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal available() {
        return futuresWallet.subtract(positionMargin()).subtract(orderMargin()).add(unrealizedPnl());
    }

    PositionState positionFor(Instrument instrument, String side) {
        return positions.computeIfAbsent(instrument.symbol() + "/" + side, k -> new PositionState(instrument, side, leverageOf(instrument)));
    }

    /** Contracts of a position side that no resting CLOSE order has claimed. */
    BigDecimal closable(Instrument instrument, String side) {
        PositionState position = positions.get(instrument.symbol() + "/" + side);
        BigDecimal held = position == null ? BigDecimal.ZERO : position.contracts;
        BigDecimal claimed = orders.values().stream()
                .filter(o -> o.perpetual() && !o.stop() && o.working() && !o.opens()
                        && o.instrument.equals(instrument) && o.positionSide().equals(side))
                .map(OrderState::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        return held.subtract(claimed);
    }

    /** Whether {@code signature} is the lower-case hex HMAC-SHA256 of {@code signed} with this account's secret. */
    boolean signs(String signed, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            String expected = HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available on this JVM", e);
        }
    }

    boolean hasSecret(String candidate) {
        return secret.equals(new SecretKeySpec(candidate.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    @Override
    public String toString() {
        return "Account[" + accountId + ", key " + apiKey + ", secret hidden]";
    }
}
