package io.agenthub.ingest.feed.replay;

import io.agenthub.core.market.Bar;
import io.agenthub.core.market.CandleTickPath;
import io.agenthub.core.market.Instrument;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Timeframe;
import io.agenthub.core.market.csv.CandleCsvReader;
import io.agenthub.core.market.csv.CandleCsvReport;
import io.agenthub.ingest.feed.FeedSink;
import io.agenthub.ingest.feed.MarketFeed;
import io.agenthub.ingest.feed.Pacer;
import io.agenthub.ingest.feed.ResumePoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a file of one-minute candles (the bundled BTC/USDT dataset or any file in its format) as ticks: each
 * candle becomes its deterministic four-tick path ({@link CandleTickPath}), so bars built from the ticks reproduce
 * the file exactly.
 *
 * <p>Speed is a multiple of real time (1 = real time, 60 = a minute a second) or 0 for as fast as possible. With
 * {@code anchorToNow} the replay is shifted so that its first candle opens {@code history} before the current minute
 * (what lies before now is published at once, for agents to warm up on), and with
 * {@code loop} it starts over, shifted again, when the file ends, so time never goes backwards. A watermark follows
 * each candle when paced, every {@code watermarkInterval} of wall time when not, and always at the end.
 *
 * <p>Trade ids name the original candle and tick ({@code c<openTimeMillis>-<i>}, plus {@code +<shiftSeconds>} when
 * shifted), so a restarted replay finds its place from the last tick it published and carries on from there.
 */
public final class CsvReplayFeed implements MarketFeed {

    private static final Logger log = LoggerFactory.getLogger(CsvReplayFeed.class);
    private static final Pattern TRADE_ID = Pattern.compile("c(-?\\d+)-([0-3])(?:\\+-?\\d+)?");
    private static final Duration STEP = Duration.ofSeconds(15);

