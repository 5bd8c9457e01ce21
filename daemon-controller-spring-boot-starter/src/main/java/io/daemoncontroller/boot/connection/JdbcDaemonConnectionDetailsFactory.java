package io.daemoncontroller.boot.connection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * {@link JdbcConnectionDetails} for a {@code postgres}, {@code mysql} or {@code mariadb} daemon, on its ping's host
 * and port, with each database's usual defaults: user {@code postgres} and a database named after the user for
 * PostgreSQL (which also gets {@code spring.application.name} as its {@code ApplicationName}, as Boot's Docker
 * Compose support does), user {@code root} and no database for MySQL and MariaDB.
 */
class JdbcDaemonConnectionDetailsFactory
        implements ConnectionDetailsFactory<DaemonConnectionSource, JdbcConnectionDetails> {

    @Override
    public JdbcConnectionDetails getConnectionDetails(DaemonConnectionSource source) {
        SqlDatabase database = SqlDatabase.of(source);
        if (database == null) {
            return null;
        }
        String username = source.usernameOr(database.defaultUsername());
        StringBuilder url = new StringBuilder("jdbc:" + database.jdbcProtocol() + "://" + hostInUrl(source.host())
                + ":" + source.port() + "/");
        url.append(source.databaseOr(database.defaultDatabase(username)));
        String applicationName = source.applicationName();
        if (database == SqlDatabase.POSTGRES && applicationName != null) {
            url.append("?ApplicationName=").append(URLEncoder.encode(applicationName, StandardCharsets.UTF_8));
        }
        return new DaemonJdbcConnectionDetails(username, source.password(), url.toString());
    }

    /** An IPv6 address in brackets, as URLs write it. */
    static String hostInUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private record DaemonJdbcConnectionDetails(String username, String password, String jdbcUrl)
            implements JdbcConnectionDetails {

        @Override
        public String getUsername() {
            return username;
        }

        @Override
        public String getPassword() {
            return password;
        }

        @Override
        public String getJdbcUrl() {
            return jdbcUrl;
        }
    }
}
