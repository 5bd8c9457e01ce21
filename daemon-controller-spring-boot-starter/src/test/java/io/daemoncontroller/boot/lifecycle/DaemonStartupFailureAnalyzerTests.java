package io.daemoncontroller.boot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The advice in the startup failure report follows why the daemon failed to start, not a guess. */
@ExtendWith({NoLeftoverTestDaemons.class, OutputCaptureExtension.class})
class DaemonStartupFailureAnalyzerTests {

    @TempDir
    Path directory;

    @Test
    void aDaemonThatWritesItsPidFileElsewhereIsToldToSetThePidFileNotToWaitLonger(CapturedOutput output) {
        Path elsewhere = directory.resolve("elsewhere.pid");
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop")
                .set("start-timeout", "3s");
        Map<String, Object> properties = search.map();
        properties.put("daemon-controller.daemons.search.pid-file", elsewhere.toString());

        assertThatException().isThrownBy(() -> application(properties).run().close());

        assertThat(output).contains("APPLICATION FAILED TO START", "ping tcp://127.0.0.1:" + search.port() + ": answers",
                "but " + elsewhere + " names no running process",
                "Set daemon-controller.daemons.search.pid-file to the file the daemon writes");
        assertThat(output).doesNotContain("raise daemon-controller.daemons.search.start-timeout");
        assertThat(TestProcesses.mentioning(directory.toString())).as("the daemon the start left behind").isEmpty();
    }

    @Test
    void aStartCommandThatStaysInTheForegroundIsToldToBeDaemonized(CapturedOutput output) {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop")
                .set("start-timeout", "3s");
        Map<String, Object> properties = search.map();
        properties.put("daemon-controller.daemons.search.start-command", TestDaemonCommand.testDaemon()
                .port(search.port()).pidFile(search.pidFile()).foregroundShellCommand());

        assertThatException().isThrownBy(() -> application(properties).run().close());

        assertThat(output).contains("start command: still running",
                "its start command stays in the foreground: set daemon-controller.daemons.search.daemonize-for-me:"
                        + " true");
        assertThat(TestProcesses.mentioning(directory.toString())).isEmpty();
    }

    private static SpringApplicationBuilder application(Map<String, Object> daemon) {
        Map<String, Object> properties = new LinkedHashMap<>(daemon);
        properties.put("server.port", "0");
        return new SpringApplicationBuilder(WebApplication.class).properties(properties);
    }
}
