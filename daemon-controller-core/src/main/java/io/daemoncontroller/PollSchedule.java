package io.daemoncontroller;

import java.time.Duration;

/**
 * How long to pause between two checks of a wait (for a daemon to answer, or to exit): a quarter of a millisecond
 * at first, then a thousandth of the time waited so far, up to the configured longest gap. So the wait overshoots
 * a daemon that takes a second by half a millisecond on average, and any daemon by under 0.1% of its start time,
 * while a check (a file read and a refused connect, some 50 µs) costs at most a fifth of a core in the first
 * quarter second and less after. A probe that costs more than a millisecond (a command ping, which forks; an
 * HTTP request) is spaced out so that probing takes at most a third of the wait. Cheaper probes (a refused connect,
 * some 100 µs of CPU) are not: their wall time mostly measures how busy the machine is while the daemon itself
 * starts, and spacing them by it would delay exactly the probe that finds the daemon ready. The cost is the
 * cheapest seen so far, so a slow first probe of a cold JVM does not count.
 */
final class PollSchedule {

    private static final long SHORTEST_PAUSE_NANOS = 250_000;
    private static final int ELAPSED_SHARE = 1000;
    private static final int PROBE_COST_FACTOR = 2;
    private static final long COSTLY_PROBE_NANOS = 1_000_000;

    private final long startNanos = System.nanoTime();
    private final long longestPauseNanos;
    private long cheapestProbeNanos = Long.MAX_VALUE;

    PollSchedule(Duration longestPause) {
        this.longestPauseNanos = longestPause.toNanos();
    }

    /** The pause before the next check, given that the last probe took {@code probeNanos} (0: no probe ran). */
    long nextPauseNanos(long probeNanos) {
        if (probeNanos > 0) {
            cheapestProbeNanos = Math.min(cheapestProbeNanos, probeNanos);
        }
        long probeShare = cheapestProbeNanos == Long.MAX_VALUE || cheapestProbeNanos < COSTLY_PROBE_NANOS ? 0
                : cheapestProbeNanos * PROBE_COST_FACTOR;
        long elapsed = System.nanoTime() - startNanos;
        long pause = Math.max(SHORTEST_PAUSE_NANOS, Math.max(elapsed / ELAPSED_SHARE, probeShare));
        return Math.min(pause, longestPauseNanos);
    }
}
