package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.Nginx;
import io.daemoncontroller.testsupport.PortOwners;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
        assertThat(masterAndWorkers()).extracting(ProcessHandle::pid).contains(master);
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
        assertThat(failure.reason()).isEqualTo(StartException.Reason.COMMAND_FAILED);
        assertThat(failure.getMessage()).contains("unknown directive \"no_such_directive\"");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsATakenPortWithNginxOwnErrorLeavingNothing() {
        DaemonController controller = sandbox.build(controller(nginx.daemonizingCommand(sandbox.pidFile))
                .startTimeout(Duration.ofSeconds(20)));

        StartException failure = sandbox.startWithPortTaken(controller);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.reason()).isEqualTo(StartException.Reason.COMMAND_FAILED);
        assertThat(failure.getMessage()).contains("Address already in use");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void endsTheMasterAndTheWorkersOfAnNginxThatWritesAnotherPidFileWhenTheStartTimesOut() {
        Path nginxPidFile = sandbox.dir.resolve("nginx-writes-this.pid");
        DaemonController controller = sandbox.build(controller(nginx.daemonizingCommand(nginxPidFile))
                .startTimeout(Duration.ofSeconds(2)));

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(sandbox.leftovers()).isEmpty();
        DaemonOutcomes.assertPidFileWrittenElsewhere(failure, sandbox.pidFile);
    }

    @Test
    void anNginxMasterKilledWithSignal9HasFailedWithAnUnknownExitAndStartsAgainWithoutTheOldWorkers()
            throws Exception {
        DaemonController controller = sandbox.build(controller(nginx.daemonizingCommand(sandbox.pidFile))
                .restartPolicy(RestartPolicy.NEVER));
        controller.start();
        long master = controller.pid().orElseThrow();

        DaemonOutcomes.kill9("the nginx master", master);

        DaemonOutcomes.assertFailedWithAnUnknownExit(controller);

        controller.start();

        assertThat(get()).isEqualTo("ok\n");
        long newMaster = controller.pid().orElseThrow();
        assertThat(masterAndWorkers()).allSatisfy(owner -> assertThat(owner.pid() == newMaster
                || owner.parent().map(ProcessHandle::pid).orElse(0L) == newMaster).isTrue());
    }

    /**
     * The processes listening on the port once the master and all its workers do: the master answers as soon as it
     * listens, a moment before it has forked every worker.
     */
    private List<ProcessHandle> masterAndWorkers() {
        return Await.value("the nginx master and its workers to listen", Duration.ofSeconds(5), () -> {
            List<ProcessHandle> listening = PortOwners.listeningOn(sandbox.port);
            return listening.size() == 1 + Nginx.WORKERS ? Optional.of(listening) : Optional.empty();
        });
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
