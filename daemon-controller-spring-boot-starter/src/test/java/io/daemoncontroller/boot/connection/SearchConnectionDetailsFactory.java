package io.daemoncontroller.boot.connection;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;

/**
 * An application's own factory, registered in the tests' {@code META-INF/spring.factories}, for a service the
 * starter does not know: {@code service: search}.
 */
public class SearchConnectionDetailsFactory
        implements ConnectionDetailsFactory<DaemonConnectionSource, SearchConnectionDetailsFactory.SearchConnectionDetails> {

    @Override
    public SearchConnectionDetails getConnectionDetails(DaemonConnectionSource source) {
        return source.is("search") ? new SearchConnectionDetails(source.daemonName(), "http://" + source.host() + ":"
                + source.port() + "/" + source.databaseOr("main")) : null;
    }

    /** Where the search server of the daemon {@code daemon} answers. */
    public record SearchConnectionDetails(String daemon, String url) implements ConnectionDetails {
    }
}
