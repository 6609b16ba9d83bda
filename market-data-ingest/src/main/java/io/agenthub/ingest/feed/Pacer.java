package io.agenthub.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Paces event time against wall time: at speed {@code s}, event time advances {@code s} times faster than the wall
 * clock; at speed 0 nothing waits. Waiting is interruptible by {@link #stop()}, so a closed feed returns promptly.
 */
public final class Pacer {

    private final double speed;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Instant eventOrigin;
    private long wallOrigin;

    /** @param speed multiple of real time; 0 for as fast as possible */
    public Pacer(double speed) {
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed is a multiple of real time (1 = real time) or 0 for as fast as possible, got " + speed);
        }
        this.speed = speed;
    }

    public boolean unpaced() {
        return speed == 0;
    }

    /**
     * Pins event time {@code eventTime} to the wall clock's present: events before it are due at once, later ones
     * at their time. Without it, the first event awaited becomes the origin.
     */
    public void anchor(Instant eventTime) {
        this.eventOrigin = eventTime;
        this.wallOrigin = System.nanoTime();
    }

    /** Waits until {@code eventTime} is due; returns false if stopped meanwhile. */
    public boolean awaitEventTime(Instant eventTime) throws InterruptedException {
        if (isStopped()) {
            return false;
        }
        if (speed == 0) {
            return true;
        }
        if (eventOrigin == null) {
            eventOrigin = eventTime;
            wallOrigin = System.nanoTime();
            return true;
        }
        long eventNanos = Duration.between(eventOrigin, eventTime).toNanos();
        long due = wallOrigin + (long) (eventNanos / speed);
        long wait = due - System.nanoTime();
        return wait <= 0 ? !isStopped() : !stopped.await(wait, TimeUnit.NANOSECONDS);
    }

    /** Sleeps for a wall-clock duration; returns false if stopped meanwhile. */
    public boolean sleep(Duration duration) throws InterruptedException {
        return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }
}
