package io.daemoncontroller.boot.connection;

import java.util.List;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;

/**
 * {@link RabbitConnectionDetails} for a {@code rabbitmq} daemon, on its ping's host and port: user {@code guest}
 * with password {@code guest} unless {@code connection.username} is set (RabbitMQ's own default user, which it
 * accepts from localhost only), and {@code connection.database} as
 * the virtual host (default {@code /}).
 */
class RabbitDaemonConnectionDetailsFactory
        implements ConnectionDetailsFactory<DaemonConnectionSource, RabbitConnectionDetails> {

    @Override
    public RabbitConnectionDetails getConnectionDetails(DaemonConnectionSource source) {
        return source.is("rabbitmq") ? new DaemonRabbitConnectionDetails(source) : null;
    }

    private static final class DaemonRabbitConnectionDetails implements RabbitConnectionDetails {

        private final String username;
        private final String password;
        private final String virtualHost;
        private final List<Address> addresses;

        DaemonRabbitConnectionDetails(DaemonConnectionSource source) {
            this.username = source.usernameOr("guest");
            this.password = source.username() == null ? source.passwordOr("guest") : source.password();
            this.virtualHost = source.databaseOr("/");
            this.addresses = List.of(new Address(source.host(), source.port()));
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
        public String getVirtualHost() {
            return virtualHost;
        }

        @Override
        public List<Address> getAddresses() {
            return addresses;
        }
    }
}
