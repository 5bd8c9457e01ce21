package io.daemoncontroller;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

record CommandPing(String shellCommand, Duration timeout) implements Ping {

    @Override
    public boolean answers() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", shellCommand)
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return process.exitValue() == 0;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return false;
    }

    @Override
    public Ping withTimeout(Duration timeout) {
        return new CommandPing(shellCommand, Timeouts.positive(timeout, "ping timeout"));
    }

    @Override
    public String toString() {
        return "exec:" + shellCommand;
    }
}
