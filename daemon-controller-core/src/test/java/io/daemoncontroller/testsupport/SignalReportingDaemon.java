package io.daemoncontroller.testsupport;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A daemon that tells who got which signal: a few lines of Perl (in every Debian's perl-base) that fork one child
 * and, once the child handles its signals, listen on 127.0.0.1 and a port. Each writes a line to a report file for
 * each signal it gets: {@code daemon got SIGTERM}, {@code child got SIGTERM}, ... On {@code SIGTERM} the daemon
 * passes its own stop on to the child as {@code SIGUSR1}, waits for it and exits. So a report holding
 * {@code child got SIGTERM} means the stop signal reached the child directly, not through the daemon.
 */
public final class SignalReportingDaemon {

    private static final String SCRIPT = String.join(" ",
            "use strict; use IO::Socket::INET; use POSIX ();",
            "my ($port, $report) = @ARGV;",
            "sub note { open(my $f, '>>', $report) or die; print $f \"$_[0]\\n\"; close($f); }",
            "pipe(my $child_ready, my $tell_ready) or die \"cannot pipe: $!\";",
            "my $child = fork() // die \"cannot fork: $!\";",
            "if ($child == 0) { for my $name (qw(TERM INT HUP QUIT USR1)) {",
            "$SIG{$name} = sub { note(\"child got SIG$name\"); POSIX::_exit(0) }; }",
            "close($tell_ready); sleep 1 while 1; }",
            "close($tell_ready); <$child_ready>;",
            "for my $name (qw(INT HUP QUIT)) { $SIG{$name} = sub { note(\"daemon got SIG$name\") }; }",
            "$SIG{TERM} = sub { note('daemon got SIGTERM'); kill('USR1', $child); waitpid($child, 0);",
            "POSIX::_exit(0) };",
            "my $server = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port, Listen => 16,",
            "ReuseAddr => 1) or die \"cannot listen: $!\";",
            "note('daemon ready');",
            "while (1) { my $client = $server->accept() or next; close($client); }");

    private SignalReportingDaemon() {
    }

    /**
     * Writes the script to {@code dir} and returns the daemon, in the foreground, as one simple shell command
     * ({@code perl <script> <port> <report>}).
     */
    public static String command(Path dir, int port, Path report) {
        Path script = dir.resolve("signal-reporting-daemon.pl");
        try {
            Files.writeString(script, SCRIPT);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return "perl " + shellQuote(script.toString()) + " " + port + " " + shellQuote(report.toString());
    }
}
