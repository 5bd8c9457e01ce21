package io.daemoncontroller.sample.redis;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET} and {@code PUT /redis/{key}}: values kept in Redis ({@code redis} profile). */
@RestController
@Profile("redis")
@RequestMapping("/redis")
class RedisController {

    private final RedisKeyValueStore store;

    RedisController(RedisKeyValueStore store) {
        this.store = store;
    }

    @GetMapping(path = "/{key}", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> get(@PathVariable String key) {
        return ResponseEntity.of(store.get(key));
    }

    @PutMapping(path = "/{key}", consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<Void> put(@PathVariable String key, @RequestBody String value) {
        store.set(key, value);
        return ResponseEntity.noContent().build();
    }
}
