package io.daemoncontroller.cli;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Where a command prints and what time it is for it.
 *
 * @param out results: status lines, a pid, log lines
 * @param err failures and warnings
 * @param clock the time and zone status lines are told in
 */
record Console(PrintStream out, PrintStream err, Clock clock) {
}
