package io.agenthub.api.market;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who may run a backtest now: at most {@code total} at once on the API's cores, and one per user at a time, so that
 * one user (or one script) cannot keep every other user waiting.
 */
final class BacktestSlots {

    /** A slot taken; give it back by closing it (closing twice gives it back once). */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Why no slot was given. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    private final Semaphore total;
    private final int slots;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    BacktestSlots(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("at least one backtest slot");
        }
        this.slots = total;
        this.total = new Semaphore(total);
    }

    /** @throws Busy when the user already runs one, or every slot is taken */
    Slot take(UUID user) {
        if (!running.add(user)) {
            throw new Busy("you have a backtest running; one at a time per user");
        }
        if (!total.tryAcquire()) {
            running.remove(user);
            throw new Busy(slots + " backtests are running; try again in a moment");
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.getAndSet(false)) {
                total.release();
                running.remove(user);
            }
        };
    }
}
