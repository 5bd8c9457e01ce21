package io.daemoncontroller.boot.connection;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * {@link DataRedisConnectionDetails} for a {@code redis} daemon: standalone, on its ping's host and port, with the
 * database number {@code connection.database} (default 0) and the optional username (an ACL user) and password.
 */
class RedisDaemonConnectionDetailsFactory
        implements ConnectionDetailsFactory<DaemonConnectionSource, DataRedisConnectionDetails> {

    @Override
    public DataRedisConnectionDetails getConnectionDetails(DaemonConnectionSource source) {
        return source.is("redis") ? new RedisDaemonConnectionDetails(source) : null;
    }

    private static final class RedisDaemonConnectionDetails implements DataRedisConnectionDetails {

        private final String username;
        private final String password;
        private final Standalone standalone;

        RedisDaemonConnectionDetails(DaemonConnectionSource source) {
            this.username = source.username();
            this.password = source.password();
            this.standalone = Standalone.of(source.host(), source.port(), Integer.parseInt(source.databaseOr("0")));
        }

        @Override
        public String getUsername() {
            return username;
        }

        @Override
        public String getPassword() {
            return password;
        }

        @Override
        public Standalone getStandalone() {
            return standalone;
        }
    }
}
