package io.agenthub.processor;

import io.agenthub.core.codec.BinaryDecimals;
import io.agenthub.core.market.Bar;
import io.agenthub.core.market.BarAccumulator;
import io.agenthub.core.market.MarketTick;
import io.agenthub.core.market.Symbol;
import io.agenthub.core.market.Timeframe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One symbol's market as a task sees it: the last price, the open minute (for the task's {@link BarHistory}), and the
 * open bar of every interval its agents trade, each a {@link BarAccumulator} (the one way bars are built, here as in
 * ingest and the backtest). Bars are aligned to multiples of the interval and close when a tick of a later bar, or a
 * watermark past their end, arrives. A tick older than the last one is late: counted, and used for
 * nothing.
 *
 * <p>A bar is <em>whole</em> when the task saw every tick of it: the task watched the symbol from before the bar's
 * start, and either the bar opened with its first tick or a bar of whole minutes opened later and was completed from
 * the history. Only whole bars go to the history, and an agent decides only on whole bars.
 *
 * <p>Shared by every agent of the symbol in the task, so a quiet tick changes one small record per symbol, not one
 * per agent: what the task writes to its changelog on every commit does not grow with the number of agents.
 */
final class SymbolMarket {

    /** Receives each bar that closes. */
    interface BarSink {
        void onBar(int intervalSeconds, long openTime, long closeTime, double open, double high, double low, double close, double volume,
                   boolean whole);
    }

    /** The stored minutes of a span (the task's {@link BarHistory} for this symbol), oldest first. */
    interface Minutes {
        List<Bar> between(long from, long to);
    }

    private static final int FORMAT = 4;

    private final Symbol symbol;
    private double lastPrice = Double.NaN;
    private long lastTime = Long.MIN_VALUE;
    /** The time of the first tick the task saw of this symbol. */
    private long since = Long.MAX_VALUE;
    private long ticks;
    private long lateTicks;
    /** Events (ticks and closed bars) so far, numbering the market log. */
    private long events;
    private final Map<Integer, OpenBar> bars = new TreeMap<>();

    /** An open bar, when it ends, and whether the task saw all of it so far. */
    private record OpenBar(BarAccumulator bar, long closeTime, boolean whole) {

        OpenBar(BarAccumulator bar, boolean whole) {
            this(bar, bar.closeTime().toEpochMilli(), whole);
        }

        long openTime() {
            return bar.openTime().toEpochMilli();
        }
    }

    SymbolMarket(Symbol symbol) {
        this.symbol = symbol;
    }

    Symbol symbol() {
        return symbol;
    }

    /**
     * Applies a tick for the given intervals (ascending, the minute among them): first closes the bars it ends (through
     * {@code sink}), then adds it to the open ones. A bar of whole minutes that opens after its start is completed from
     * {@code minutes} and the open minute.
     *
     * @return false when the tick was late and ignored
     */
    boolean onTick(MarketTick tick, int[] intervals, Minutes minutes, BarSink sink) {
        if (!tick.symbol().equals(symbol)) {
            throw new IllegalArgumentException("tick of " + tick.symbol() + " given to the market of " + symbol);
        }
        long time = tick.time().toEpochMilli();
        if (time < lastTime) {
            lateTicks++;
            return false;
        }
        since = Math.min(since, time);
        for (int interval : intervals) {
            OpenBar bar = bars.get(interval);
            if (bar != null && time >= bar.closeTime()) {
                close(interval, bar, sink);
                bar = null;
            }
            if (bar == null) {
                Timeframe timeframe = Timeframe.ofSeconds(interval);
                long openTime = timeframe.openTimeOf(tick.time()).toEpochMilli();
                bar = complete(timeframe, openTime, minutes);
                if (bar == null) {
                    bar = new OpenBar(BarAccumulator.start(timeframe, tick), since <= openTime && (time == openTime || lastTime < openTime));
                }
            } else {
                bar = new OpenBar(bar.bar().add(tick), bar.closeTime(), bar.whole());
            }
            bars.put(interval, bar);
        }
        if (bars.size() > intervals.length) {
            bars.keySet().removeIf(interval -> !contains(intervals, interval));
        }
        lastPrice = tick.price().doubleValue();
        lastTime = time;
        ticks++;
        return true;
    }

    /**
     * A bar of whole minutes opening at {@code openTime} while the task has watched the symbol since before it and ticks
     * of it went by already: the stored minutes since its start merged with the open minute, or null when it cannot be
     * completed that way (the tick being applied then opens it). The open minute holds that tick already.
     */
    private OpenBar complete(Timeframe timeframe, long openTime, Minutes minutes) {
        long length = timeframe.millis();
        OpenBar minute = bars.get(BarHistory.MINUTE_SECONDS);
        if (length <= BarHistory.MINUTE_MILLIS || length % BarHistory.MINUTE_MILLIS != 0 || since > openTime
                || lastTime < openTime || minute == null || !minute.whole() || minute.openTime() < openTime) {
            return null;
        }
        BarAccumulator bar = minute.bar().widen(timeframe);
        if (minute.openTime() > openTime) {
            List<Bar> before = minutes.between(openTime, minute.openTime());
            if (before.isEmpty()) {
                return null;
            }
            for (Bar stored : before) {
                bar = bar.merge(BarAccumulator.of(stored));
            }
        }
        return new OpenBar(bar, true);
    }

