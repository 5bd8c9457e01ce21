package io.daemoncontroller.cli;

import java.util.List;

/**
 * The lines a log gained between two reads of its end, found by where the earlier read lines up in the later one.
 * The log endpoint gives the last lines of a file, not their position in it. While both reads got fewer lines than
 * asked for, each holds the whole log and the new lines are simply those past the earlier count. Otherwise the
 * earlier lines are placed at the latest point of the later lines where they all match (or, if the window moved on,
 * where their end matches the later lines' start), and what follows is new; there, a run of identical lines as long
 * as the window cannot be told from no change, so such lines may be missed. When nothing lines up (the log was
 * rotated or truncated, or more than a window was written in between), every later line counts as new and
 * {@link #contiguous()} is false.
 *
 * @param lines the new lines, oldest first
 * @param contiguous whether they follow the earlier lines directly, so none was skipped
 */
record NewLogLines(List<String> lines, boolean contiguous) {

    /**
     * The lines of {@code later} that were not yet in {@code earlier}, both read from the end of the same log;
     * {@code bothWhole} when each read got fewer lines than it asked for, so holds the whole log.
     */
    static NewLogLines between(List<String> earlier, List<String> later, boolean bothWhole) {
        if (earlier.isEmpty()) {
            return new NewLogLines(later, true);
        }
        if (bothWhole) {
            boolean grew = later.size() >= earlier.size() && later.subList(0, earlier.size()).equals(earlier);
            return grew ? new NewLogLines(later.subList(earlier.size(), later.size()), true)
                    : new NewLogLines(later, false);
        }
        for (int end = later.size(); end > 0; end--) {
            if (linesUp(earlier, later, end)) {
                return new NewLogLines(later.subList(end, later.size()), true);
            }
        }
        return new NewLogLines(later, false);
    }

    /** Whether the end of {@code earlier} matches {@code later}'s lines up to {@code end}, as far as both go. */
    private static boolean linesUp(List<String> earlier, List<String> later, int end) {
        int overlap = Math.min(earlier.size(), end);
        for (int i = 1; i <= overlap; i++) {
            if (!earlier.get(earlier.size() - i).equals(later.get(end - i))) {
                return false;
            }
        }
        return true;
    }
}
