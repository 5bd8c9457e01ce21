package io.daemoncontroller.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.Ping;
import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.TestProcesses;

/**
 * Measures, over real test daemons, how long {@code start()} returns after the daemon starts accepting connections
 * (it records {@link System#nanoTime()}, CLOCK_MONOTONIC, right after binding its socket), and how long
 * {@code stop()} returns after the daemon's last act before exiting. Prints the median, p99 and maximum, for a
 * daemon that goes into the background and writes its own PID file, and for one the controller daemonizes.
 * <p>
 * Both figures include what no controller can avoid: the scheduler waking a thread on a busy machine, and the
 * daemon's JVM tearing itself down after its last act. The baseline measures exactly that, on the same daemon
 * without a controller: a thread that spins on connect attempts until one succeeds, and on {@code /proc} until the
 * process is gone. The controller's own cost is the difference.
 * <p>
 * A JVM takes milliseconds to tear itself down after its last act, so stop lag is measured once more on a daemon
 * that exits at its last act: a few lines of Perl (on every Debian, in perl-base) that record CLOCK_MONOTONIC and
 * call {@code _exit}, with its own baseline (SIGTERM, then a thread spinning on {@code /proc}): how long the kernel
 * takes to end it. Runs: {@code -Druns=N} (default 60).
 * <p>
 * Last, start lag after a start command that works for a while before it starts the daemon
 * ({@code sleep 3; exec perl ...}, as {@code pg_ctl start} or a migration step would; the Perl daemon forks, calls
 * {@code setsid}, writes its PID file, listens and records CLOCK_MONOTONIC, while its parent exits), and the
 * share of one core the controller's JVM uses while it waits for that start: the JVM's CPU time
 * ({@link com.sun.management.OperatingSystemMXBean#getProcessCpuTime()}, every thread) over the wall time of
 * {@code start()}. Runs: {@code -DslowRuns=N} (default 7).
 */
public final class LagBenchmark {

