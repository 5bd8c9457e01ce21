package io.daemoncontroller.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.FreePorts;

/**
 * Measures what the starter adds to an application's startup: the time from {@code SpringApplication.run} to
 * {@code ApplicationReadyEvent} of a small web application ({@link StartupApplication}) with one
 * {@code start-and-stop} daemon that needs about 1 s to start, against the same application without the starter on
 * its classpath, plus the time the daemon alone needs to start. The starter's own cost is timed with the daemon
 * {@code on-demand} (bound, not started). Each application runs in a fresh JVM, as an application starts; the daemon
 * alone is timed from its start command to its first accepted connection. The daemon is
 * {@code sleep 1; exec perl ...}: a command that works 1 s, then a daemon that forks, writes its PID file and
 * listens at once. The daemon starts while the context's refresh reads the configuration, so the application with
 * the starter can be ready sooner than the two one after the other. The application also runs with the starter and
 * no daemon configured. Besides the wall clock, each application reports the CPU time its JVM and its main thread
 * had used when it was ready: on a shared machine these vary by a few percent where the wall clock varies by
 * tens. The runs take turns, so that they share the machine's ups and downs, and each application's figures are
 * also reported as differences from the run without the starter of the same turn. Runs: {@code -DstartupRuns=N}
 * (default 7). With {@code -DstartupProfile=true} each application runs under async-profiler until it is ready
 * (a few percent slower), and where its CPU went is reported ({@link StartupProfiles}).
 */
public final class StartupBenchmark {

    private static final String STARTER = "daemon-controller-spring-boot-starter";

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("startupRuns", 7);
        System.out.println("daemon-controller startup benchmark: " + runs + " runs of each, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        List<Double> daemonAlone = new ArrayList<>();
        List<Run> withoutStarter = new ArrayList<>();
        List<Run> noDaemon = new ArrayList<>();
        List<Run> starterOnly = new ArrayList<>();
        List<Run> withStarter = new ArrayList<>();
        StartupProfiles profiles = Boolean.getBoolean("startupProfile") ? StartupProfiles.create() : null;
        for (int i = 0; i < runs; i++) {
            daemonAlone.add(daemonAlone());
            withoutStarter.add(application(false, null, profiles, i));
            noDaemon.add(application(true, null, profiles, i));
            starterOnly.add(application(true, "on-demand", profiles, i));
            withStarter.add(application(true, "start-and-stop", profiles, i));
        }
        report("median", StartupBenchmark::median, daemonAlone, Run.wall(withoutStarter), Run.wall(starterOnly),
                Run.wall(withStarter));
        report("minimum", StartupBenchmark::minimum, daemonAlone, Run.wall(withoutStarter),
                Run.wall(starterOnly), Run.wall(withStarter));
        System.out.printf("median, ms: app with the starter and no daemon configured %.0f (%+.0f)%n",
                median(Run.wall(noDaemon)), median(Run.wall(noDaemon)) - median(Run.wall(withoutStarter)));
        reportCpu("process CPU", Run::cpu, withoutStarter, noDaemon, starterOnly, withStarter);
        reportCpu("main thread CPU", Run::mainCpu, withoutStarter, noDaemon, starterOnly, withStarter);
        reportPaired("starter, no daemon", noDaemon, withoutStarter);
        reportPaired("starter, one on-demand daemon", starterOnly, withoutStarter);
        if (profiles != null) {
            Map<String, List<Path>> byVariant = new LinkedHashMap<>();
            byVariant.put("without the starter", Run.profiles(withoutStarter));
            byVariant.put("starter, no daemon", Run.profiles(noDaemon));
            byVariant.put("starter, one on-demand daemon", Run.profiles(starterOnly));
            byVariant.put("starter, one start-and-stop daemon", Run.profiles(withStarter));
            StartupProfiles.report(byVariant);
        }
        System.out.println("all runs, ms: daemon alone " + daemonAlone + "; without the starter "
                + Run.wall(withoutStarter) + "; starter, no daemon " + Run.wall(noDaemon) + "; starter, on-demand "
                + Run.wall(starterOnly) + "; starter, start-and-stop " + Run.wall(withStarter));
    }

    /**
     * Prints one {@code statistic} of each run: on a busy machine the minimum is closer to what an idle one
     * gives, the median to what one can expect.
     */
    private static void report(String statistic, Function<List<Double>, Double> of, List<Double> daemonAlone,
            List<Double> withoutStarter, List<Double> starterOnly, List<Double> withStarter) {
        double daemon = of.apply(daemonAlone);
        double without = of.apply(withoutStarter);
        double starter = of.apply(starterOnly);
        double with = of.apply(withStarter);
        System.out.printf("%s, ms: daemon alone (command to first connection) %.0f; app without the starter %.0f; "
                + "without + daemon %.0f; app with the starter, daemon on-demand (not started) %.0f; app with the "
                + "starter, start-and-stop daemon %.0f%n", statistic, daemon, without, without + daemon, starter,
                with);
        System.out.printf("%s, ms: starter's own cost (on-demand - without) %+.0f; with the daemon - (without + "
                + "daemon) %+.0f; daemon start hidden by the refresh (on-demand + daemon - start-and-stop) %.0f%n",
                statistic, starter - without, with - (without + daemon), starter + daemon - with);
    }

