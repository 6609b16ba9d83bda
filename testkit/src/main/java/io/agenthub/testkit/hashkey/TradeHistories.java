package io.agenthub.testkit.hashkey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic trade histories for a {@link HashKeyMarketPeer}: the same arguments always give the same trades.
 *
 * <p>Times strictly increase (at least 1 ms apart), so a trade's place in a minute is never a tie. Gaps are random
 * with the given mean, and about one gap in {@value #QUIET_EVERY} is a quiet spell of 70 to 130 s, so that histories
 * contain minutes without any trade. Prices follow a random walk on the price scale; sizes are positive on the size
 * scale; trade ids are large increasing numbers like the venue's.
 */
public final class TradeHistories {

    static final int QUIET_EVERY = 150;

    private static final long FIRST_ID = 1_745_922_896_272_048_129L;

    private TradeHistories() {
    }

    /** {@code count} trades of {@code venueSymbol} from {@code start}, about 700 ms apart, prices near a typical level. */
    public static List<ScriptedTrade> randomWalk(String venueSymbol, long seed, Instant start, int count) {
        return randomWalk(venueSymbol, seed, start, count, Duration.ofMillis(700), typicalPrice(venueSymbol), 2, 5);
    }

    public static List<ScriptedTrade> randomWalk(String venueSymbol, long seed, Instant start, int count, Duration meanGap,
                                                 BigDecimal startPrice, int priceScale, int sizeScale) {
        if (count < 0 || meanGap.isNegative() || meanGap.isZero() || startPrice.signum() <= 0) {
            throw new IllegalArgumentException("need count >= 0, a positive mean gap and a positive start price");
        }
        SplittableRandom random = new SplittableRandom(seed);
        BigDecimal tick = BigDecimal.ONE.movePointLeft(priceScale);
        BigDecimal price = startPrice.setScale(priceScale, RoundingMode.HALF_EVEN);
        long time = start.toEpochMilli();
        long id = FIRST_ID + Math.floorMod(seed, 1_000_000) * 1_000_000L;
        List<ScriptedTrade> trades = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                time += random.nextInt(QUIET_EVERY) == 0
                        ? 70_000 + random.nextLong(60_000)
                        : Math.max(1, Math.round(-meanGap.toMillis() * Math.log(1 - random.nextDouble())));
            }
            price = price.add(tick.multiply(BigDecimal.valueOf(random.nextInt(-20, 21)))).max(tick);
            BigDecimal size = BigDecimal.valueOf(1 + random.nextLong(200_000)).movePointLeft(sizeScale);
            id += 1 + random.nextInt(5);
            trades.add(new ScriptedTrade(venueSymbol, Long.toString(id), time, price, size, random.nextBoolean()));
        }
        return List.copyOf(trades);
    }

    private static BigDecimal typicalPrice(String venueSymbol) {
        if (venueSymbol.startsWith("BTC")) {
            return new BigDecimal("60000");
        }
        if (venueSymbol.startsWith("ETH")) {
            return new BigDecimal("3000");
        }
        return new BigDecimal("100");
    }
}
