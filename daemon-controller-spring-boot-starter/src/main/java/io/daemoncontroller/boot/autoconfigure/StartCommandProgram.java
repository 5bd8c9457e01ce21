package io.daemoncontroller.boot.autoconfigure;

import java.util.Optional;
import java.util.Set;

/**
 * The file name of the program a start command runs, such as {@code redis-server} for
 * {@code exec /usr/bin/redis-server --port 6380}: the first word, after variable assignments ({@code A=b}) and the
 * wrappers {@code exec}, {@code env} and {@code nohup}, without its quotes and directory.
 */
final class StartCommandProgram {

    private static final Set<String> WRAPPERS = Set.of("exec", "env", "nohup");

    private StartCommandProgram() {
    }

    static Optional<String> of(String command) {
        for (String word : command.strip().split("\\s+")) {
            String unquoted = word.replaceAll("^['\"]|['\"]$", "");
            if (unquoted.isEmpty() || WRAPPERS.contains(unquoted) || unquoted.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                continue;
            }
            return Optional.of(unquoted.substring(unquoted.lastIndexOf('/') + 1));
        }
        return Optional.empty();
    }
}
