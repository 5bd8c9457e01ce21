package io.daemoncontroller.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.Ping;

/**
 * Measures the output relay of a {@code daemonizeForMe} daemon that writes {@value #LINES} lines of 13 bytes
 * ({@code seq}, at full speed, 13 MB): without rotation (two {@code tee}s appending to the log file) and with
 * {@code logMaxSize} 10 MB and 1 MB ({@code logMaxFiles} 5: the {@code tee}s, {@code split} and a shell and
 * {@code cat} per file). Prints, per variant, the median time from {@code start()} to the last line in the log file,
 * the lines per second, the rotations, and the resident memory of the relay's processes once the output is written.
 * For the other way a relay could rotate, a JVM of its own per daemon, prints the resident memory of an idle JVM
 * started with small-footprint flags. Each variant runs {@code -DlogRuns=R} times (default 5), taking turns.
 */
public final class LogRotationBenchmark {

    private static final int LINES = 1_000_000;

    private static final String LAST_LINE = String.format("line %07d%n", LINES);

    private static final long[] MAX_SIZES = {0, 10L * 1024 * 1024, 1024 * 1024};

    private LogRotationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("logRuns", 5);
        System.out.println("daemon-controller log rotation benchmark: " + LINES + " lines of 13 bytes, " + runs
                + " runs of each, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + Runtime.version());
        List<List<double[]>> results = new ArrayList<>();
        for (long ignored : MAX_SIZES) {
            results.add(new ArrayList<>());
        }
        for (int run = 0; run < runs; run++) {
            for (int variant = 0; variant < MAX_SIZES.length; variant++) {
                results.get(variant).add(run(MAX_SIZES[variant]));
            }
        }
        System.out.printf("%-28s %10s %14s %10s %14s%n", "relay", "median ms", "lines/s", "rotations",
                "relay RSS MB");
        for (int variant = 0; variant < MAX_SIZES.length; variant++) {
            List<double[]> figures = results.get(variant);
            double millis = median(figures, 0);
            System.out.printf("%-28s %10.0f %14.0f %10.0f %14.1f%n", name(MAX_SIZES[variant]), millis,
                    LINES / (millis / 1000), median(figures, 1), median(figures, 2));
        }
        System.out.printf("an idle JVM (-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -Xmx16m), RSS MB: %.1f%n",
                idleJvmRssMegabytes());
    }

    private static String name(long maxSize) {
        return maxSize == 0 ? "tee, no rotation" : "split, logMaxSize " + maxSize / (1024 * 1024) + " MB";
    }

    /** Time to the last line in ms, rotations, relay RSS in MB. */
    private static double[] run(long maxSize) throws Exception {
        Path directory = Files.createTempDirectory("log-rotation-benchmark");
        Path log = directory.resolve("chatty.log");
        DaemonController.Builder builder = DaemonController.builder("chatty " + directory.getFileName())
                .startCommand("seq -f 'line %07.0f' 1 " + LINES + "; exec sleep 600")
                .daemonizeForMe(true)
                .pidFile(directory.resolve("chatty.pid"))
                .logFile(log)
                .ping(Ping.of(() -> true))
                .stopTimeout(Duration.ofSeconds(5));
        if (maxSize > 0) {
            builder.logMaxSize(maxSize).logMaxFiles(5);
        }
        DaemonController chatty = builder.build();
        try {
            long start = System.nanoTime();
            chatty.start();
            while (!endsWithLastLine(log)) {
                LockSupport.parkNanos(100_000);
            }
            double millis = (System.nanoTime() - start) / 1e6;
            long rotations = maxSize == 0 ? 0 : (long) LINES * 13 / maxSize;
            return new double[] {millis, rotations, relayRssMegabytes(chatty.pid().orElseThrow())};
        } finally {
            chatty.stop();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static boolean endsWithLastLine(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length < LAST_LINE.length()) {
                return false;
            }
            byte[] end = new byte[LAST_LINE.length()];
            file.seek(length - end.length);
            file.readFully(end);
            return LAST_LINE.equals(new String(end, StandardCharsets.US_ASCII));
        } catch (IOException missingBetweenRotations) {
            return false;
        }
    }

    /** The resident memory of every process in the daemon's session but the daemon itself: its relay. */
    private static double relayRssMegabytes(long daemon) throws IOException {
        long kilobytes = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(process.getFileName().toString());
                    if (Long.parseLong(fields[3]) == daemon && pid != daemon) {
                        kilobytes += rssKilobytes(process);
                    }
                } catch (IOException gone) {
                    continue;
                }
            }
        }
        return kilobytes / 1024.0;
    }

    private static long rssKilobytes(Path process) throws IOException {
        return Files.readAllLines(process.resolve("status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
    }

    private static double idleJvmRssMegabytes() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k", "-Xmx16m",
                "-cp", System.getProperty("java.class.path"), Idle.class.getName()).start();
        try {
            jvm.getInputStream().read();
            return rssKilobytes(Path.of("/proc", Long.toString(jvm.pid()))) / 1024.0;
        } finally {
            jvm.destroy();
            jvm.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static double median(List<double[]> figures, int index) {
        double[] values = figures.stream().mapToDouble(figure -> figure[index]).sorted().toArray();
        return values[values.length / 2];
    }

    /** An idle JVM, as a relay written in Java would be between lines: says it is up, then waits for its input. */
    public static final class Idle {

        private Idle() {
        }

        public static void main(String[] args) throws IOException {
            System.out.println("up");
            System.out.flush();
            System.in.read();
        }
    }
}
