package io.daemoncontroller.boot.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

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
 * on: nothing a request sends reaches a shell. Every refusal (4xx) carries an {@link ErrorMessage}; parameters are
 * taken as optional text and checked here, since Boot's own refusal of a missing or unconvertible one has no body.
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
        return new DaemonList(daemons.all().stream().map(DaemonsEndpoint::detailsNow).toList());
    }

    @ReadOperation
    public WebEndpointResponse<Object> daemon(@Selector String name) {
        Optional<List<ManagedDaemon>> selected = select(name);
        if (selected.isEmpty()) {
            return notFound(name);
        }
        List<DaemonDetails> details = selected.get().stream().map(DaemonsEndpoint::detailsNow).toList();
        return new WebEndpointResponse<>(isTag(name) ? new DaemonList(details) : details.get(0));
    }

    /**
     * {@code GET /actuator/daemons/{name}/log?lines=N}: the last {@code N} lines of the daemon's log file (default
     * {@value #DEFAULT_LOG_LINES}, from 1 to {@value #MAX_LOG_LINES}).
     */
    @ReadOperation
    public WebEndpointResponse<Object> log(@Selector String name, @Selector String resource,
            @Nullable String lines) {
        Optional<ManagedDaemon> daemon = daemons.find(name);
        if (daemon.isEmpty() || !resource.equals(LOG)) {
            return daemon.isEmpty() ? notFound(name) : error(WebEndpointResponse.STATUS_NOT_FOUND, "Daemon \""
                    + name + "\" has no \"" + resource + "\"; its log is /actuator/daemons/" + name + "/" + LOG);
        }
        OptionalInt count = lineCount(lines);
        if (count.isEmpty()) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, "lines must be a number from 1 to " + MAX_LOG_LINES
                    + ", not \"" + lines + "\"");
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
                    LogTail.lastLines(file.get(), count.getAsInt())));
        } catch (IOException ex) {
            return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, "Cannot read " + file.get() + ": " + ex);
        }
    }

    /**
     * {@code POST /actuator/daemons/{name}} with {@code {"action": "start"}}: an {@link ActionResult} for a daemon,
     * {@link ActionResults} for {@code @tag}; the worst result's status (a failed start is 500, a daemon with
     * lifecycle none 409).
     */
    @WriteOperation
    public WebEndpointResponse<Object> act(@Selector String name, @Nullable String action) {
        if (action == null) {
            return error(WebEndpointResponse.STATUS_BAD_REQUEST, "No action: send {\"action\": \"start\"} (or stop "
                    + "or restart) as JSON, with Content-Type: application/json");
        }
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
            Answered answered = apply(requested.get(), daemon);
            results.add(answered.result());
            status = Math.max(status, answered.status());
        }
        return new WebEndpointResponse<>(isTag(name) ? new ActionResults(results) : results.get(0), status);
    }

    /**
     * The details of {@code daemon} as of now: one with lifecycle none, whose state only a ping tells, is pinged
     * first (an operator's request may wait for a ping; a getter may not).
     */
    private static DaemonDetails detailsNow(ManagedDaemon daemon) {
        if (!daemon.lifecycle().isControlled()) {
            daemon.answersPing();
        }
        return DaemonDetails.of(daemon);
    }

    /** The number of lines {@code lines} asks for, {@value #DEFAULT_LOG_LINES} when absent; empty when invalid. */
    private static OptionalInt lineCount(@Nullable String lines) {
        if (lines == null) {
            return OptionalInt.of(DEFAULT_LOG_LINES);
        }
        try {
            int count = Integer.parseInt(lines.strip());
            return count >= 1 && count <= MAX_LOG_LINES ? OptionalInt.of(count) : OptionalInt.empty();
        } catch (NumberFormatException ex) {
            return OptionalInt.empty();
        }
    }

    private static Answered apply(DaemonAction action, ManagedDaemon daemon) {
        String actionName = action.name().toLowerCase(Locale.ROOT);
        if (!daemon.lifecycle().isControlled()) {
            return new Answered(new ActionFailed(daemon.name(), actionName, "daemon '" + daemon.name()
                    + "' has lifecycle none: something else starts and stops it"), CONFLICT);
        }
        try {
            return new Answered(new ActionDone(daemon.name(), actionName, action.result(action.applyTo(daemon))),
                    WebEndpointResponse.STATUS_OK);
        } catch (RuntimeException ex) {
            return new Answered(new ActionFailed(daemon.name(), actionName, ex.getMessage()),
                    WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
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

    /** What an action did to one daemon: {@link ActionDone} or {@link ActionFailed}. */
    public sealed interface ActionResult permits ActionDone, ActionFailed {

        /** The daemon's name. */
        String daemon();

        /** The action, such as {@code start}. */
        String action();
    }

    /**
     * An action that was carried out.
     *
     * @param daemon the daemon's name
     * @param action the action, such as {@code start}
     * @param result what happened, such as {@code started} or {@code already running}
     */
    public record ActionDone(String daemon, String action, String result) implements ActionResult {
    }

    /**
     * An action that failed or was refused.
     *
     * @param daemon the daemon's name
     * @param action the action, such as {@code start}
     * @param error why, with the evidence (a failed start's output and log lines)
     */
    public record ActionFailed(String daemon, String action, String error) implements ActionResult {
    }

    /** What an action did to each daemon with a tag, in configuration order. */
    public record ActionResults(List<ActionResult> results) {
    }

    /** Why a request was refused. */
    public record ErrorMessage(String error) {
    }

    /** An action's result, and the HTTP status it alone would answer with. */
    private record Answered(ActionResult result, int status) {
    }
}
