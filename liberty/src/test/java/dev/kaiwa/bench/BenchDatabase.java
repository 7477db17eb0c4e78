package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * The server's database, reached from the benchmark's JVM with the server's own JDBC URL and credentials (the
 * embedded H2 file database runs with {@code AUTO_SERVER=TRUE} under the bench profile, so a second process can
 * connect while the server holds it). The driver is looked up on the benchmark's class path directly: the
 * benchmark runs inside Maven's JVM, whose {@link java.sql.DriverManager} never saw that class path.
 */
final class BenchDatabase {
    private final String url;
    private final Properties credentials = new Properties();
    private final Driver driver;

    BenchDatabase(String url, String user, String password) throws SQLException {
        this.url = requireNonNull(url, "url is null");
        credentials.setProperty("user", requireNonNull(user, "user is null"));
        credentials.setProperty("password", requireNonNull(password, "password is null"));
        Driver found = null;
        for (Driver candidate : ServiceLoader.load(Driver.class, BenchDatabase.class.getClassLoader())) {
            if (candidate.acceptsURL(url)) {
                found = candidate;
                break;
            }
        }
        if (found == null) {
            throw new SQLException("no JDBC driver on the class path accepts " + url);
        }
        this.driver = found;
    }

    String url() {
        return url;
    }

    /** A new connection; the caller closes it. */
    Connection connect() throws SQLException {
        Connection connection = driver.connect(url, credentials);
        if (connection == null) {
            throw new SQLException("the driver refused " + url);
        }
        return connection;
    }
}
