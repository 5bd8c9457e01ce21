package io.daemoncontroller.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of configuration keys lists the keys the configuration processor generates from
 * {@link DaemonControllerProperties}, with the same defaults, so the two cannot drift.
 */
class ConfigurationKeysDocumentationTests {

    private static final String DEFAULTS = "daemon-controller.defaults.";

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    @Test
    void theReadmeListsEveryGeneratedKeyWithItsDefault() throws IOException {
        Map<String, Object> generated = generatedDaemonControllerKeys();
        Map<String, String> documented = documentedKeys();

        assertThat(documented.keySet()).containsAll(generated.keySet());
        generated.forEach((key, defaultValue) -> {
            if (defaultValue != null) {
                assertThat(documented.get(key)).as(key).isEqualTo("`" + defaultValue + "`");
            }
        });
        assertThat(generated.keySet()).as("documented keys that do not exist")
                .containsAll(documented.keySet().stream().filter(key -> !key.startsWith("management.")).toList());
    }

    /** The generated keys under daemon-controller, those under defaults by their short name, with defaults. */
    private static Map<String, Object> generatedDaemonControllerKeys() throws IOException {
        for (URL url : Collections.list(ConfigurationKeysDocumentationTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!json.contains("\"daemon-controller.enabled\"")) {
                    continue;
                }
                Map<String, Object> keys = new LinkedHashMap<>();
                List<Map<String, Object>> properties = JsonPath.read(json, "$.properties[*]");
                for (Map<String, Object> property : properties) {
                    String name = (String) property.get("name");
                    if (name.startsWith(DEFAULTS)) {
                        keys.put(name.substring(DEFAULTS.length()), property.get("defaultValue"));
                    } else if (name.startsWith("daemon-controller.") && !name.equals("daemon-controller.daemons")) {
                        keys.put(name, property.get("defaultValue"));
                    }
                }
                return keys;
            }
        }
        throw new IllegalStateException("The configuration processor generated no metadata for the starter");
    }

    /** The README's rows of keys: {@code environment.<VAR>} is documented as {@code environment}. */
    private static Map<String, String> documentedKeys() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("### Configuration keys"),
                readme.indexOf("### Lifecycles"));
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            keys.put(row.group(1).replace(".<VAR>", ""), row.group(2).strip());
        }
        return keys;
    }
}
