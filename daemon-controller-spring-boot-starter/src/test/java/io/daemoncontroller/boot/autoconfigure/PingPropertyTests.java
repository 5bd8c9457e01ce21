package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;

import io.daemoncontroller.Ping;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PingPropertyTests {

    private static final Path DIRECTORY = Path.of("/srv/app");

    @Test
    void readsATcpPing() {
        assertThat(parse("tcp://localhost:9312")).hasToString("tcp://localhost:9312");
        assertThat(parse("tcp://[::1]:9312")).hasToString("tcp://::1:9312");
    }

    @Test
    void readsAUnixSocketPingRelativeToTheWorkingDirectory() {
        assertThat(parse("unix:/run/search.sock")).hasToString("unix:/run/search.sock");
        assertThat(parse("unix:tmp/search.sock")).hasToString("unix:/srv/app/tmp/search.sock");
    }

    @Test
    void readsAnHttpPing() {
        assertThat(parse("https://localhost:8443/health")).hasToString("https://localhost:8443/health");
    }

    @Test
    void readsACommandPing() {
        assertThat(parse("exec:redis-cli -p 6380 ping")).hasToString("exec:redis-cli -p 6380 ping");
    }

    @Test
    void rejectsAnythingElseSayingWhatIsWrong() {
        for (String bad : new String[] {"localhost:9312", "tcp://localhost", "tcp://localhost:99999",
                "tcp://localhost:9312/path", "unix:", "exec: ", "http://local host/"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> PingProperty.parse(bad))
                    .withMessageMatching("(it is not|an? \\w+: ping needs).*");
        }
    }

    @Test
    void bindsABlankValueAsUnset() {
        assertThat(new PingPropertyConverter().convert(" ")).isNull();
        assertThat(new PingPropertyConverter().convert("tcp://localhost:1")).hasToString("tcp://localhost:1");
    }

    private static Ping parse(String value) {
        return PingProperty.parse(value).toPing(DIRECTORY);
    }
}
