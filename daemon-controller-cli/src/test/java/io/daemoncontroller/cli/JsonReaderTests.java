package io.daemoncontroller.cli;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class JsonReaderTests {

    @Test
    void readsTheEndpointsDaemonListWithItsTypes() {
        Object json = JsonReader.read("""
                {"daemons": [{"name": "kv", "state": "RUNNING", "since": "2026-12-01T00:31:02.123Z", "pid": 4242,
                  "uptime": "PT2M", "lastExit": null, "restarts": 0, "required": true, "tags": ["web", "dev"],
                  "dependsOn": []}]}
                """);
        assertThat(json).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> kv = ((List<Map<String, Object>>) ((Map<String, Object>) json).get("daemons")).get(0);
        assertThat(kv).containsExactly(entry("name", "kv"), entry("state", "RUNNING"),
                entry("since", "2026-12-01T00:31:02.123Z"), entry("pid", 4242L), entry("uptime", "PT2M"),
                entry("lastExit", null), entry("restarts", 0L), entry("required", true),
                entry("tags", List.of("web", "dev")), entry("dependsOn", List.of()));
    }

    @Test
    void decodesEveryEscapeOfAString() {
        assertThat(JsonReader.read("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\té€");
    }

    @Test
    void readsNumbersLiteralsAndEmptyContainers() {
        assertThat(JsonReader.read("[-12, 1.5, 2e3, true, false, null, {}, []]")).isEqualTo(Arrays.asList(-12L,
                new BigDecimal("1.5"), new BigDecimal("2e3"), true, false, null, Map.of(), List.of()));
    }

    @Test
    void refusesWhatIsNotJsonSayingWhere() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("<html>"))
                .withMessage("Not JSON: expected a value at offset 0, found '<'");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("{\"a\": 1"))
                .withMessage("Not JSON: expected '}' at offset 7, found the end");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("{\"a\": 1} x"))
                .withMessage("Not JSON: expected end of input at offset 9, found 'x'");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("\"open"))
                .withMessageContaining("the closing quote");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("[1,]"))
                .withMessageContaining("expected a value at offset 3");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("\"\\x\""))
                .withMessageContaining("an escape");
    }
}
