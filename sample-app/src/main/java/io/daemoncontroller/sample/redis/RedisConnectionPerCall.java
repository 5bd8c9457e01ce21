package io.daemoncontroller.sample.redis;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Gives each Redis call a connection of its own instead of Lettuce's shared one. After Redis stopped, the shared
 * connection keeps reconnecting in the background and queues the calls until they time out; a new connection is
 * refused at once instead, the failure {@code @DaemonDependency("redis")} answers by starting Redis again.
 */
@Component
@Profile("redis")
class RedisConnectionPerCall implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof LettuceConnectionFactory connectionFactory) {
            connectionFactory.setShareNativeConnection(false);
        }
        return bean;
    }
}
