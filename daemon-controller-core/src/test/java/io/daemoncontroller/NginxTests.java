package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.Nginx;
import io.daemoncontroller.testsupport.PortOwners;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real {@code nginx} that goes into the background by itself, a master with {@value Nginx#WORKERS} workers. */
class NginxTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private Nginx nginx;

    @BeforeEach
    void findNginx() {
        nginx = Nginx.in(sandbox.dir, sandbox.port);
    }

    @Test
    void startsAndStopsNginxThatDaemonizesItselfLeavingNoMasterAndNoWorker() throws Exception {
        DaemonController controller = sandbox.build(controller(nginx.daemonizingCommand(sandbox.pidFile)));

        controller.start();

        assertThat(get()).isEqualTo("ok\n");
        long master = controller.pid().orElseThrow();
        assertThat(PortOwners.listeningOn(sandbox.port)).extracting(ProcessHandle::pid).contains(master)
                .hasSize(1 + Nginx.WORKERS);
        controller.stop();
        assertThat(controller.isRunning()).isFalse();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsABadConfigWithNginxOwnErrorLeavingNothing() {
        DaemonController controller = sandbox.build(
                controller(nginx.daemonizingCommand(sandbox.pidFile, "no_such_directive on;")));

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.getMessage()).contains("unknown directive \"no_such_directive\"");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsATakenPortWithNginxOwnErrorLeavingNothing() throws Exception {
        DaemonController controller = sandbox.build(controller(nginx.daemonizingCommand(sandbox.pidFile))
                .startTimeout(Duration.ofSeconds(20)));

        StartException failure;
        try (ServerSocket taken = new ServerSocket(sandbox.port, 1, InetAddress.getByName("127.0.0.1"))) {
            failure = catchThrowableOfType(controller::start, StartException.class);
        }

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.getMessage()).contains("Address already in use");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    private DaemonController.Builder controller(String startCommand) {
        return sandbox.controller(startCommand).logFile(nginx.errorLog());
    }

    private String get() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandbox.port + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
