package io.daemoncontroller.boot;

import java.util.Locale;

/**
 * What this application does with a daemon at startup, at shutdown and on first use. Set per daemon with
 * {@code daemon-controller.daemons.<name>.lifecycle}.
 *
 * @since 0.1.0
 */
public enum LifecycleManagement {

    /** Started by its first use (a {@link DaemonDependency} call that cannot connect), never at startup nor stopped. */
    ON_DEMAND(false, false, true),

    /** Started at startup; stopped at shutdown if this application started it. */
    START_AND_STOP(true, true, true),

    /** Started at startup, never stopped. */
    START_ONLY(true, false, true),

    /** Never started nor stopped here, only watched (health, metrics, endpoint): something else runs it. */
    NONE(false, false, false);

    private final boolean startsAtStartup;
    private final boolean stopsAtShutdown;
    private final boolean controlled;

    LifecycleManagement(boolean startsAtStartup, boolean stopsAtShutdown, boolean controlled) {
        this.startsAtStartup = startsAtStartup;
        this.stopsAtShutdown = stopsAtShutdown;
        this.controlled = controlled;
    }

    /** Whether the daemon is started when the application starts. */
    public boolean shouldStartAtStartup() {
        return startsAtStartup;
    }

    /** Whether the daemon is stopped when the application stops, provided this application started it. */
    public boolean shouldStopAtShutdown() {
        return stopsAtShutdown;
    }

    /** Whether this application may start and stop the daemon at all (on use, from the endpoint). */
    public boolean isControlled() {
        return controlled;
    }

    /** Whether a daemon with this lifecycle is required, unless configured otherwise: all but on-demand ones. */
    public boolean isRequiredByDefault() {
        return this != ON_DEMAND;
    }

    /** The value as written in configuration, such as {@code start-and-stop}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
