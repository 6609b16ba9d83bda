package io.agenthub.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/** A progress bar on standard error, drawn only when it is a terminal and at most ten times a second. */
final class Progress {

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private final AtomicLong lastDraw = new AtomicLong();

    Progress(PrintWriter err, int total, boolean terminal) {
        this.err = err;
        this.total = total;
        this.enabled = terminal && total > 1;
    }

    synchronized void done(int count) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (count < total && now - lastDraw.get() < 100_000_000L) {
            return;
        }
        lastDraw.set(now);
        int width = 30;
        int filled = (int) ((long) width * count / total);
        err.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + count + "/" + total);
        if (count >= total) {
            err.println();
        }
        err.flush();
    }
}
