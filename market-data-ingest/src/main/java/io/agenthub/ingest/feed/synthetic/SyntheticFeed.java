package io.agenthub.ingest.feed.synthetic;

import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.MarketTick;
import io.agenthub.ingest.feed.FeedSink;
import io.agenthub.ingest.feed.MarketFeed;
import io.agenthub.ingest.feed.Pacer;
import io.agenthub.ingest.feed.ResumePoint;
import io.agenthub.core.market.Symbol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Synthetic ticks for any symbol: geometric Brownian motion whose volatility switches between a calm and a
 * turbulent regime (a two-state Markov chain), seeded so that the same settings always give the same ticks.
 *
 * <p>Every symbol ticks once per {@code tickInterval} of event time, starting at {@code start} (or now); paced
 * against the wall clock at {@code speed} (0 = as fast as possible) and bounded by {@code duration} (null =
 * endless). Prices are rounded to the instrument's price scale, sizes to its size scale.
 */
public final class SyntheticFeed implements MarketFeed {

    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;
    /** The tick spacing of the history before now: four ticks a minute, as a replayed candle has. */
    static final int HISTORY_STEP_SECONDS = 15;

    /**
     * @param calmVolatility      annualised volatility in the calm regime (0.5 = 50 %)
     * @param turbulentVolatility annualised volatility in the turbulent regime
     * @param regimeSwitchPerHour probability per hour of switching regime
     * @param meanSize            mean trade size in base units
     * @param resumeFrom          last ticks a previous run published, by symbol: the walk continues from their time
     *                            and price
     * @param history             starting afresh at now (no {@code start}, nothing to resume), the walk begins this long
     *                            before now with a tick every {@value #HISTORY_STEP_SECONDS} s, published at once, so
     *                            that agents find that much history; zero for none
     */
    public record Settings(List<Instrument> instruments, Map<String, BigDecimal> startPrices, long seed,
                           Duration tickInterval, double speed, Instant start, Duration duration,
                           double calmVolatility, double turbulentVolatility, double regimeSwitchPerHour,
                           double meanSize, Duration watermarkInterval, Map<Symbol, ResumePoint> resumeFrom, Duration history) {
        public Settings {
            if (history == null || history.isNegative()) {
                throw new IllegalArgumentException("history must be zero or positive");
            }
            if (instruments == null || instruments.isEmpty()) {
                throw new IllegalArgumentException("at least one instrument is needed");
            }
            if (tickInterval == null || tickInterval.isNegative() || tickInterval.isZero()) {
                throw new IllegalArgumentException("tickInterval must be positive");
            }
            if (calmVolatility <= 0 || turbulentVolatility <= 0 || regimeSwitchPerHour < 0 || meanSize <= 0) {
                throw new IllegalArgumentException("volatilities and mean size must be positive, switch probability not negative");
            }
            instruments = List.copyOf(instruments);
            startPrices = Map.copyOf(startPrices);
            resumeFrom = Map.copyOf(resumeFrom);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Pacer pacer;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong regimeSwitches = new AtomicLong();

    public SyntheticFeed(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.pacer = new Pacer(settings.speed());
    }

    @Override
    public String source() {
        return "synthetic";
    }

    @Override
    public String describe() {
        return "synthetic GBM with volatility regimes for " + settings.instruments().stream().map(i -> i.symbol().toString()).toList()
                + ", seed " + settings.seed() + ", a tick every " + settings.tickInterval().toMillis() + " ms at "
                + (pacer.unpaced() ? "full speed" : settings.speed() + "x real time");
    }

    @Override
    public void run(FeedSink sink) throws InterruptedException {
        List<Walk> walks = new ArrayList<>();
        for (int i = 0; i < settings.instruments().size(); i++) {
            Instrument instrument = settings.instruments().get(i);
            walks.add(new Walk(instrument, startPrice(instrument), new SplittableRandom(settings.seed() * 31 + i)));
        }
        Instant time = startTime();
        Instant end = settings.duration() == null ? null : time.plus(settings.duration());
        // starting afresh at now: the history before it first, at once
        Instant now = time;
        if (settings.start() == null && settings.resumeFrom().isEmpty() && settings.history().isPositive()) {
            pacer.anchor(now);
            long step = HISTORY_STEP_SECONDS;
            time = Instant.ofEpochSecond(Math.floorDiv(now.minus(settings.history()).getEpochSecond(), step) * step);
        }
        long lastWatermarkNanos = System.nanoTime();
        while (end == null || time.isBefore(end)) {
            if (!pacer.awaitEventTime(time)) {
                return;
            }
            Duration interval = time.isBefore(now) ? Duration.ofSeconds(HISTORY_STEP_SECONDS) : settings.tickInterval();
            double dtYears = interval.toNanos() / 1e9 / SECONDS_PER_YEAR;
            double switchPerTick = settings.regimeSwitchPerHour() * interval.toNanos() / 3.6e12;
            for (Walk walk : walks) {
                sink.onTick(walk.step(time, dtYears, switchPerTick));
                ticks.incrementAndGet();
            }
            Instant next = time.plus(interval);
            if (time.isBefore(now) && next.isAfter(now)) {
                next = now;
            }
            if (!pacer.unpaced() || System.nanoTime() - lastWatermarkNanos >= settings.watermarkInterval().toNanos()) {
                for (Walk walk : walks) {
                    sink.onWatermark(walk.instrument.symbol(), next);
                }
                lastWatermarkNanos = System.nanoTime();
            }
            time = next;
        }
        for (Walk walk : walks) {
            sink.onWatermark(walk.instrument.symbol(), time);
        }
    }

    /** The configured start, or now; never at or before a tick a previous run published. */
    private Instant startTime() {
        Instant time = settings.start() != null ? settings.start() : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (ResumePoint resume : settings.resumeFrom().values()) {
            Instant next = resume.eventTime().plus(settings.tickInterval());
            if (next.isAfter(time)) {
                time = next;
            }
        }
        return time;
    }

    private BigDecimal startPrice(Instrument instrument) {
        ResumePoint resume = settings.resumeFrom().get(instrument.symbol());
        if (resume != null) {
            return resume.price();
        }
        BigDecimal configured = settings.startPrices().get(instrument.symbol().toString());
        if (configured != null) {
            return configured;
        }
        return switch (instrument.symbol().base()) {
            case "BTC" -> new BigDecimal("60000");
            case "ETH" -> new BigDecimal("3000");
            case "SOL" -> new BigDecimal("150");
            case "BNB" -> new BigDecimal("600");
            default -> BigDecimal.ONE;
        };
    }

    /** One symbol's random walk. */
    private final class Walk {
        private final Instrument instrument;
        private final SplittableRandom random;
        private double logPrice;
        private boolean turbulent;

        Walk(Instrument instrument, BigDecimal startPrice, SplittableRandom random) {
            this.instrument = instrument;
            this.random = random;
            this.logPrice = Math.log(startPrice.doubleValue());
        }

        MarketTick step(Instant time, double dtYears, double switchPerTick) {
            if (random.nextDouble() < switchPerTick) {
                turbulent = !turbulent;
                regimeSwitches.incrementAndGet();
            }
            double sigma = turbulent ? settings.turbulentVolatility() : settings.calmVolatility();
            logPrice += -0.5 * sigma * sigma * dtYears + sigma * Math.sqrt(dtYears) * gaussian();
            BigDecimal tickSize = BigDecimal.ONE.movePointLeft(instrument.priceScale());
            BigDecimal price = BigDecimal.valueOf(Math.exp(logPrice)).setScale(instrument.priceScale(), RoundingMode.HALF_EVEN).max(tickSize);
            BigDecimal minSize = BigDecimal.ONE.movePointLeft(instrument.sizeScale());
            double size = -settings.meanSize() * Math.log(1 - random.nextDouble());
            BigDecimal quantity = BigDecimal.valueOf(size).setScale(instrument.sizeScale(), RoundingMode.HALF_EVEN).max(minSize);
            return MarketTick.trade(instrument.symbol(), time, price, quantity, "syn-" + instrument.symbol().venueSymbol() + "-" + time.toEpochMilli());
        }

        private double gaussian() {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of("ticks", ticks.get(), "regime_switches", regimeSwitches.get());
    }

    @Override
    public void close() {
        pacer.stop();
    }
}
