package io.daemoncontroller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides how long to wait before restarting a daemon that died, and when to give up. Each death within the
 * restart window doubles the delay, from the initial delay up to the maximum, with jitter (the delay is drawn
 * from its upper half, so instances that crash together do not restart in lockstep, and each delay is still at
 * least the one before). Deaths older than the window are forgotten, so a daemon that ran stably for a window
 * starts again from the initial delay. More than the allowed restarts within the window is a crash loop.
 */
final class RestartBackoff {

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final int maxRestarts;
    private final Duration window;
    private final Deque<Instant> deaths = new ArrayDeque<>();

    RestartBackoff(Duration initialDelay, Duration maxDelay, int maxRestarts, Duration window) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.maxRestarts = maxRestarts;
        this.window = window;
    }

    /** Records a death now; returns the delay before the restart, or empty for a crash loop. */
    synchronized Optional<Duration> afterDeath(Instant now) {
        deaths.addLast(now);
        while (deaths.getFirst().isBefore(now.minus(window))) {
            deaths.removeFirst();
        }
        if (deaths.size() > maxRestarts) {
            return Optional.empty();
        }
        long full = initialDelay.toNanos();
        for (int doubling = 1; doubling < deaths.size() && full < maxDelay.toNanos(); doubling++) {
            full = Math.min(maxDelay.toNanos(), full * 2);
        }
        return Optional.of(Duration.ofNanos(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1)));
    }

    /** How many deaths the window holds now. */
    synchronized int recentDeaths() {
        return deaths.size();
    }

    /** Forgets every death: the daemon was started or stopped on purpose. */
    synchronized void reset() {
        deaths.clear();
    }

    Duration window() {
        return window;
    }

    int maxRestarts() {
        return maxRestarts;
    }
}
