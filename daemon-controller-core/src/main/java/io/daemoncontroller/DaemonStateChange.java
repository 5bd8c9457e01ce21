package io.daemoncontroller;

import java.time.Instant;

/**
 * A daemon went from one state to another, for {@link DaemonListener}s.
 *
 * @param identifier the daemon's identifier
 * @param from the state it left
 * @param to the state it entered
 * @param reason why, such as {@code "exited with status 1"} or {@code "stopped on request"}
 * @param at when
 */
public record DaemonStateChange(String identifier, DaemonState from, DaemonState to, String reason, Instant at) {
}
