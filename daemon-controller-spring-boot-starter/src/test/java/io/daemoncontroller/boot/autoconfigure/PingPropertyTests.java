package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import io.daemoncontroller.Ping;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.core.convert.TypeDescriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PingPropertyTests {

    private static final TypeDescriptor LIST = TypeDescriptor.collection(List.class,
            TypeDescriptor.valueOf(PingProperty.class));

    private static final Path DIRECTORY = Path.of("/srv/app");

    @Test
    void readsATcpPing() {
        assertThat(parse("tcp://localhost:9312")).hasToString("tcp://localhost:9312");
        assertThat(parse("tcp://[::1]:9312")).hasToString("tcp://::1:9312");
    }

    @Test
    void knowsThePortThatATcpOrHttpPingNames() {
        assertThat(PingProperty.parse("tcp://localhost:9312").port()).hasValue(9312);
        assertThat(PingProperty.parse("http://localhost:8080/health").port()).hasValue(8080);
        assertThat(PingProperty.parse("https://localhost/health").port()).isEmpty();
        assertThat(PingProperty.parse("exec:redis-cli -p 6379 ping").port()).isEmpty();
        assertThat(PingProperty.parse("unix:/run/search.sock").port()).isEmpty();
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
        assertThat(convert(" ", TypeDescriptor.valueOf(PingProperty.class))).isNull();
        assertThat(convert(" ", LIST)).isNull();
        assertThat(convert("tcp://localhost:1", TypeDescriptor.valueOf(PingProperty.class)))
                .hasToString("tcp://localhost:1");
    }

    @Test
    void bindsOneValueToAListAsOnePingWholeCommasIncluded() {
        assertThat(convert("exec:test -n a,b", LIST)).asInstanceOf(InstanceOfAssertFactories.LIST)
                .singleElement().hasToString("exec:test -n a,b");
    }

    private static Object convert(String value, TypeDescriptor target) {
        return new PingPropertyConverter().convert(value, TypeDescriptor.valueOf(String.class), target);
    }

    private static Ping parse(String value) {
        return PingProperty.parse(value).toPing(DIRECTORY);
    }
}
