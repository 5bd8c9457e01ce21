package io.daemoncontroller.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.TestProcesses;

/**
 * Measures what running many daemons costs the application: an application with the starter
 * ({@link InstancesApplication}, no web server) whose one entry has {@code instances: N}, for N = 1, 10 and 50, all
 * {@code start-and-stop}, so that they start in parallel before the context's refresh. Each daemon is a few lines
 * of Perl (on every Debian, in perl-base) that fork, call {@code setsid}, listen on a UNIX socket of its own
 * ({@code ${instance}} in its path), write the PID file and accept. Prints, per N, the time to
 * {@code ApplicationReadyEvent} and the slowest daemon's start (they start together, so this is about how long
 * starting all of them took), the JVM's live threads (all of them, the starter's and core's own,
 * {@code daemon-controller-*}, and the JDK's {@code process reaper}s, idle ones of which linger 60 s) and memory (heap after a GC, resident set) right after it and 12 s later, when the
 * threads that linger after a burst of work are gone; and how long closing the context, which stops the daemons,
 * takes. Each N runs in a fresh JVM, {@code -DinstancesRuns=R} times (default 3), taking turns; the median is shown.
 */
public final class InstancesBenchmark {

    static final String SMALL_DAEMON = String.join(" ",
            "use POSIX (); use IO::Socket::UNIX;",
            "my ($socket, $pid_file) = @ARGV;",
            "exit 0 if fork(); POSIX::setsid();",
            "open(STDIN, '<', '/dev/null'); open(STDOUT, '>', '/dev/null'); open(STDERR, '>&', STDOUT);",
            "$SIG{TERM} = sub { unlink($socket); POSIX::_exit(0) };",
            "unlink($socket); my $server = IO::Socket::UNIX->new(Local => $socket, Listen => 16) or die;",
            "open(my $p, '>', \"$pid_file.tmp\"); print $p \"$$\\n\"; close($p); rename(\"$pid_file.tmp\", $pid_file);",
            "while (1) { my $client = $server->accept() or next; close($client); }");

    private static final List<Integer> COUNTS = List.of(1, 10, 50);

    private static final List<String> FIGURES = List.of("ready-ms", "slowest-start-ms", "ready-threads", "ready-controller-threads",
            "ready-reaper-threads", "ready-heap-mb", "ready-rss-mb", "settled-threads", "settled-controller-threads",
            "settled-reaper-threads", "settled-heap-mb", "settled-rss-mb", "close-ms");

    private InstancesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("instancesRuns", 3);
        System.out.println("daemon-controller instances benchmark: " + runs + " runs of each, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        Map<Integer, Map<String, List<Double>>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (int count : COUNTS) {
                run(count).forEach((figure, value) -> results.computeIfAbsent(count, c -> new LinkedHashMap<>())
                        .computeIfAbsent(figure, f -> new ArrayList<>()).add(value));
            }
        }
        System.out.println("Medians. Threads: all live threads of the JVM / the starter's and core's own "
                + "(daemon-controller-*) / the JDK's process reapers; right after ApplicationReadyEvent, and 12 s "
                + "later.");
        System.out.printf("%-9s %9s %11s %14s %10s %9s %14s %10s %9s %9s%n", "instances", "ready ms",
                "slowest ms", "threads", "heap MB", "RSS MB", "threads +12s", "heap +12s", "RSS +12s", "close ms");
        results.forEach((count, figures) -> {
            Function<String, Double> median = figure -> median(figures.get(figure));
            System.out.printf("%-9d %9.0f %11.0f %14s %10.1f %9.0f %14s %10.1f %9.0f %9.0f%n", count,
                    median.apply("ready-ms"), median.apply("slowest-start-ms"),
                    threads(median, "ready"), median.apply("ready-heap-mb"), median.apply("ready-rss-mb"),
                    threads(median, "settled"), median.apply("settled-heap-mb"), median.apply("settled-rss-mb"),
                    median.apply("close-ms"));
        });
        System.out.println("all runs: " + results);
    }

    private static Map<String, Double> run(int count) throws Exception {
        Path directory = Files.createTempDirectory("instances-benchmark");
        String daemon = "--daemon-controller.daemons.small.";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), InstancesApplication.class.getName(),
                "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                daemon + "instances=" + count,
                daemon + "start-command=setsid perl -e " + TestDaemonCommand.shellQuote(SMALL_DAEMON) + " "
                        + directory.resolve("small-${instance}.sock") + " " + directory.resolve("small-${instance}.pid")
                        + " >/dev/null 2>&1 </dev/null &",
                daemon + "pid-file=" + directory.resolve("small-${instance}.pid"),
                daemon + "ping=unix:" + directory.resolve("small-${instance}.sock"),
                daemon + "lifecycle=start-and-stop"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Double> figures = new LinkedHashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                String[] parts = line.split(" ");
                if (parts.length == 2 && FIGURES.contains(parts[0])) {
                    figures.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
        }
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        List<String> leftovers = TestProcesses.killAllMentioning(directory.toString());
        if (!exited || process.exitValue() != 0 || !figures.keySet().containsAll(FIGURES)) {
            throw new IllegalStateException("The application with " + count + " instances failed"
                    + (exited ? " with exit status " + process.exitValue() : "") + ":\n" + output);
        }
        if (!leftovers.isEmpty()) {
            throw new IllegalStateException("The application left daemons running: " + leftovers);
        }
        return figures;
    }

    private static String threads(Function<String, Double> median, String when) {
        return "%.0f / %.0f / %.0f".formatted(median.apply(when + "-threads"),
                median.apply(when + "-controller-threads"), median.apply(when + "-reaper-threads"));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
