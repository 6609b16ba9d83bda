package io.agenthub.processor;

import io.agenthub.core.market.MarketTick;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One symbol's market as a task sees it: the last price, the open minute (for the task's {@link BarHistory}), and the
 * open bar of every interval its agents trade. Bars are aligned to multiples of the interval and close when a tick of
 * a later bar, or a watermark past their end, arrives. A tick older than the last one is late: counted, and used for
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

    /** The stored minutes of a span folded into one bar (the task's {@link BarHistory} for this symbol), or null. */
    interface Minutes {
        BarHistory.Folded fold(long from, long to);
    }

    private static final int FORMAT = 3;

    private double lastPrice = Double.NaN;
    private long lastTime = Long.MIN_VALUE;
    /** The time of the first tick the task saw of this symbol. */
    private long since = Long.MAX_VALUE;
    private long ticks;
    private long lateTicks;
    /** Events (ticks and closed bars) so far, numbering the market log. */
    private long events;
    private final Map<Integer, OpenBar> bars = new TreeMap<>();

    private static final class OpenBar {
        long openTime;
        double open;
        double high;
        double low;
        double close;
        BigDecimal volume;
        boolean whole;
    }

    /**
     * Applies a tick for the given intervals (ascending, the minute among them): first closes the bars it ends (through
     * {@code sink}), then adds it to the open ones. A bar of whole minutes that opens after its start is completed from
     * {@code minutes} and the open minute.
     *
     * @return false when the tick was late and ignored
     */
    boolean onTick(MarketTick tick, int[] intervals, Minutes minutes, BarSink sink) {
        long time = tick.time().toEpochMilli();
        if (time < lastTime) {
            lateTicks++;
            return false;
        }
        since = Math.min(since, time);
        double price = tick.price().doubleValue();
        for (int interval : intervals) {
            long length = interval * 1000L;
            OpenBar bar = bars.get(interval);
            if (bar != null && time >= bar.openTime + length) {
                close(interval, bar, sink);
                bar = null;
            }
            if (bar == null) {
                long openTime = Math.floorDiv(time, length) * length;
                bar = open(interval, openTime, minutes);
                if (bar == null) {
                    bar = new OpenBar();
                    bar.openTime = openTime;
                    bar.open = bar.high = bar.low = bar.close = price;
                    bar.volume = tick.size();
                    bar.whole = since <= openTime && (time == openTime || lastTime < openTime);
                }
                bars.put(interval, bar);
            } else {
                bar.high = Math.max(bar.high, price);
                bar.low = Math.min(bar.low, price);
                bar.close = price;
                bar.volume = bar.volume.add(tick.size());
            }
        }
        if (bars.size() > intervals.length) {
            bars.keySet().removeIf(interval -> !contains(intervals, interval));
        }
        lastPrice = price;
        lastTime = time;
        ticks++;
        return true;
    }

    /**
     * A bar of whole minutes opening at {@code openTime} while the task has watched the symbol since before it and ticks
     * of it went by already: the stored minutes since its start and the open minute, or null when it cannot be completed
     * that way (the tick being applied then opens it). The open minute holds that tick already.
     */
    private OpenBar open(int interval, long openTime, Minutes minutes) {
        OpenBar minute = bars.get(BarHistory.MINUTE_SECONDS);
        if (interval <= BarHistory.MINUTE_SECONDS || interval % BarHistory.MINUTE_SECONDS != 0 || since > openTime
                || lastTime < openTime || minute == null || !minute.whole || minute.openTime < openTime) {
            return null;
        }
        OpenBar bar = new OpenBar();
        bar.openTime = openTime;
        bar.whole = true;
        bar.open = minute.open;
        bar.high = minute.high;
        bar.low = minute.low;
        bar.close = minute.close;
        bar.volume = minute.volume;
        if (minute.openTime > openTime) {
            BarHistory.Folded before = minutes.fold(openTime, minute.openTime);
            if (before == null) {
                return null;
            }
            bar.open = before.open();
            bar.high = Math.max(before.high(), minute.high);
            bar.low = Math.min(before.low(), minute.low);
            bar.volume = BigDecimal.valueOf(before.volume()).add(minute.volume);
        }
        return bar;
    }

    /** The feed's promise that no earlier tick follows: closes every open bar that has ended. */
    void onWatermark(long watermark, BarSink sink) {
        List<Integer> ended = new ArrayList<>();
        bars.forEach((interval, bar) -> {
            if (bar.openTime + interval * 1000L <= watermark) {
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

    private void close(int interval, OpenBar bar, BarSink sink) {
        bars.remove(interval);
        sink.onBar(interval, bar.openTime, bar.openTime + interval * 1000L, bar.open, bar.high, bar.low, bar.close, bar.volume.doubleValue(),
                bar.whole);
    }

    /** Whether the open bar of {@code intervalSeconds} is whole so far (false when there is none). */
    boolean whole(int intervalSeconds) {
        OpenBar bar = bars.get(intervalSeconds);
        return bar != null && bar.whole;
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
        int size = 1 + 8 + 8 + 8 + 8 + 8 + 8 + 4;
        List<byte[]> volumes = new ArrayList<>();
        for (OpenBar bar : bars.values()) {
            byte[] unscaled = bar.volume.unscaledValue().toByteArray();
            volumes.add(unscaled);
            size += 4 + 8 + 4 * 8 + 4 + 2 + unscaled.length + 1;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put((byte) FORMAT).putDouble(lastPrice).putLong(lastTime).putLong(ticks).putLong(lateTicks).putLong(events).putLong(since).putInt(bars.size());
        int i = 0;
        for (Map.Entry<Integer, OpenBar> e : bars.entrySet()) {
            OpenBar bar = e.getValue();
            byte[] unscaled = volumes.get(i++);
            buffer.putInt(e.getKey()).putLong(bar.openTime).putDouble(bar.open).putDouble(bar.high).putDouble(bar.low).putDouble(bar.close)
                    .putInt(bar.volume.scale()).putShort((short) unscaled.length).put(unscaled).put((byte) (bar.whole ? 1 : 0));
        }
        return buffer.array();
    }

    static SymbolMarket fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int format = buffer.get();
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException("unknown symbol state format " + format);
        }
        SymbolMarket market = new SymbolMarket();
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
            OpenBar bar = new OpenBar();
            bar.openTime = buffer.getLong();
            bar.open = buffer.getDouble();
            bar.high = buffer.getDouble();
            bar.low = buffer.getDouble();
            bar.close = buffer.getDouble();
            int scale = buffer.getInt();
            byte[] unscaled = new byte[buffer.getShort()];
            buffer.get(unscaled);
            bar.volume = new BigDecimal(new BigInteger(unscaled), scale);
            bar.whole = format >= 3 && buffer.get() == 1;
            market.bars.put(interval, bar);
        }
        return market;
    }
}
