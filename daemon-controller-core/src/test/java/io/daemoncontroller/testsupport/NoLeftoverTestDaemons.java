package io.daemoncontroller.testsupport;

import io.daemoncontroller.testdaemon.TestDaemonCommand;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves a test daemon or child JVM of this test JVM running (see
 * {@link TestProcesses#markedAlive()}), after giving such processes a few seconds to exit, and kills them so that
 * the next class starts clean. Register it with {@code @ExtendWith(NoLeftoverTestDaemons.class)}.
 */
public final class NoLeftoverTestDaemons implements AfterAllCallback {

    private static final Duration GRACE = Duration.ofSeconds(5);

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            Await.until("leftover test daemons to exit", GRACE, () -> TestProcesses.markedAlive().isEmpty());
        } catch (AssertionError stillAlive) {
            List<String> killed = TestProcesses.killAllMentioning(TestDaemonCommand.markerArgument() + " ");
            throw new AssertionError(context.getDisplayName() + " left test daemons running; killed them:\n  "
                    + String.join("\n  ", killed), stillAlive);
        }
    }
}
