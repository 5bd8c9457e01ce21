package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which shell commands a daemonizeForMe start can {@code exec}, so that its pid is the program's own. */
class CommandLineTests {

    @ParameterizedTest
    @ValueSource(strings = {"redis-server --port 6390", "redis-server --dbfilename 'dump; copy (1) & more | less.rdb'",
            "perl -e 'fork; exit' \"a & b\"", "echo \\; \\&", "postgres -D \"$PGDATA\"", "nginx -g 'daemon off;'",
            "server >out.log 2>err.log"})
    void aSingleSimpleCommandRunsAsItsOwnProgram(String script) {
        CommandLine command = CommandLine.shell(script);

        assertThat(command.runsItsProgramDirectly()).isTrue();
        assertThat(command.execArgv()).containsExactly("/bin/sh", "-c", "exec " + script);
    }

    @ParameterizedTest
    @ValueSource(strings = {"server; echo done", "server && echo done", "server | tee log", "(server)",
            "server \"$(cat port)\"", "server `cat port`", "server &", "PORT=1 server", "cd /srv && server",
            "if true; then server; fi", "export A=1", "server 2>&1", "a\\nb"})
    void aCompoundCommandKeepsItsShell(String script) {
        CommandLine command = CommandLine.shell(script.replace("\\n", "\n"));

        assertThat(command.runsItsProgramDirectly()).isFalse();
        assertThat(command.execArgv()).isEqualTo(command.argv());
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "a;b"})
    void aListRunsAsItIs(String word) {
        CommandLine command = CommandLine.exec(List.of(word, "--flag"));

        assertThat(command.runsItsProgramDirectly()).isTrue();
        assertThat(command.execArgv()).containsExactly(word, "--flag");
    }
}