    private LagBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 60);
        System.out.println("daemon-controller lag benchmark: " + runs + " start/stop cycles per mode, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        measureBaseline(runs);
        for (boolean daemonizeForMe : new boolean[] {false, true}) {
            measure(runs, daemonizeForMe);
        }
        measureQuickExitBaseline(runs);
        for (boolean daemonizeForMe : new boolean[] {false, true}) {
            measureQuickExit(runs, daemonizeForMe);
        }
        measureSlowStartCommand(Integer.getInteger("slowRuns", 7));
    }

    private static final Duration SLOW_COMMAND_WORK = Duration.ofSeconds(3);

    /**
     * A daemon that goes into the background at once: the parent exits, the child calls {@code setsid}, writes its
     * PID file, listens on the port, writes CLOCK_MONOTONIC to the ready file, and accepts until SIGTERM.
     */
    static final String SELF_DAEMONIZING_DAEMON = String.join(" ",
            "use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC); use POSIX (); use IO::Socket::INET;",
            "my ($port, $pid_file, $ready_file) = @ARGV;",
            "exit 0 if fork(); POSIX::setsid();",
            "open(STDIN, '<', '/dev/null'); open(STDOUT, '>', '/dev/null'); open(STDERR, '>&', STDOUT);",
            "$SIG{TERM} = sub { POSIX::_exit(0) };",
            "open(my $p, '>', \"$pid_file.tmp\"); print $p \"$$\\n\"; close($p); rename(\"$pid_file.tmp\", $pid_file);",
            "my $server = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port, Listen => 16,",
            "ReuseAddr => 1) or die \"cannot listen: $!\";",
            "open(my $r, '>', \"$ready_file.tmp\"); printf $r \"%d\\n\", clock_gettime(CLOCK_MONOTONIC) * 1e9;",
            "close($r); rename(\"$ready_file.tmp\", $ready_file);",
            "while (1) { my $client = $server->accept() or next; close($client); }");

    private static void measureSlowStartCommand(int runs) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Long> startLags = new ArrayList<>();
        List<Long> cpuPerMille = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("daemon-controller-benchmark");
            int port = FreePorts.next();
            String command = "sleep " + SLOW_COMMAND_WORK.toSeconds() + "; exec perl -e "
                    + TestDaemonCommand.shellQuote(SELF_DAEMONIZING_DAEMON) + " " + port + " "
                    + dir.resolve("daemon.pid") + " " + dir.resolve("ready");
            DaemonController controller = DaemonController.builder("slow benchmark daemon")
                    .startCommand(command)
                    .ping(Ping.tcp("127.0.0.1", port))
                    .pidFile(dir.resolve("daemon.pid"))
                    .startTimeout(Duration.ofSeconds(30))
                    .build();
            try {
                long cpuBefore = os.getProcessCpuTime();
                long began = System.nanoTime();
                controller.start();
                long started = System.nanoTime();
                long cpu = os.getProcessCpuTime() - cpuBefore;
                startLags.add(started - nanos(dir.resolve("ready")));
                cpuPerMille.add(cpu * 1000 / (started - began));
            } finally {
                controller.stop();
            }
        }
        System.out.println("start command of the next two rows: sleep " + SLOW_COMMAND_WORK.toSeconds()
                + "; exec perl -e '<fork, setsid, write the PID file, listen>' PORT PID_FILE READY_FILE");
        report("start lag, start command that works " + SLOW_COMMAND_WORK.toSeconds() + " s first", startLags);
        List<Long> sorted = new ArrayList<>(cpuPerMille);
        Collections.sort(sorted);
        System.out.printf("%-55s median %7.1f %%    p99 %7.1f %%    max %7.1f %%    (n=%d)%n",
                "JVM CPU while start() waits, share of one core", percentile(sorted, 50) / 10.0,
                percentile(sorted, 99) / 10.0, sorted.get(sorted.size() - 1) / 10.0, sorted.size());
    }

    /**
     * A daemon that handles SIGTERM by writing its CLOCK_MONOTONIC to the exit file and exiting; once it does, it
     * creates the ready file and writes its pid (unless the PID file is {@code -}).
     */
    private static final String QUICK_DAEMON = String.join(" ",
            "use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC); use POSIX ();",
            "my ($pid_file, $ready_file, $exit_file) = @ARGV;",
            "$SIG{TERM} = sub { open(my $f, '>', $exit_file);",
            "printf $f \"%d\\n\", clock_gettime(CLOCK_MONOTONIC) * 1e9; close($f); POSIX::_exit(0); };",
            "open(my $r, '>', $ready_file); close($r);",
            "if ($pid_file ne '-') { open(my $p, '>', \"$pid_file.tmp\"); print $p \"$$\\n\"; close($p);",
            "rename(\"$pid_file.tmp\", $pid_file); }",
            "sleep 1 while 1;");

    private static void measureQuickExit(int runs, boolean daemonizeForMe) throws Exception {
        List<Long> stopLags = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("daemon-controller-benchmark");
            Path pidFile = dir.resolve("daemon.pid");
            Path readyFile = dir.resolve("ready");
            Path exitFile = dir.resolve("exit");
            DaemonController.Builder builder = DaemonController.builder("quick daemon")
                    .ping(Ping.of(() -> Files.exists(readyFile)))
                    .pidFile(pidFile);
            DaemonController controller = daemonizeForMe
                    ? builder.startCommand(List.of("perl", "-e", QUICK_DAEMON, "-", readyFile.toString(),
                            exitFile.toString())).daemonizeForMe(true).build()
                    : builder.startCommand(quickDaemonInTheBackground(pidFile, readyFile, exitFile)).build();
            try {
                controller.start();
            } finally {
                controller.stop();
            }
            long stopped = System.nanoTime();
            stopLags.add(stopped - nanos(exitFile));
        }
        report("stop lag,  " + (daemonizeForMe ? "daemonizeForMe" : "background") + ", a daemon that exits at once",
                stopLags);
    }

    /** The same daemon that exits at once, without a controller: SIGTERM, then a thread spinning on /proc. */
    private static void measureQuickExitBaseline(int runs) throws Exception {
        List<Long> stopLags = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("daemon-controller-benchmark");
            Path pidFile = dir.resolve("daemon.pid");
            new ProcessBuilder("/bin/sh", "-c", quickDaemonInTheBackground(pidFile, dir.resolve("ready"),
                    dir.resolve("exit"))).start().waitFor();
            stopLags.add(spinningStopLag(pidFile, dir.resolve("exit")));
        }
        report("stop lag,  baseline, a daemon that exits at once", stopLags);
    }

    /** The shell command that runs {@link #QUICK_DAEMON} in the background, in a session of its own. */
    private static String quickDaemonInTheBackground(Path pidFile, Path readyFile, Path exitFile) {
        return "setsid perl -e " + TestDaemonCommand.shellQuote(QUICK_DAEMON) + " " + pidFile + " " + readyFile + " "
                + exitFile + " >/dev/null 2>&1 </dev/null &";
    }

    /**
     * Sends SIGTERM to the daemon {@code pidFile} names, spins on /proc until it is gone, and returns how long that
     * was after the instant it recorded in {@code exitFile}.
     */
    private static long spinningStopLag(Path pidFile, Path exitFile) throws IOException {
        long pid = nanos(pidFile);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        while (TestProcesses.isAlive(pid)) {
            Thread.onSpinWait();
        }
        return System.nanoTime() - nanos(exitFile);
    }

    private static void measureBaseline(int runs) throws Exception {
        List<Long> startLags = new ArrayList<>();
        List<Long> stopLags = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("daemon-controller-benchmark");
            int port = FreePorts.next();
            Path pidFile = dir.resolve("daemon.pid");
            String command = TestDaemonCommand.testDaemon().port(port).pidFile(pidFile)
                    .readyFile(dir.resolve("ready")).exitFile(dir.resolve("exit")).shellCommand();
            new ProcessBuilder("/bin/sh", "-c", command).start().waitFor();
            while (!connects(port)) {
                Thread.onSpinWait();
            }
            startLags.add(System.nanoTime() - nanos(dir.resolve("ready")));
            stopLags.add(spinningStopLag(pidFile, dir.resolve("exit")));
        }
        report("start lag, baseline (spinning connects, no controller)", startLags);
        report("stop lag,  baseline (spinning on /proc, no controller)", stopLags);
    }

    private static boolean connects(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }


    private static void measure(int runs, boolean daemonizeForMe) throws Exception {
        List<Long> startLags = new ArrayList<>();
        List<Long> stopLags = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = Files.createTempDirectory("daemon-controller-benchmark");
            int port = FreePorts.next();
            TestDaemonCommand daemon = TestDaemonCommand.testDaemon().port(port)
                    .readyFile(dir.resolve("ready")).exitFile(dir.resolve("exit"));
            DaemonController.Builder builder = DaemonController.builder("benchmark daemon")
                    .ping(Ping.tcp("127.0.0.1", port))
                    .pidFile(dir.resolve("daemon.pid"))
                    .startTimeout(Duration.ofSeconds(20));
            DaemonController controller = daemonizeForMe
                    ? builder.startCommand(daemon.foregroundCommand()).daemonizeForMe(true).build()
                    : builder.startCommand(daemon.pidFile(dir.resolve("daemon.pid")).shellCommand()).build();
            try {
                controller.start();
                long started = System.nanoTime();
                startLags.add(started - nanos(dir.resolve("ready")));
            } finally {
                controller.stop();
            }
            long stopped = System.nanoTime();
            stopLags.add(stopped - nanos(dir.resolve("exit")));
        }
        String mode = daemonizeForMe ? "daemonizeForMe (the controller runs it)" : "background (own PID file)";
        report("start lag, " + mode, startLags);
        report("stop lag,  " + mode, stopLags);
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("%-55s median %7.3f ms   p99 %7.3f ms   max %7.3f ms   (n=%d)%n", what,
                millis(percentile(sorted, 50)), millis(percentile(sorted, 99)), millis(sorted.get(sorted.size() - 1)),
                sorted.size());
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The instant the daemon recorded in {@code file}, which it may write a moment after {@code start()} returned. */
    private static long nanos(Path file) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("The test daemon did not write " + file);
            }
            Thread.onSpinWait();
        }
        return Long.parseLong(Files.readString(file).strip());
    }
}
