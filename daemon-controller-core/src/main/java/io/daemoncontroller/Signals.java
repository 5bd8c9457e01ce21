package io.daemoncontroller;

import java.io.IOException;

/** Sends the signals the JDK's {@link ProcessHandle} cannot, through the {@code kill} command. */
final class Signals {

    private Signals() {
    }

    static void send(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException ex) {
            throw new DaemonControllerException("pid " + pid, "Cannot send SIG" + signal + " to pid " + pid + ": "
                    + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
