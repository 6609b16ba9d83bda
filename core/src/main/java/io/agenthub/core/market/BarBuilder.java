package io.agenthub.core.market;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Builds epoch-aligned bars of several timeframes from one symbol's ticks, in event time. Pure: each step takes the
 * state and an input and returns the new state with the bars that closed, so the same code runs in a Kafka Streams
 * processor (state in a store) and in tests or backtests (state in a variable).
 *
 * <p>A bar {@code [open, close)} closes once the <em>horizon</em> passes its close: the horizon is the later of the
 * feed's watermark (its promise that nothing earlier will follow) and the latest tick time minus the grace period
 * (how late a tick may arrive without a watermark). A tick whose bar has already closed is late: it is dropped for
 * that timeframe and counted, never used to rewrite a published bar.
 */
public final class BarBuilder {

    private static final Comparator<BarAccumulator> CLOSE_ORDER =
            Comparator.comparing(BarAccumulator::closeTime).thenComparing(BarAccumulator::timeframe);

    private final List<Timeframe> timeframes;
    private final Duration grace;

    public BarBuilder(List<Timeframe> timeframes, Duration grace) {
        if (timeframes.isEmpty()) {
            throw new IllegalArgumentException("at least one timeframe is needed");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        this.timeframes = timeframes.stream().distinct().sorted().toList();
        this.grace = grace;
    }

    /** The timeframes built, shortest first. */
    public List<Timeframe> timeframes() {
        return timeframes;
    }

    public Duration grace() {
        return grace;
    }

    /**
     * @param maxEventTime latest tick event time seen, or {@code null}
     * @param watermark    latest watermark received, or {@code null}
     * @param open         bars still open, any order
     * @param lateDrops    ticks (per timeframe) dropped because their bar had closed
     */
    public record State(Symbol symbol, Instant maxEventTime, Instant watermark, List<BarAccumulator> open, long lateDrops) {

        public State {
            Objects.requireNonNull(symbol, "symbol");
            open = List.copyOf(open);
        }

        public static State empty(Symbol symbol) {
            return new State(symbol, null, null, List.of(), 0);
        }
    }

    /** The new state and the bars that closed, in close-time order (shorter timeframe first on a tie). */
    public record Step(State state, List<BarAccumulator> closed, int lateDrops) {
    }

    public Step onTick(State state, MarketTick tick) {
        if (!tick.symbol().equals(state.symbol())) {
            throw new IllegalArgumentException("tick of " + tick.symbol() + " given to the bar builder of " + state.symbol());
        }
        Instant horizonBefore = horizon(state.maxEventTime(), state.watermark());
        List<BarAccumulator> open = new ArrayList<>(state.open());
        int late = 0;
        for (Timeframe timeframe : timeframes) {
            Instant openTime = timeframe.openTimeOf(tick.time());
            if (horizonBefore != null && !openTime.plus(timeframe.length()).isAfter(horizonBefore)) {
                late++;
                continue;
            }
            int index = indexOf(open, timeframe, openTime);
            if (index < 0) {
                open.add(BarAccumulator.start(timeframe, tick));
            } else {
                open.set(index, open.get(index).add(tick));
            }
        }
        Instant maxEventTime = state.maxEventTime() == null || tick.time().isAfter(state.maxEventTime())
                ? tick.time() : state.maxEventTime();
        return close(new State(state.symbol(), maxEventTime, state.watermark(), open, state.lateDrops() + late), late);
    }

    public Step onWatermark(State state, Instant watermark) {
        if (state.watermark() != null && !watermark.isAfter(state.watermark())) {
            return new Step(state, List.of(), 0);
        }
        return close(new State(state.symbol(), state.maxEventTime(), watermark, state.open(), state.lateDrops()), 0);
    }

    private Step close(State state, int late) {
        Instant horizon = horizon(state.maxEventTime(), state.watermark());
        if (horizon == null) {
            return new Step(state, List.of(), late);
        }
        List<BarAccumulator> closed = new ArrayList<>();
        List<BarAccumulator> stillOpen = new ArrayList<>();
        for (BarAccumulator bar : state.open()) {
            (bar.closeTime().isAfter(horizon) ? stillOpen : closed).add(bar);
        }
        if (closed.isEmpty()) {
            return new Step(state, List.of(), late);
        }
        closed.sort(CLOSE_ORDER);
        return new Step(new State(state.symbol(), state.maxEventTime(), state.watermark(), stillOpen, state.lateDrops()),
                closed, late);
    }

    /** Bars closing at or before this instant are final. */
    Instant horizon(Instant maxEventTime, Instant watermark) {
        Instant byTicks = maxEventTime == null ? null : maxEventTime.minus(grace);
        if (byTicks == null) {
            return watermark;
        }
        if (watermark == null) {
            return byTicks;
        }
        return byTicks.isAfter(watermark) ? byTicks : watermark;
    }

    private static int indexOf(List<BarAccumulator> open, Timeframe timeframe, Instant openTime) {
        for (int i = 0; i < open.size(); i++) {
            BarAccumulator bar = open.get(i);
            if (bar.timeframe().equals(timeframe) && bar.openTime().equals(openTime)) {
                return i;
            }
        }
        return -1;
    }
}
