package io.daemoncontroller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A user of this system, as its passwd entry says: name, uid, primary gid and home directory. Looked up through
 * {@code getent passwd}, which asks every name service the system uses (files, LDAP, systemd's dynamic users), and
 * in {@code /etc/passwd} where {@code getent} is missing.
 */
record UserAccount(String name, int uid, int gid, String home) {

    private static final Path PASSWD = Path.of("/etc/passwd");

    /** The user named, or numbered, {@code user}; empty when there is none. */
    static Optional<UserAccount> lookUp(String user) {
        Optional<String> entry;
        try {
            entry = getent(user);
        } catch (IOException noGetent) {
            entry = etcPasswd(user);
        }
        return entry.map(UserAccount::parse);
    }

    /** The user this JVM runs as: its effective uid, whether or not the passwd database knows it. */
    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException ex) {
            throw new IllegalStateException("cannot tell which user this JVM runs as: " + ex.getMessage(), ex);
        }
    }

    /** Makes {@code path} belong to this user and its primary group. */
    void own(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
    }

    private static Optional<String> getent(String user) throws IOException {
        Process getent = new ProcessBuilder("getent", "passwd", "--", user).redirectErrorStream(true).start();
        String output = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!getent.waitFor(10, TimeUnit.SECONDS)) {
                getent.destroyForcibly();
                throw new IOException("getent passwd " + user + " did not answer within 10s");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running getent passwd " + user, ex);
        }
        return getent.exitValue() == 0 ? output.lines().findFirst() : Optional.empty();
    }

    private static Optional<String> etcPasswd(String user) {
        try {
            return Files.readAllLines(PASSWD, StandardCharsets.UTF_8).stream()
                    .filter(line -> {
                        String[] fields = line.split(":", -1);
                        return fields.length >= 7 && (fields[0].equals(user) || fields[2].equals(user));
                    })
                    .findFirst();
        } catch (IOException ex) {
            return Optional.empty();
        }
    }

    private static UserAccount parse(String entry) {
        String[] fields = entry.split(":", -1);
        return new UserAccount(fields[0], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), fields[5]);
    }

    @Override
    public String toString() {
        return name + " (uid " + uid + ", gid " + gid + ")";
    }
}
