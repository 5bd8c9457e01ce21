package io.daemoncontroller.sample.kv;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET} and {@code PUT /kv/{key}}: values kept by the bundled key-value server. */
@RestController
@RequestMapping("/kv")
class KeyValueController {

    private final KeyValueClient client;

    KeyValueController(KeyValueClient client) {
        this.client = client;
    }

    @GetMapping(path = "/{key}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> get(@PathVariable String key) throws IOException {
        return ResponseEntity.of(client.get(key));
    }

    @PutMapping(path = "/{key}", consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<Void> put(@PathVariable String key, @RequestBody String value) throws IOException {
        client.set(key, value);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<String> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
