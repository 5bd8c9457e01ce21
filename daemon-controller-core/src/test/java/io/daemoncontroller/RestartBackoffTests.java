package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The restart delays and the crash-loop limit, without processes: deaths are fed in with the instants they
 * happened at, so nothing here depends on the clock. The jitter is random, so the bounds are checked over many
 * draws.
 */
class RestartBackoffTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final int DRAWS = 2000;

    @Test
    void eachDeathWithinTheWindowDoublesTheDelayAndJitterKeepsItInTheUpperHalf() {
        for (int draw = 0; draw < DRAWS; draw++) {
            RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(100), Duration.ofHours(1), 10,
                    Duration.ofHours(1));
            Duration previous = Duration.ZERO;
            for (int death = 1; death <= 8; death++) {
                Duration full = Duration.ofMillis(100L << (death - 1));
                Duration delay = backoff.afterDeath(T0.plusSeconds(death)).orElseThrow();

                assertThat(delay).as("delay after death %d", death).isBetween(full.dividedBy(2), full);
                assertThat(delay).as("delay after death %d never shrinks", death).isGreaterThanOrEqualTo(previous);
                previous = delay;
            }
        }
    }

    @Test
    void theJitterSpreadsTheDelayOverTheUpperHalfRatherThanFixingIt() {
        List<Duration> delays = new ArrayList<>();
        for (int draw = 0; draw < DRAWS; draw++) {
            delays.add(new RestartBackoff(SECOND, Duration.ofMinutes(1), 5, Duration.ofMinutes(1))
                    .afterDeath(T0).orElseThrow());
        }

        assertThat(delays).allSatisfy(delay -> assertThat(delay).isBetween(Duration.ofMillis(500), SECOND));
        // Two instances that crash together must not restart in lockstep. With a uniform draw, missing either
        // end of the half by this much over this many draws has a probability far below 1e-50.
        assertThat(delays.stream().min(Duration::compareTo).orElseThrow()).isLessThan(Duration.ofMillis(600));
        assertThat(delays.stream().max(Duration::compareTo).orElseThrow()).isGreaterThan(Duration.ofMillis(900));
        assertThat(delays.stream().distinct().count()).isGreaterThan(DRAWS / 2);
    }

    @Test
    void theDelayStopsGrowingAtTheMaximum() {
        Duration max = Duration.ofSeconds(5);
        for (int draw = 0; draw < DRAWS / 10; draw++) {
            RestartBackoff backoff = new RestartBackoff(SECOND, max, 30, Duration.ofHours(1));
            List<Duration> delays = new ArrayList<>();
            for (int death = 1; death <= 30; death++) {
                delays.add(backoff.afterDeath(T0.plusSeconds(death)).orElseThrow());
            }

            assertThat(delays).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(max));
            // From the fourth death on the doubled delay (8s) exceeds the maximum: drawn from the maximum's upper half.
            assertThat(delays.subList(3, delays.size()))
                    .allSatisfy(delay -> assertThat(delay).isBetween(max.dividedBy(2), max));
        }
    }

    @Test
    void manyDeathsWithinALongWindowNeitherOverflowNorFail() {
        // maxRestarts 50 in 1h with the default delays is a plausible setting for a flaky daemon that should be
        // kept trying; the 35th death doubles 1s 34 times, past what a long of nanoseconds holds.
        Duration max = Duration.ofMinutes(1);
        RestartBackoff backoff = new RestartBackoff(SECOND, max, 50, Duration.ofHours(1));
        Instant at = T0;
        for (int death = 1; death <= 50; death++) {
            at = at.plusSeconds(60);
            Optional<Duration> delay;
            try {
                delay = backoff.afterDeath(at);
            } catch (RuntimeException ex) {
                throw new AssertionError("death " + death + " within the window: " + ex, ex);
            }
            assertThat(delay).as("delay after death %d", death).isPresent();
            assertThat(delay.get()).as("delay after death %d", death).isBetween(SECOND.dividedBy(2), max);
        }
    }

    @Test
    void moreDeathsThanMaxRestartsWithinTheWindowIsACrashLoop() {
        RestartBackoff backoff = new RestartBackoff(SECOND, Duration.ofMinutes(1), 3, Duration.ofMinutes(1));

        assertThat(backoff.afterDeath(T0)).isPresent();
        assertThat(backoff.afterDeath(T0.plusSeconds(1))).isPresent();
        assertThat(backoff.afterDeath(T0.plusSeconds(3))).isPresent();
        assertThat(backoff.afterDeath(T0.plusSeconds(7))).as("the fourth death within 1m with maxRestarts 3").isEmpty();
        assertThat(backoff.recentDeaths()).isEqualTo(4);
    }

    @Test
    void maxRestartsZeroGivesUpAtTheFirstDeath() {
        RestartBackoff backoff = new RestartBackoff(SECOND, Duration.ofMinutes(1), 0, Duration.ofMinutes(1));

        assertThat(backoff.afterDeath(T0)).isEmpty();
    }

    @Test
    void deathsOlderThanTheWindowAreForgottenSoAStableDaemonStartsOverFromTheInitialDelay() {
        Duration window = Duration.ofMinutes(1);
        for (int draw = 0; draw < DRAWS / 10; draw++) {
            RestartBackoff backoff = new RestartBackoff(SECOND, Duration.ofMinutes(1), 3, window);
            backoff.afterDeath(T0);
            backoff.afterDeath(T0.plusSeconds(1));
            assertThat(backoff.afterDeath(T0.plusSeconds(3)).orElseThrow()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

            // It then ran for longer than the window before dying again.
            Duration delay = backoff.afterDeath(T0.plusSeconds(3).plus(window).plusSeconds(1)).orElseThrow();

            assertThat(backoff.recentDeaths()).isEqualTo(1);
            assertThat(delay).isBetween(SECOND.dividedBy(2), SECOND);
        }
    }

    @Test
    void deathsSpacedWiderThanTheWindowNeverMakeACrashLoop() {
        Duration window = Duration.ofMinutes(1);
        RestartBackoff backoff = new RestartBackoff(SECOND, Duration.ofMinutes(1), 2, window);
        Instant at = T0;
        for (int death = 1; death <= 20; death++) {
            at = at.plus(window).plusMillis(1);
            assertThat(backoff.afterDeath(at)).as("death %d", death).isPresent();
        }
    }

    @Test
    void deathsWithinTheWindowStillCountWhenOlderOnesAreForgotten() {
        Duration window = Duration.ofMinutes(1);
        RestartBackoff backoff = new RestartBackoff(SECOND, Duration.ofMinutes(1), 2, window);
        backoff.afterDeath(T0);
        backoff.afterDeath(T0.plusSeconds(50));
        // 70s: the first death has left the window, the second has not.
        assertThat(backoff.afterDeath(T0.plusSeconds(70))).isPresent();
        assertThat(backoff.recentDeaths()).isEqualTo(2);
        assertThat(backoff.afterDeath(T0.plusSeconds(80))).as("three deaths within 1m, maxRestarts 2").isEmpty();
    }

    @Test
    void resetForgetsEveryDeath() {
        RestartBackoff backoff = new RestartBackoff(SECOND, Duration.ofMinutes(1), 2, Duration.ofMinutes(1));
        backoff.afterDeath(T0);
        backoff.afterDeath(T0.plusSeconds(1));

        backoff.reset();

        assertThat(backoff.recentDeaths()).isZero();
        assertThat(backoff.afterDeath(T0.plusSeconds(2)).orElseThrow()).isBetween(SECOND.dividedBy(2), SECOND);
        assertThat(backoff.afterDeath(T0.plusSeconds(3))).isPresent();
    }
}
