package io.daemoncontroller.boot.connection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.mongodb.ConnectionString;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;

/**
 * {@link MongoConnectionDetails} for a {@code mongodb} daemon, on its ping's host and port: database {@code test}
 * unless {@code connection.database} says otherwise; with a username, authenticated against {@code admin}, as
 * Boot's Docker Compose support does.
 */
class MongoDaemonConnectionDetailsFactory
        implements ConnectionDetailsFactory<DaemonConnectionSource, MongoConnectionDetails> {

    @Override
    public MongoConnectionDetails getConnectionDetails(DaemonConnectionSource source) {
        if (!source.is("mongodb")) {
            return null;
        }
        StringBuilder uri = new StringBuilder("mongodb://");
        if (source.username() != null) {
            uri.append(encoded(source.username())).append(':').append(encoded(source.passwordOr(""))).append('@');
        }
        uri.append(JdbcDaemonConnectionDetailsFactory.hostInUrl(source.host())).append(':').append(source.port())
                .append('/').append(source.databaseOr("test"));
        if (source.username() != null) {
            uri.append("?authSource=admin");
        }
        ConnectionString connectionString = new ConnectionString(uri.toString());
        return () -> connectionString;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
