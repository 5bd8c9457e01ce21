package io.daemoncontroller.boot.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.daemoncontroller.boot.DaemonDetails;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The {@code daemons} actuator endpoint. {@code GET /actuator/daemons} lists every daemon;
 * {@code GET /actuator/daemons/{name}} shows one, and {@code @tag} as the name shows those with that tag (the same
 * daemons as {@code Daemons.withTag}); {@code GET /actuator/daemons/{name}/log} shows the last lines of its log
 * file; {@code POST /actuator/daemons/{name}} with {@code {"action": "start" | "stop" | "restart"}} acts on them.
 * Read-only unless {@code management.endpoint.daemons.access=unrestricted}. Only configured daemons can be acted
 * on: nothing a request sends reaches a shell.
 */
@WebEndpoint(id = "daemons", defaultAccess = Access.READ_ONLY)
final class DaemonsEndpoint {

    private static final int CONFLICT = 409;

    private static final String LOG = "log";

    private static final int DEFAULT_LOG_LINES = 100;

    private static final int MAX_LOG_LINES = 1000;

    private final Daemons daemons;

    DaemonsEndpoint(Daemons daemons) {
        this.daemons = daemons;
    }

    @ReadOperation
    public DaemonList daemons() {
        return new DaemonList(daemons.all().stream().map(DaemonDetails::of).toList());
    }

    @ReadOperation
    public WebEndpointResponse<Object> daemon(@Selector String name) {
        Optional<List<ManagedDaemon>> selected = select(name);
        if (selected.isEmpty()) {
            return notFound(name);
        }
        List<DaemonDetails> details = selected.get().stream().map(DaemonDetails::of).toList();
        return new WebEndpointResponse<>(isTag(name) ? new DaemonList(details) : details.get(0));
    }

    /**
     * {@code GET /actuator/daemons/{name}/log?lines=N}: the last {@code N} lines of the daemon's log file (default
     * {@value #DEFAULT_LOG_LINES}, at most {@value #MAX_LOG_LINES}).
     */
    @ReadOperation
    public WebEndpointResponse<Object> log(@Selector String name, @Selector String resource,
            @Nullable Integer lines) {
        Optional<ManagedDaemon> daemon = daemons.find(name);
        if (daemon.isEmpty() || !resource.equals(LOG)) {
            return daemon.isEmpty() ? notFound(name) : error(WebEndpointResponse.STATUS_NOT_FOUND, "Daemon \""
                    + name + "\" has no \"" + resource + "\"; its log is /actuator/daemons/" + name + "/" + LOG);
        }
        int count = lines != null ? lines : DEFAULT_LOG_LINES;
        if (count < 1) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, "lines must be from 1 to " + MAX_LOG_LINES
                    + ", not " + count);
        }
        Optional<Path> file = daemon.get().controller().logFile().filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return error(WebEndpointResponse.STATUS_NOT_FOUND, daemon.get().controller().logFile()
                    .map(missing -> "The log file of daemon \"" + name + "\", " + missing + ", does not exist")
                    .orElse("Daemon \"" + name + "\" has no log file; set daemon-controller.daemons." + name
                            + ".log-file"));
        }
        try {
            return new WebEndpointResponse<>(new DaemonLog(name, file.get().toString(),
                    LogTail.lastLines(file.get(), Math.min(count, MAX_LOG_LINES))));
        } catch (IOException ex) {
            return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "Cannot read " + file.get() + ": " + ex);
        }
    }

    @WriteOperation
    public WebEndpointResponse<Object> act(@Selector String name, String action) {
        Optional<DaemonAction> requested = DaemonAction.named(action);
        if (requested.isEmpty()) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Unknown action \"" + action + "\": use "
                    + DaemonAction.names());
        }
        Optional<List<ManagedDaemon>> selected = select(name);
        if (selected.isEmpty()) {
            return notFound(name);
        }
        List<ActionResult> results = new ArrayList<>();
        int status = WebEndpointResponse.STATUS_OK;
        for (ManagedDaemon daemon : selected.get()) {
            ActionResult result = apply(requested.get(), daemon);
            results.add(result);
            status = Math.max(status, result.status());
        }
        return new WebEndpointResponse<>(isTag(name) ? new ActionResults(results) : results.get(0), status);
    }

    private static ActionResult apply(DaemonAction action, ManagedDaemon daemon) {
        if (!daemon.lifecycle().isControlled()) {
            return ActionResult.failed(daemon, action, CONFLICT, "daemon '" + daemon.name() + "' has lifecycle "
                    + "none: something else starts and stops it");
        }
        try {
            String result = action.result(action.applyTo(daemon));
            return new ActionResult(daemon.name(), action.name().toLowerCase(Locale.ROOT), result, null,
                    WebEndpointResponse.STATUS_OK);
        } catch (RuntimeException ex) {
            return ActionResult.failed(daemon, action, WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR,
                    ex.getMessage());
        }
    }

    /** The daemon named {@code name}, or those tagged {@code tag} for {@code @tag}; empty when there is none. */
    private Optional<List<ManagedDaemon>> select(String name) {
        List<ManagedDaemon> selected = isTag(name) ? daemons.withTag(name.substring(1))
                : daemons.find(name).map(List::of).orElse(List.of());
        return selected.isEmpty() ? Optional.empty() : Optional.of(selected);
    }

    private static boolean isTag(String name) {
        return name.startsWith("@");
    }

    private WebEndpointResponse<Object> notFound(String name) {
        String known = daemons.all().stream().map(ManagedDaemon::name).toList().toString();
        return error(WebEndpointResponse.STATUS_NOT_FOUND, isTag(name)
                ? "No daemon is tagged \"" + name.substring(1) + "\"; the daemons are " + known
                : "No daemon is named \"" + name + "\"; the daemons are " + known);
    }

    private static WebEndpointResponse<Object> error(int status, String message) {
        return new WebEndpointResponse<>(new ErrorMessage(message), status);
    }

    /** Daemons' details. */
    public record DaemonList(List<DaemonDetails> daemons) {
    }

    /**
     * The last lines of a daemon's log file.
     *
     * @param daemon the daemon's name
     * @param logFile the log file
     * @param lines its last lines, oldest first
     */
    public record DaemonLog(String daemon, String logFile, List<String> lines) {
    }

    /**
     * What an action did to one daemon.
     *
     * @param daemon the daemon's name
     * @param action the action, such as {@code start}
     * @param result what happened, such as {@code started} or {@code already running}; {@code null} on failure
     * @param error why it failed; {@code null} on success
     * @param status the HTTP status this result alone would have
     */
    public record ActionResult(String daemon, String action, String result, String error, int status) {

        static ActionResult failed(ManagedDaemon daemon, DaemonAction action, int status, String error) {
            return new ActionResult(daemon.name(), action.name().toLowerCase(Locale.ROOT), null, error, status);
        }
    }

    /** What an action did to each daemon with a tag. */
    public record ActionResults(List<ActionResult> results) {
    }

    /** Why a request was refused. */
    public record ErrorMessage(String error) {
    }
}
