package io.daemoncontroller.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU samples async-profiler took in each application {@link StartupBenchmark} ran, one every millisecond of
 * each thread's CPU from the JVM's start until the application was ready, and what they say of where the starter's
 * cost goes: by thread (the main thread, the JIT compiler's, the starter's own, the others) and, of the main
 * thread's, those in frames of the starter or the core.
 */
final class StartupProfiles {

    private static final String OURS = "io/daemoncontroller/";

    private static final String BENCHMARKS = "io/daemoncontroller/benchmarks/";

    private final Path agent;

    private final Path directory;

    private StartupProfiles(Path agent, Path directory) {
        this.agent = agent;
        this.directory = directory;
    }

    /** Extracts the agent for this platform from async-profiler's jar on the classpath. */
    static StartupProfiles create() throws IOException {
        String platform = "linux-" + ("aarch64".equals(System.getProperty("os.arch")) ? "arm64" : "x64");
        Path directory = Files.createTempDirectory("startup-profiles");
        Path agent = directory.resolve("libasyncProfiler.so");
        try (InputStream library = StartupProfiles.class.getResourceAsStream("/" + platform
                + "/libasyncProfiler.so")) {
            if (library == null) {
                throw new IllegalStateException("async-profiler has no agent for " + platform + " on the classpath");
            }
            Files.copy(library, agent, StandardCopyOption.REPLACE_EXISTING);
        }
        return new StartupProfiles(agent, directory);
    }

    /** The JVM options that profile an application into {@code file} until it is ready. */
    List<String> jvmOptions(Path file) {
        return List.of("-agentpath:" + agent + "=start,event=cpu,interval=1ms,threads",
                "-Dstartup.profiler=" + agent, "-Dstartup.profile=" + file);
    }

    /** A new file for the profile of one run of {@code variant}. */
    Path file(String variant, int run) {
        return directory.resolve(variant + "-" + run + ".txt");
    }

    /** Prints the mean milliseconds of CPU samples per run of each variant, by where they were taken. */
    static void report(Map<String, List<Path>> profilesByVariant) {
        System.out.println("profiled CPU until ready, mean ms per run (async-profiler, one sample per ms of a "
                + "thread's CPU): main thread (in the starter's or the core's frames) / JIT compiler / the starter's "
                + "threads / other threads");
        for (Map.Entry<String, List<Path>> variant : profilesByVariant.entrySet()) {
            Map<String, Double> means = means(variant.getValue());
            System.out.printf("  %s: %.0f (%.0f) / %.0f / %.0f / %.0f%n", variant.getKey(), means.get("main"),
                    means.get("main, ours"), means.get("jit"), means.get("starter"), means.get("other"));
        }
    }

    private static Map<String, Double> means(List<Path> profiles) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String key : List.of("main", "main, ours", "jit", "starter", "other")) {
            sums.put(key, 0.0);
        }
        for (Path profile : profiles) {
            for (String stack : lines(profile)) {
                int count = stack.lastIndexOf(' ');
                double samples = Long.parseLong(stack.substring(count + 1));
                String thread = stack.substring(0, stack.indexOf(';') > 0 ? stack.indexOf(';') : count);
                String group = group(thread);
                sums.merge(group, samples, Double::sum);
                if (group.equals("main") && inOurFrames(stack.substring(0, count))) {
                    sums.merge("main, ours", samples, Double::sum);
                }
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((key, sum) -> means.put(key, sum / profiles.size()));
        return means;
    }

    private static String group(String thread) {
        if (thread.startsWith("[main ")) {
            return "main";
        }
        if (thread.startsWith("[C1 Compiler") || thread.startsWith("[C2 Compiler")) {
            return "jit";
        }
        if (thread.startsWith("[daemon-controller-")) {
            return "starter";
        }
        return "other";
    }

    private static boolean inOurFrames(String stack) {
        for (int at = stack.indexOf(OURS); at >= 0; at = stack.indexOf(OURS, at + 1)) {
            if (!stack.startsWith(BENCHMARKS, at)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(Path profile) {
        try {
            return Files.readAllLines(profile);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
