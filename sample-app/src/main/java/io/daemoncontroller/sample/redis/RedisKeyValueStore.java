package io.daemoncontroller.sample.redis;

import java.util.Optional;

import io.daemoncontroller.boot.DaemonDependency;

import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Values kept in Redis. Because of {@link DaemonDependency}, a call that finds Redis down (stopped from the
 * actuator, say) starts it again and is retried.
 */
@Component
@Profile("redis")
@DaemonDependency("redis")
class RedisKeyValueStore {

    private final StringRedisTemplate redis;

    RedisKeyValueStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The value stored under {@code key}, if any. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis.opsForValue().get(key));
    }

    /** Stores {@code value} under {@code key}. */
    public void set(String key, String value) {
        redis.opsForValue().set(key, value);
    }
}
