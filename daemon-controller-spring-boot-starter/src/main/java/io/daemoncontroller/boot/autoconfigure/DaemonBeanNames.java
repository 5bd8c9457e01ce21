package io.daemoncontroller.boot.autoconfigure;

/** Maps daemon names to the names of their {@link io.daemoncontroller.DaemonController} beans, and back. */
final class DaemonBeanNames {

    private static final String SUFFIX = "DaemonController";

    private DaemonBeanNames() {
    }

    /** {@code search} → {@code searchDaemonController}. */
    static String beanName(String daemonName) {
        return daemonName + SUFFIX;
    }

    /** {@code searchDaemonController} → {@code search}; any other bean name is the daemon's name as it is. */
    static String daemonName(String beanName) {
        return beanName.endsWith(SUFFIX) && beanName.length() > SUFFIX.length()
                ? beanName.substring(0, beanName.length() - SUFFIX.length()) : beanName;
    }
}