    /** The feed's promise that no earlier tick follows: closes every open bar that has ended. */
    void onWatermark(long watermark, BarSink sink) {
        List<Integer> ended = new ArrayList<>();
        bars.forEach((interval, bar) -> {
            if (bar.closeTime() <= watermark) {
                ended.add(interval);
            }
        });
        for (int interval : ended) {
            close(interval, bars.get(interval), sink);
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private void close(int interval, OpenBar open, BarSink sink) {
        bars.remove(interval);
        BarAccumulator bar = open.bar();
        sink.onBar(interval, open.openTime(), open.closeTime(), bar.open().doubleValue(), bar.high().doubleValue(), bar.low().doubleValue(),
                bar.close().doubleValue(), bar.volume().doubleValue(), open.whole());
    }

    /** Whether the open bar of {@code intervalSeconds} is whole so far (false when there is none). */
    boolean whole(int intervalSeconds) {
        OpenBar bar = bars.get(intervalSeconds);
        return bar != null && bar.whole();
    }

    double lastPrice() {
        return lastPrice;
    }

    long lastTime() {
        return lastTime;
    }

    long ticks() {
        return ticks;
    }

    long lateTicks() {
        return lateTicks;
    }

    /** The number of the next market event. */
    long nextEvent() {
        return ++events;
    }

    /** The number the next event will have, without taking it. */
    long nextEventPeek() {
        return events + 1;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 96 * bars.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeDouble(lastPrice);
            out.writeLong(lastTime);
            out.writeLong(ticks);
            out.writeLong(lateTicks);
            out.writeLong(events);
            out.writeLong(since);
            out.writeInt(bars.size());
            for (Map.Entry<Integer, OpenBar> e : bars.entrySet()) {
                BarAccumulator bar = e.getValue().bar();
                out.writeInt(e.getKey());
                out.writeLong(bar.openTime().toEpochMilli());
                BinaryDecimals.write(out, bar.open());
                out.writeLong(bar.openTickTime().toEpochMilli());
                BinaryDecimals.write(out, bar.high());
                BinaryDecimals.write(out, bar.low());
                BinaryDecimals.write(out, bar.close());
                out.writeLong(bar.closeTickTime().toEpochMilli());
                BinaryDecimals.write(out, bar.volume());
                out.writeLong(bar.tickCount());
                out.writeBoolean(e.getValue().whole());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SymbolMarket fromBytes(Symbol symbol, byte[] bytes) {
        int format = bytes.length == 0 ? 0 : bytes[0];
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException("unknown symbol state format " + format);
        }
        if (format < 4) {
            return fromDoubles(symbol, ByteBuffer.wrap(bytes, 1, bytes.length - 1), format);
        }
        SymbolMarket market = new SymbolMarket(symbol);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            market.lastPrice = in.readDouble();
            market.lastTime = in.readLong();
            market.ticks = in.readLong();
            market.lateTicks = in.readLong();
            market.events = in.readLong();
            market.since = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                int interval = in.readInt();
                BarAccumulator bar = new BarAccumulator(symbol, Timeframe.ofSeconds(interval), Instant.ofEpochMilli(in.readLong()),
                        BinaryDecimals.read(in), Instant.ofEpochMilli(in.readLong()), BinaryDecimals.read(in), BinaryDecimals.read(in),
                        BinaryDecimals.read(in), Instant.ofEpochMilli(in.readLong()), BinaryDecimals.read(in), in.readLong());
                market.bars.put(interval, new OpenBar(bar, in.readBoolean()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("a symbol state cut short: " + e.getMessage(), e);
        }
        return market;
    }

    /** Formats 1 to 3 kept prices as doubles: their decimals are the shortest that read back as the same doubles. */
    private static SymbolMarket fromDoubles(Symbol symbol, ByteBuffer buffer, int format) {
        SymbolMarket market = new SymbolMarket(symbol);
        market.lastPrice = buffer.getDouble();
        market.lastTime = buffer.getLong();
        market.ticks = buffer.getLong();
        market.lateTicks = buffer.getLong();
        market.events = format >= 2 ? buffer.getLong() : 0;
        // before format 3 the task did not note when it began to watch: its bars from the next on are whole
        market.since = format >= 3 ? buffer.getLong() : market.lastTime == Long.MIN_VALUE ? Long.MAX_VALUE : market.lastTime + 1;
        int n = buffer.getInt();
        for (int i = 0; i < n; i++) {
            int interval = buffer.getInt();
            Timeframe timeframe = Timeframe.ofSeconds(interval);
            long openTime = buffer.getLong();
            BigDecimal open = BigDecimal.valueOf(buffer.getDouble());
            BigDecimal high = BigDecimal.valueOf(buffer.getDouble());
            BigDecimal low = BigDecimal.valueOf(buffer.getDouble());
            BigDecimal close = BigDecimal.valueOf(buffer.getDouble());
            int scale = buffer.getInt();
            byte[] unscaled = new byte[buffer.getShort()];
            buffer.get(unscaled);
            BigDecimal volume = new BigDecimal(new BigInteger(unscaled), scale);
            boolean whole = format >= 3 && buffer.get() == 1;
            long lastTick = Math.max(openTime, Math.min(market.lastTime, openTime + timeframe.millis() - 1));
            BarAccumulator bar = new BarAccumulator(symbol, timeframe, Instant.ofEpochMilli(openTime), open, Instant.ofEpochMilli(openTime),
                    high, low, close, Instant.ofEpochMilli(lastTick), volume, 0);
            market.bars.put(interval, new OpenBar(bar, whole));
        }
        return market;
    }
}
