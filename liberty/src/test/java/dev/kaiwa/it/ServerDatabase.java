package dev.kaiwa.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database of the server under test, reached directly, as someone with access to the database could:
 * the build passes its JDBC URL and credentials ({@code kaiwa.server.db.url}, {@code .user},
 * {@code .password}). The test server's embedded H2 runs with {@code AUTO_SERVER=TRUE}, so a second
 * process can open it while the server holds it; on PostgreSQL the URL names the server's schema.
 */
public final class ServerDatabase {
    private ServerDatabase() {
    }

    /** Runs one statement with string parameters; returns the number of rows it changed. */
    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
        catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on the server's database: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, if there is a row. */
    public static Optional<String> queryText(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.empty();
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on the server's database: " + e.getMessage(), e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestServer.setting("kaiwa.server.db.url"),
                TestServer.setting("kaiwa.server.db.user"), System.getProperty("kaiwa.server.db.password", ""));
    }
}
