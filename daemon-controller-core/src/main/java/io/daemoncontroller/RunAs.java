package io.daemoncontroller;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a daemon's commands as another user: through util-linux
 * {@code setpriv --reuid=<uid> --regid=<gid> --init-groups --}, so that they get the user's uid, its primary group
 * and its supplementary groups, as a login would, and with {@code HOME}, {@code USER} and {@code LOGNAME} set to the
 * user's (the daemon's {@code environment} may still set them). Only root may switch users, which
 * {@link #of(String, String)} checks, with everything else that would make every start fail.
 */
final class RunAs {

    private static final String OPTION = "user";

    private final UserAccount account;
    private final Path setpriv;

    private RunAs(UserAccount account, Path setpriv) {
        this.account = account;
        this.setpriv = setpriv;
    }

    /**
     * How to run the commands of the daemon called {@code identifier} as {@code user}, a name or a uid; empty when
     * this JVM already runs as that user, so that a configuration naming it works both as root and as the user.
     *
     * @throws InvalidOptionException when the user does not exist, this JVM may not switch to it, or
     *         {@code setpriv} is not installed
     */
    static Optional<RunAs> of(String identifier, String user) {
        UserAccount account = UserAccount.lookUp(user).orElseThrow(() -> new InvalidOptionException(identifier,
                OPTION, user, "is not a user of this system (the passwd database has no such name or uid)",
                "the name or uid of an existing user, such as nobody; or create the user first (useradd --system "
                        + user + ")"));
        int current = UserAccount.currentUid();
        if (account.uid() == current) {
            return Optional.empty();
        }
        if (current != 0) {
            throw new InvalidOptionException(identifier, OPTION, user, "differs from the user this JVM runs as (uid "
                    + current + "), and only root may run commands as another user",
                    "run the application as root, or as " + user + " itself; or remove the option");
        }
        Path setpriv = onPath("setpriv").orElseThrow(() -> new InvalidOptionException(identifier, OPTION, user,
                "needs util-linux's setpriv to switch users, and there is no setpriv on the PATH",
                "install util-linux (apt-get install util-linux, dnf install util-linux); or remove the option and "
                        + "switch users in the commands"));
        return Optional.of(new RunAs(account, setpriv));
    }

    /** The words that run a command, which follow them, as the user. */
    List<String> prefix() {
        return List.of(setpriv.toString(), "--reuid=" + account.uid(), "--regid=" + account.gid(), "--init-groups",
                "--");
    }

    /** Sets the user's {@code HOME}, {@code USER} and {@code LOGNAME} in {@code environment}. */
    void putIdentity(Map<String, String> environment) {
        environment.put("HOME", account.home());
        environment.put("USER", account.name());
        environment.put("LOGNAME", account.name());
    }

    UserAccount account() {
        return account;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        return Stream.of((path == null ? "" : path).split(File.pathSeparator)).filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program)).filter(Files::isExecutable).findFirst();
    }

    @Override
    public String toString() {
        return "user " + account;
    }
}
