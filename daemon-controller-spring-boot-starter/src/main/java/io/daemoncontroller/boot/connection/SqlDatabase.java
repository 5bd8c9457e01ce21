package io.daemoncontroller.boot.connection;

/** The SQL databases a daemon may be, with the name of each in JDBC and R2DBC URLs and its usual defaults. */
enum SqlDatabase {

    POSTGRES("postgres", "postgresql", "postgres") {
        @Override
        String defaultDatabase(String username) {
            return username;
        }
    },
    MYSQL("mysql", "mysql", "root"),
    MARIADB("mariadb", "mariadb", "root");

    private final String service;
    private final String protocol;
    private final String defaultUsername;

    SqlDatabase(String service, String protocol, String defaultUsername) {
        this.service = service;
        this.protocol = protocol;
        this.defaultUsername = defaultUsername;
    }

    /** The database {@code source} is; {@code null} when it is none of these. */
    static SqlDatabase of(DaemonConnectionSource source) {
        for (SqlDatabase database : values()) {
            if (source.is(database.service)) {
                return database;
            }
        }
        return null;
    }

    /** The name of the database in {@code jdbc:<name>://} URLs, and the R2DBC driver's. */
    String jdbcProtocol() {
        return protocol;
    }

    String defaultUsername() {
        return defaultUsername;
    }

    /** The database clients use when {@code connection.database} is not set; empty for the server's default. */
    String defaultDatabase(String username) {
        return "";
    }
}
