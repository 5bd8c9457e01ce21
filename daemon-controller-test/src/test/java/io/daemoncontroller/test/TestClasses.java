package io.daemoncontroller.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes with the JUnit Platform, in this JVM, one after the other as a build tool does, with
 * {@code properties} set as system properties meanwhile; or, as a child JVM's main, the classes named in its
 * arguments ({@code class=<name>}, repeated, and any other {@code key=value} as a system property), and then, with
 * {@code hold=<file>}, writes the file and waits to be killed instead of exiting.
 */
final class TestClasses {

    /**
     * Set while test classes run through here: the classes meant to be launched by a test are enabled only then
     * ({@code @EnabledIfSystemProperty(named = LAUNCHED, matches = "true")}), not when a build tool or an IDE finds
     * them.
     */
    static final String LAUNCHED = "daemon-controller-test.launched";

    private TestClasses() {
    }

    static TestExecutionSummary run(Map<String, String> properties, Class<?>... classes) {
        properties.forEach(System::setProperty);
        System.setProperty(LAUNCHED, "true");
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(Arrays.stream(classes).map(type -> selectClass(type)).toList())
                    .build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(request, listener);
            return listener.getSummary();
        } finally {
            properties.keySet().forEach(System::clearProperty);
            System.clearProperty(LAUNCHED);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        List<Class<?>> classes = new ArrayList<>();
        for (String arg : args) {
            String key = arg.substring(0, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1);
            if (key.equals("class")) {
                classes.add(Class.forName(value));
            } else {
                properties.put(key, value);
            }
        }
        String hold = properties.remove("hold");
        TestExecutionSummary summary = run(properties, classes.toArray(Class<?>[]::new));
        summary.printFailuresTo(new PrintWriter(System.out, true), 20);
        if (hold != null) {
            Path written = Files.writeString(Path.of(hold + ".tmp"), "ran " + summary.getTestsSucceededCount()
                    + " tests");
            Files.move(written, Path.of(hold), StandardCopyOption.ATOMIC_MOVE);
            new CountDownLatch(1).await();
        }
        System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
