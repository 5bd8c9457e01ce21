package io.daemoncontroller.boot.connection;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;

/**
 * {@link R2dbcConnectionDetails} for a {@code postgres}, {@code mysql} or {@code mariadb} daemon, with the same
 * defaults as {@link JdbcDaemonConnectionDetailsFactory}.
 */
class R2dbcDaemonConnectionDetailsFactory
        implements ConnectionDetailsFactory<DaemonConnectionSource, R2dbcConnectionDetails> {

    private static final Option<String> APPLICATION_NAME = Option.valueOf("applicationName");

    @Override
    public R2dbcConnectionDetails getConnectionDetails(DaemonConnectionSource source) {
        SqlDatabase database = SqlDatabase.of(source);
        if (database == null) {
            return null;
        }
        String username = source.usernameOr(database.defaultUsername());
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, database.jdbcProtocol())
                .option(ConnectionFactoryOptions.HOST, source.host())
                .option(ConnectionFactoryOptions.PORT, source.port())
                .option(ConnectionFactoryOptions.USER, username);
        String name = source.databaseOr(database.defaultDatabase(username));
        if (!name.isEmpty()) {
            options.option(ConnectionFactoryOptions.DATABASE, name);
        }
        if (source.password() != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, source.password());
        }
        if (database == SqlDatabase.POSTGRES && source.applicationName() != null) {
            options.option(APPLICATION_NAME, source.applicationName());
        }
        ConnectionFactoryOptions built = options.build();
        return () -> built;
    }
}
