package io.daemoncontroller;

/**
 * Builds a controller with {@code user(args[0])} and prints what the builder said: {@code built}, or the refused
 * option, then its problem and its fix, a line each. Run in a JVM of its own, as another user or with another
 * {@code PATH}, by {@link RunAsTests}.
 */
final class UserOptionProbe {

    private UserOptionProbe() {
    }

    public static void main(String[] args) {
        try {
            DaemonController.builder("probe").startCommand("true").ping(Ping.command("true")).daemonizeForMe(true)
                    .user(args[0]).build();
            System.out.println("built");
        } catch (InvalidOptionException ex) {
            System.out.println(ex.option());
            System.out.println(ex.problem());
            System.out.println(ex.fix());
        }
    }
}
