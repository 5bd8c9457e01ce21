package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How many threads supervision takes: one shared timer, however many daemons it watches. */
@ExtendWith(NoLeftoverTestDaemons.class)
class SupervisionThreadsTests {

    private static final int DAEMONS = 20;

    /** A daemon that goes into the background, writes its PID file and sleeps until SIGTERM; its PID file is $1. */
    private static final String SLEEPER = "setsid perl -e '$SIG{TERM} = sub { exit 0 }; open(my $f, \">\", $ARGV[0])"
            + " or die; print $f $$; close $f; sleep 600' %s >/dev/null 2>&1 </dev/null &";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void backgroundDaemonsAreWatchedByOneSharedThreadWhichStillNoticesEachDeath() {
        List<DaemonController> controllers = new ArrayList<>();
        for (int i = 0; i < DAEMONS; i++) {
            Path pidFile = sandbox.dir.resolve("sleeper-" + i + ".pid");
            controllers.add(sandbox.build(DaemonController.builder("sleeper-" + i)
                    .startCommand(SLEEPER.formatted(shellQuote(pidFile.toString())))
                    .pidFile(pidFile)
                    .ping(Ping.of(() -> true))
                    .restartPolicy(RestartPolicy.ON_FAILURE)
                    .restartDelay(Duration.ofMillis(50))
                    .startTimeout(Duration.ofSeconds(10))
                    .stopTimeout(Duration.ofSeconds(5))));
        }
        controllers.parallelStream().forEach(DaemonController::start);

        assertThat(threadsNamed("daemon-controller-supervision")).as("the shared timer").isEqualTo(1);
        assertThat(threadsNamed("daemon-controller-supervisor-sleeper-")).as("workers with nothing to do")
                .isZero();

        DaemonController victim = controllers.get(DAEMONS / 2);
        long pid = victim.status().pid().orElseThrow();
        TestProcesses.signal("KILL", pid);
        Await.until("sleeper-" + DAEMONS / 2 + " restarted", Duration.ofSeconds(20),
                () -> victim.status().state() == DaemonState.RUNNING && victim.status().restarts() == 1);
        assertThat(victim.status().pid().orElseThrow()).isNotEqualTo(pid);
        assertThat(controllers).filteredOn(controller -> controller != victim)
                .allMatch(controller -> controller.status().restarts() == 0);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
                .count();
    }
}