    /**
     * Prints the median CPU time, by {@code figure}, each application had used when it was ready: steadier than
     * the wall clock on a shared machine, and what the starter costs a machine whose cores are all busy.
     */
    private static void reportCpu(String name, Function<Run, Double> figure, List<Run> withoutStarter,
            List<Run> noDaemon, List<Run> starterOnly, List<Run> withStarter) {
        double without = median(withoutStarter.stream().map(figure).toList());
        double none = median(noDaemon.stream().map(figure).toList());
        double onDemand = median(starterOnly.stream().map(figure).toList());
        double startAndStop = median(withStarter.stream().map(figure).toList());
        System.out.printf("median %s at ready, ms: without the starter %.0f; starter, no daemon %.0f (%+.0f); "
                + "one on-demand daemon %.0f (%+.0f); one start-and-stop daemon %.0f (%+.0f)%n", name, without,
                none, none - without, onDemand, onDemand - without, startAndStop, startAndStop - without);
    }

    /**
     * Prints the medians, and the means with their standard errors, of the differences between each run of
     * {@code variant} and the run without the starter of the same turn: the two shared the machine's state of the
     * moment, which on a shared machine moves a run by more than the starter costs.
     */
    private static void reportPaired(String variant, List<Run> runs, List<Run> withoutStarter) {
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            wall.add(runs.get(i).wall() - withoutStarter.get(i).wall());
            cpu.add(runs.get(i).cpu() - withoutStarter.get(i).cpu());
        }
        System.out.printf("%s minus the run without the starter of the same turn, ms: wall clock median %+.0f, "
                + "mean %+.0f ± %.0f; process CPU median %+.0f, mean %+.0f ± %.0f (± one standard error)%n", variant,
                median(wall), mean(wall), standardError(wall), median(cpu), mean(cpu), standardError(cpu));
    }

    /**
     * One application's run: wall-clock time to ready, the CPU time its JVM and its main thread had used, and the
     * file of its profile, if it was profiled.
     */
    private record Run(double wall, double cpu, double mainCpu, Path profile) {

        static List<Double> wall(List<Run> runs) {
            return runs.stream().map(Run::wall).toList();
        }

        static List<Path> profiles(List<Run> runs) {
            return runs.stream().map(Run::profile).toList();
        }
    }

    private static String daemonCommand(int port, Path directory) {
        return "sleep 1; exec perl -e " + TestDaemonCommand.shellQuote(LagBenchmark.SELF_DAEMONIZING_DAEMON) + " "
                + port + " " + directory.resolve("daemon.pid") + " " + directory.resolve("ready");
    }

    private static double daemonAlone() throws Exception {
        Path directory = Files.createTempDirectory("startup-benchmark");
        int port = FreePorts.next();
        long started = System.nanoTime();
        new ProcessBuilder("/bin/sh", "-c", daemonCommand(port, directory)).start();
        while (!answers(port)) {
            LockSupport.parkNanos(100_000);
        }
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        stop(directory.resolve("daemon.pid"));
        return millis;
    }

    /**
     * Runs the application, with the starter when {@code withStarter}, and with the daemon of {@code lifecycle}
     * unless that is null; profiles it into a file of {@code profiles} for {@code run}, unless that is null.
     */
    private static Run application(boolean withStarter, String lifecycle, StartupProfiles profiles, int run)
            throws Exception {
        Path directory = Files.createTempDirectory("startup-benchmark");
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        Path profile = null;
        if (profiles != null) {
            profile = profiles.file((withStarter ? "starter-" : "without-") + (lifecycle != null ? lifecycle
                    : "none"), run);
            command.addAll(profiles.jvmOptions(profile));
        }
        command.addAll(List.of("-cp", classpath(withStarter), StartupApplication.class.getName(),
                "--server.port=0", "--spring.main.banner-mode=off"));
        if (lifecycle != null) {
            String daemon = "--daemon-controller.daemons.search.";
            command.addAll(List.of(daemon + "start-command=" + daemonCommand(port, directory),
                    daemon + "pid-file=" + directory.resolve("daemon.pid"),
                    daemon + "ping=tcp://127.0.0.1:" + port,
                    daemon + "lifecycle=" + lifecycle));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String ready = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("ready-ms ")) {
                    ready = line;
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || ready == null) {
            throw new IllegalStateException("The application (starter: " + withStarter + ", lifecycle: " + lifecycle
                    + ") failed" + (process.isAlive() ? "" : " with exit status " + process.exitValue()) + ":\n"
                    + output);
        }
        if (lifecycle != null && answers(port)) {
            stop(directory.resolve("daemon.pid"));
            throw new IllegalStateException("The application left its start-and-stop daemon running");
        }
        String[] figures = ready.split(" ");
        return new Run(Double.parseDouble(figures[1]), Double.parseDouble(figures[3]),
                Double.parseDouble(figures[5]), profile);
    }

    /** The benchmark's own classpath, without the starter when {@code withStarter} is false. */
    private static String classpath(boolean withStarter) {
        String separator = System.getProperty("path.separator");
        return Arrays.stream(System.getProperty("java.class.path").split(separator))
                .filter(entry -> withStarter || !entry.contains(STARTER))
                .collect(Collectors.joining(separator));
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static void stop(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            process.onExit().join();
        });
    }

    private static double minimum(List<Double> values) {
        return values.stream().min(Double::compare).orElseThrow();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double standardError(List<Double> values) {
        double mean = mean(values);
        double squares = values.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum();
        return Math.sqrt(squares / (values.size() - 1) / values.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