    /**
     * @param history    with {@code anchorToNow}, how much of the file lies before now: published at once when the replay
     *                   starts afresh, so that agents find that much history (whole minutes; zero for none)
     * @param resumeFrom the last tick a previous run published, to continue after it; null to start afresh
     */
    public record Settings(Path file, Instrument instrument, double speed, boolean loop, boolean anchorToNow, Duration history,
                           Duration watermarkInterval, ResumePoint resumeFrom) {
        public Settings {
            if (file == null || instrument == null || watermarkInterval == null || history == null) {
                throw new IllegalArgumentException("file, instrument, history and watermarkInterval are required");
            }
            if (history.isNegative()) {
                throw new IllegalArgumentException("history must not be negative");
            }
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Pacer pacer;
    private final AtomicLong candles = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong loops = new AtomicLong();
    private final AtomicReference<CandleCsvReport> lastReport = new AtomicReference<>();

    public CsvReplayFeed(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.pacer = new Pacer(settings.speed());
    }

    @Override
    public String source() {
        return "replay";
    }

    @Override
    public String describe() {
        return "CSV replay of " + settings.file() + " as " + settings.instrument().symbol() + " at "
                + (pacer.unpaced() ? "full speed" : settings.speed() + "x real time")
                + (settings.anchorToNow() ? ", anchored to now" : "") + (settings.loop() ? ", looping" : "");
    }

    @Override
    public void run(FeedSink sink) throws InterruptedException {
        Bar first = firstCandle();
        if (first == null) {
            log.warn("replay: {} has no candles", settings.file());
            return;
        }
        Position position = start(first);
        do {
            Bar last = replayOnce(sink, position);
            if (last == null || pacer.isStopped()) {
                return;
            }
            Duration length = Duration.between(first.openTime(), last.closeTime());
            position = new Position(position.shift().plus(length), null);
            loops.incrementAndGet();
        } while (settings.loop());
    }

    /**
     * Where a pass starts: the shift from file time to event time, and the original time of the last tick already
     * published (null: publish from the first).
     */
    private record Position(Duration shift, Instant skipThrough) {
    }

    private Position start(Bar first) {
        ResumePoint resume = settings.resumeFrom();
        if (resume != null) {
            Matcher m = TRADE_ID.matcher(resume.tradeId());
            if (m.matches()) {
                Instant original = Instant.ofEpochMilli(Long.parseLong(m.group(1))).plus(STEP.multipliedBy(Long.parseLong(m.group(2))));
                Duration shift = Duration.between(original, resume.eventTime());
                log.info("replay: resuming after the tick of {} published at {}", original, resume.eventTime());
                if (settings.anchorToNow()) {
                    pacer.anchor(clock.instant());
                }
                return new Position(shift, original);
            }
            log.warn("replay: last published tick id '{}' is not a replay id; starting afresh", resume.tradeId());
        }
        return new Position(anchorShift(first), null);
    }

    /** @return the last candle replayed (unshifted), or null if none or stopped */
    private Bar replayOnce(FeedSink sink, Position position) throws InterruptedException {
        Duration shift = position.shift();
        String suffix = shift.isZero() ? "" : "+" + shift.toSeconds();
        try (CandleCsvReader reader = CandleCsvReader.open(settings.file(), settings.instrument().symbol(), Timeframe.ONE_MINUTE)) {
            Bar last = null;
            long lastWatermarkNanos = System.nanoTime();
            while (reader.hasNext()) {
                Bar candle = reader.next();
                for (MarketTick original : CandleTickPath.of(candle, settings.instrument().sizeScale())) {
                    if (position.skipThrough() != null && !original.time().isAfter(position.skipThrough())) {
                        continue;
                    }
                    MarketTick tick = new MarketTick(original.symbol(), original.time().plus(shift), original.price(),
                            original.size(), original.tradeId() + suffix, null, null, original.kind());
                    if (!pacer.awaitEventTime(tick.time())) {
                        return null;
                    }
                    sink.onTick(tick);
                    ticks.incrementAndGet();
                }
                candles.incrementAndGet();
                last = candle;
                if (!pacer.unpaced() || System.nanoTime() - lastWatermarkNanos >= settings.watermarkInterval().toNanos()) {
                    sink.onWatermark(candle.symbol(), candle.closeTime().plus(shift));
                    lastWatermarkNanos = System.nanoTime();
                }
            }
            CandleCsvReport report = reader.report();
            lastReport.set(report);
            if (last != null) {
                sink.onWatermark(settings.instrument().symbol(), last.closeTime().plus(shift));
            }
            if (report.skipped() > 0) {
                log.warn("replay: {}", report.summary());
            } else {
                log.info("replay: {}", report.summary());
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay " + settings.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Anchored: the first candle opens {@code history} before the current minute (those candles are due at once) and
     * event time runs with the wall clock from now on.
     */
    private Duration anchorShift(Bar first) {
        if (!settings.anchorToNow()) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        pacer.anchor(now);
        Instant start = Timeframe.ONE_MINUTE.openTimeOf(now).minus(Duration.ofMinutes(settings.history().toMinutes()));
        return Duration.between(first.openTime(), start);
    }

    private Bar firstCandle() {
        try (CandleCsvReader reader = CandleCsvReader.open(settings.file(), settings.instrument().symbol(), Timeframe.ONE_MINUTE)) {
            return reader.hasNext() ? reader.next() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settings.file() + ": " + e.getMessage(), e);
        }
    }

    /** The report of the last complete pass over the file (rows read, malformed rows with line numbers). */
    public CandleCsvReport lastReport() {
        return lastReport.get();
    }

    @Override
    public Map<String, Long> counters() {
        CandleCsvReport report = lastReport.get();
        return Map.of("candles", candles.get(), "ticks", ticks.get(), "loops", loops.get(),
                "malformed_rows", report == null ? 0L : report.skipped());
    }

    @Override
    public void close() {
        pacer.stop();
    }
}
