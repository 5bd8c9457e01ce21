package io.daemoncontroller;

import java.time.Duration;

/**
 * How long to pause between two checks of a wait (for a daemon to answer, or to exit): a fraction of a millisecond
 * at first, then a fixed share of the time waited so far, so that the wait overshoots a quick daemon by well under
 * a millisecond and a slow one by under half a percent, up to the configured longest gap. A probe that is costly
 * to run (such as a command ping) is spaced out so that probing stays a small share of the wait.
 */
final class PollSchedule {

    private static final long SHORTEST_PAUSE_NANOS = 200_000;
    private static final int ELAPSED_SHARE = 256;
    private static final int PROBE_COST_FACTOR = 16;

    private final long startNanos = System.nanoTime();
    private final long longestPauseNanos;

    PollSchedule(Duration longestPause) {
        this.longestPauseNanos = longestPause.toNanos();
    }

    /** The pause before the next check, given that the last probe took {@code probeNanos}. */
    long nextPauseNanos(long probeNanos) {
        long elapsed = System.nanoTime() - startNanos;
        long pause = Math.max(SHORTEST_PAUSE_NANOS, Math.max(elapsed / ELAPSED_SHARE, probeNanos * PROBE_COST_FACTOR));
        return Math.min(pause, longestPauseNanos);
    }
}
