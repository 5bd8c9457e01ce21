package io.daemoncontroller.testsupport;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/** The leftover check finds a test daemon left running, kills it and fails. */
class NoLeftoverTestDaemonsTests {

    @TempDir
    Path dir;

    @AfterEach
    void killEverything() {
        TestProcesses.killAllMentioning(dir.toString());
    }

    @Test
    void killsALeftoverTestDaemonAndFails() throws Exception {
        Path pidFile = dir.resolve("leftover.pid");
        new ProcessBuilder("/bin/sh", "-c", testDaemon().pidFile(pidFile).shellCommand()).start().waitFor();
        Await.until("the leftover to start", Duration.ofSeconds(20), () -> Files.exists(pidFile));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(TestProcesses.markedAlive()).extracting(ProcessHandle::pid).contains(pid);

        assertThatThrownBy(() -> new NoLeftoverTestDaemons().afterAll(context("SomeTests")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SomeTests left test daemons running")
                .hasMessageContaining(pidFile.toString());

        assertThat(TestProcesses.isAlive(pid)).isFalse();
        assertThat(TestProcesses.markedAlive()).isEmpty();
    }

    @Test
    void passesWhenNoTestDaemonRuns() {
        new NoLeftoverTestDaemons().afterAll(context("CleanTests"));
    }

    private static ExtensionContext context(String displayName) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDisplayName")) {
                        return displayName;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
