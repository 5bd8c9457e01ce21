package io.daemoncontroller.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the packaged sample app for a test ({@link SampleApp}), and leaves nothing running after it: closes every
 * app it started, then kills the daemons whose PID files are in the directories they ran in.
 */
final class SampleApps implements AfterEachCallback {

    private final List<SampleApp> started = new ArrayList<>();
    private final Set<Path> directories = new LinkedHashSet<>();

    /** As {@link SampleApp#start(Path, String...)}. */
    SampleApp start(Path directory, String... arguments) throws IOException {
        return start(directory, List.of(), arguments);
    }

    /** As {@link SampleApp#start(Path, List, String...)}. */
    SampleApp start(Path directory, List<String> jvmOptions, String... arguments) throws IOException {
        directories.add(directory);
        SampleApp app = SampleApp.start(directory, jvmOptions, arguments);
        started.add(app);
        return app;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (SampleApp app : started) {
            app.close();
        }
        started.clear();
        for (Path directory : directories) {
            Daemons.killAll(directory);
        }
        directories.clear();
    }
}
