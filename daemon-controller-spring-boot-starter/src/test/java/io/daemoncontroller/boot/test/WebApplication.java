package io.daemoncontroller.boot.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with every auto-configuration on the test classpath: web server, actuator, metrics, daemons. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class WebApplication {
}
