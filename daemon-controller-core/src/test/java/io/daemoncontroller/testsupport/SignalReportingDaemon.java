package io.daemoncontroller.testsupport;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;

import java.nio.file.Path;

/**
 * A daemon that tells who got which signal: a few lines of Perl (in every Debian's perl-base) that listen on
 * 127.0.0.1 and a port and fork one child. Each writes a line to a report file for each signal it gets:
 * {@code daemon got SIGTERM}, {@code child got SIGTERM}, ... On {@code SIGTERM} the daemon passes its own stop on to
 * the child as {@code SIGUSR1}, waits for it and exits. So a report holding {@code child got SIGTERM} means the
 * stop signal reached the child directly, not through the daemon.
 */
public final class SignalReportingDaemon {

    private static final String SCRIPT = String.join(" ",
            "use strict; use IO::Socket::INET; use POSIX ();",
            "my ($port, $report) = @ARGV;",
            "sub note { open(my $f, '>>', $report) or die; print $f \"$_[0]\\n\"; close($f); }",
            "my $server = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port, Listen => 16,",
            "ReuseAddr => 1) or die \"cannot listen: $!\";",
            "my $child = fork() // die \"cannot fork: $!\";",
            "if ($child == 0) { for my $name (qw(TERM INT HUP QUIT USR1)) {",
            "$SIG{$name} = sub { note(\"child got SIG$name\"); POSIX::_exit(0) }; } sleep 1 while 1; }",
            "for my $name (qw(INT HUP QUIT)) { $SIG{$name} = sub { note(\"daemon got SIG$name\") }; }",
            "$SIG{TERM} = sub { note('daemon got SIGTERM'); kill('USR1', $child); waitpid($child, 0);",
            "POSIX::_exit(0) };",
            "note('daemon ready');",
            "while (1) { my $client = $server->accept() or next; close($client); }");

    private SignalReportingDaemon() {
    }

    /** The daemon, in the foreground, as one simple shell command. */
    public static String command(int port, Path report) {
        return "perl -e " + shellQuote(SCRIPT) + " " + port + " " + shellQuote(report.toString());
    }
}
