package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many callers connect to a stopped daemon at the same moment: exactly one of them starts it, all connect. */
@ExtendWith(NoLeftoverTestDaemons.class)
class ConcurrentConnectTests {

    private static final Duration SLOW_START = Duration.ofMillis(800);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void sixteenThreadsConnectingAtOnceStartTheDaemonOnce() throws Exception {
        String startCommand = sandbox.daemon().listenDelay(SLOW_START).shellCommand();
        int callers = 16;
        CyclicBarrier together = new CyclicBarrier(callers);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> echoes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                DaemonController controller = sandbox.controller(startCommand)
                        .startTimeout(Duration.ofSeconds(20))
                        .build();
                String greeting = "caller " + i;
                echoes.add(threads.submit(() -> {
                    together.await();
                    try (Socket socket = controller.connect(() -> new Socket("127.0.0.1", sandbox.port))) {
                        return Sandbox.echo(socket, greeting);
                    }
                }));
            }
            for (int i = 0; i < callers; i++) {
                assertThat(echoes.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("caller " + i);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(sandbox.starts()).isEqualTo(1);
        sandbox.controller(startCommand).build().stop();
    }

    @Test
    void fourJvmsConnectingAtOnceStartTheDaemonOnce() throws Exception {
        String startCommand = sandbox.daemon().listenDelay(SLOW_START).shellCommand();
        Path go = sandbox.dir.resolve("go");
        List<Process> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(sandbox.client("client-" + i, "action=connect", "startCommand=" + startCommand,
                    "readyFile=" + sandbox.dir.resolve("ready-" + i), "goFile=" + go));
        }
        for (int i = 0; i < 4; i++) {
            Path ready = sandbox.dir.resolve("ready-" + i);
            Await.until("client " + i + " to be ready", Duration.ofSeconds(30), () -> Files.exists(ready));
        }
        Files.createFile(go);

        for (int i = 0; i < 4; i++) {
            String output = sandbox.awaitClient("client-" + i, clients.get(i));
            assertThat(clients.get(i).exitValue()).as(output).isZero();
            assertThat(output).contains("connected: hello");
        }
        assertThat(sandbox.starts()).isEqualTo(1);
        sandbox.controller(startCommand).build().stop();
    }
}
