package io.daemoncontroller.cli;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InvocationTests {

    @Test
    void statusWithoutATargetAsksTheDefaultActuatorWithoutAuthentication() {
        Invocation invocation = parse("status");
        assertThat(invocation.command()).isEqualTo(Command.STATUS);
        assertThat(invocation.target()).isEmpty();
        assertThat(invocation.actuator()).isEqualTo(URI.create("http://localhost:8080/actuator"));
        assertThat(invocation.authorization()).isEmpty();
    }

    @Test
    void optionsMayComeBeforeOrAfterTheCommandWithOrWithoutEquals() {
        assertThat(parse("--url=http://app:9000/manage/", "start", "@web").actuator())
                .isEqualTo(URI.create("http://app:9000/manage"));
        Invocation invocation = parse("log", "kv", "--url", "https://app/actuator", "-n", "20", "-f");
        assertThat(invocation.target()).contains("kv");
        assertThat(invocation.actuator()).isEqualTo(URI.create("https://app/actuator"));
        assertThat(invocation.lines()).isEqualTo(20);
        assertThat(invocation.follow()).isTrue();
        assertThat(parse("log", "kv", "-n5").lines()).isEqualTo(5);
        assertThat(parse("log", "kv", "--lines=7", "--follow").lines()).isEqualTo(7);
        assertThat(parse("log", "kv").lines()).isEqualTo(100);
    }

    @Test
    void basicAndBearerAuthenticationFromOptionsOrTheEnvironment() {
        assertThat(parse("status", "--user=admin:s3cret:x").authorization())
                .contains("Basic YWRtaW46czNjcmV0Ong=");
        assertThat(parse("status", "--token", "abc.def").authorization()).contains("Bearer abc.def");
        assertThat(Invocation.parse(Arrays.asList("status"), Map.of("DAEMONCTL_TOKEN", "t0k")).authorization())
                .contains("Bearer t0k");
        assertThat(Invocation.parse(Arrays.asList("status", "--user=a:b"), Map.of("DAEMONCTL_TOKEN", "t0k"))
                .authorization()).as("an option wins over the environment").contains("Basic YTpi");
        assertThat(Invocation.parse(Arrays.asList("status"), Map.of("DAEMONCTL_URL", "http://other:1/act"))
                .actuator()).isEqualTo(URI.create("http://other:1/act"));
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertThat(parse("--help").command()).isEqualTo(Command.HELP);
        assertThat(parse("start", "-h").command()).isEqualTo(Command.HELP);
        assertThat(parse("help").command()).isEqualTo(Command.HELP);
    }

    @Test
    void anUnknownCommandIsAUsageErrorListingTheCommands() {
        assertUsage(() -> parse("frobnicate", "kv"), "Unknown command \"frobnicate\": use status, start, stop, "
                + "restart, pid, log or help (daemonctl --help shows the commands and options)");
        assertUsage(() -> parse(), "No command: use status, start, stop, restart, pid, log or help (daemonctl --help "
                + "shows the commands and options)");
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingIt() {
        assertUsage(() -> parse("status", "--verbose"), "Unknown option --verbose: use --url, --user, --token, "
                + "--help, or -n and -f with log (daemonctl --help shows the commands and options)");
        assertUsage(() -> parse("-x", "status"), "Unknown option -x: use --url");
        assertUsage(() -> parse("status", "--help=yes"), "--help takes no value, not \"yes\"");
        assertUsage(() -> parse("status", "--url"), "--url needs a value, such as --url=...");
    }

    @Test
    void aMissingOrWrongTargetIsAUsageErrorWithTheCommandsUsage() {
        assertUsage(() -> parse("start"), "start needs a daemon's name or @tag: usage: daemonctl start name|@tag");
        assertUsage(() -> parse("pid", "@web"), "pid takes one daemon's name, not a tag (@web): usage: daemonctl "
                + "pid name");
        assertUsage(() -> parse("log"), "log needs a daemon's name: usage: daemonctl log name [-n 100] [-f]");
        assertUsage(() -> parse("stop", "kv", "redis"), "Unexpected argument \"redis\": usage: daemonctl stop");
        assertUsage(() -> parse("status", "kv", "-f"), "-f is an option of log only: usage: daemonctl status");
    }

    @Test
    void badOptionValuesAreUsageErrorsSayingWhatIsExpected() {
        assertUsage(() -> parse("log", "kv", "-n", "many"), "-n must be a number of lines, such as -n 50, not "
                + "\"many\"");
        assertUsage(() -> parse("log", "kv", "-n", "0"), "-n must be a number of lines");
        assertUsage(() -> parse("status", "--url=localhost:8080"), "--url must be the actuator's base URL, such as "
                + "http://localhost:8080/actuator, not \"localhost:8080\"");
        assertUsage(() -> Invocation.parse(Arrays.asList("status"), Map.of("DAEMONCTL_URL", "ftp://x")),
                "DAEMONCTL_URL must be the actuator's base URL");
        assertUsage(() -> parse("status", "--user=admin"), "--user must be name:password");
        assertUsage(() -> parse("status", "--user=a:b", "--token=t"), "Give --user or --token, not both");
        assertUsage(() -> Invocation.parse(Arrays.asList("status"), Map.of("DAEMONCTL_USER", "a:b",
                "DAEMONCTL_TOKEN", "t")), "Give DAEMONCTL_USER or DAEMONCTL_TOKEN, not both");
    }

    private static Invocation parse(String... args) {
        return Invocation.parse(Arrays.asList(args), Map.of());
    }

    private static void assertUsage(ThrowingCallable parsing, String messageStart) {
        Failure failure = catchThrowableOfType(Failure.class, parsing);
        assertThat(failure).as("a usage failure").isNotNull();
        assertThat(failure.exit()).isEqualTo(Exit.USAGE);
        assertThat(failure.getMessage()).startsWith(messageStart).endsWith("(daemonctl --help shows the commands and "
                + "options)");
    }
}
