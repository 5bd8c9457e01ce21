package io.daemoncontroller.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web app whose daemons are managed by daemon-controller: a key-value server bundled with the app, started by the
 * first request that needs it; with the {@code redis} profile, a real Redis started and stopped with the app; with the
 * {@code postgres} profile, a real PostgreSQL, its schema migrated by Flyway at startup.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
