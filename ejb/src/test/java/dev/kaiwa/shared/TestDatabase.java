package dev.kaiwa.shared;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one test class, migrated by the same Flyway set-up as the server, with
 * the production persistence unit on top.
 *
 * <p>Which database: the system properties {@value #URL_PROPERTY}, {@value #USER_PROPERTY} and
 * {@value #PASSWORD_PROPERTY} (the {@code postgres} Maven profile sets them). Without a URL, each
 * instance is a fresh in-memory H2 database. With a PostgreSQL or H2 URL, each instance creates a
 * schema with a random name there and drops it on {@link #close()}, so runs never see each other's data.
 *
 * <p>The persistence unit is {@code kaiwa} from {@code META-INF/persistence.xml}, the very file the
 * server deploys, so the tests map exactly the production entities. Outside the container it cannot
 * use JTA and {@code jdbc/kaiwa}; the properties given to
 * {@link Persistence#createEntityManagerFactory(String, Map)} switch it to RESOURCE_LOCAL transactions
 * on this database's JDBC URL.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String URL_PROPERTY = "kaiwa.test.db.url";
    public static final String USER_PROPERTY = "kaiwa.test.db.user";
    public static final String PASSWORD_PROPERTY = "kaiwa.test.db.password";
    private static final String PERSISTENCE_UNIT = "kaiwa";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Kind kind;
    private final String serverUrl;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private EntityManagerFactory entityManagerFactory;

    private TestDatabase(Kind kind, String serverUrl, String url, String user, String password, String schema) {
        this.kind = kind;
        this.serverUrl = serverUrl;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** A new, empty database (or schema) as the system properties say; {@link #migrate()} creates the tables. */
    public static TestDatabase create() {
        String configuredUrl = System.getProperty(URL_PROPERTY, "").strip();
        String user = System.getProperty(USER_PROPERTY, "");
        String password = System.getProperty(PASSWORD_PROPERTY, "");
        if (configuredUrl.isEmpty()) {
            String memoryUrl = "jdbc:h2:mem:kaiwa_" + randomName() + ";DB_CLOSE_DELAY=-1";
            return new TestDatabase(Kind.H2_MEMORY, memoryUrl, memoryUrl, user.isEmpty() ? "sa" : user, password, null);
        }
        Kind kind = Kind.of(configuredUrl);
        String schema = "kw_test_" + randomName();
        TestDatabase database = new TestDatabase(kind, configuredUrl, kind.withSchema(configuredUrl, schema), user,
                password, schema);
        database.executeOnServer("CREATE SCHEMA " + schema);
        return database;
    }

    /** Applies the migrations the way {@link SchemaMigration} does in the server. */
    public MigrateResult migrate() {
        return flyway().migrate();
    }

    /** Flyway exactly as the server configures it, on this database. */
    public Flyway flyway() {
        return SchemaMigration.flyway(dataSource(), SchemaMigration.class.getClassLoader());
    }

    /** A data source of the driver's own kind, as the server's data source configuration uses. */
    public DataSource dataSource() {
        return switch (kind) {
            case H2_MEMORY, H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(url);
                h2.setUser(user);
                h2.setPassword(password);
                yield h2;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource postgresql = new PGSimpleDataSource();
                postgresql.setURL(url);
                postgresql.setUser(user);
                postgresql.setPassword(password);
                yield postgresql;
            }
        };
    }

    /** A plain JDBC connection to this database, in its own schema. */
    public Connection connect() {
        return connect(url);
    }

    /** The production persistence unit on this database; created on first use, closed with the database. */
    public synchronized EntityManagerFactory entityManagerFactory() {
        if (entityManagerFactory == null) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
            properties.put("jakarta.persistence.jtaDataSource", "");
            properties.put("jakarta.persistence.jdbc.driver", kind.driver);
            properties.put("jakarta.persistence.jdbc.url", url);
            properties.put("jakarta.persistence.jdbc.user", user);
            properties.put("jakarta.persistence.jdbc.password", password);
            // Without the container's class transformer there is nothing to weave; saying so keeps EclipseLink quiet.
            properties.put("eclipselink.weaving", "false");
            properties.put("eclipselink.connection-pool.default.initial", "1");
            properties.put("eclipselink.connection-pool.default.min", "1");
            properties.put("eclipselink.connection-pool.default.max", "4");
            entityManagerFactory = Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, properties);
        }
        return entityManagerFactory;
    }

    /** A new EntityManager with a transaction begun; closing it rolls back whatever the test did. */
    public TestTransaction beginTransaction() {
        return new TestTransaction(entityManagerFactory().createEntityManager());
    }

    /** Drops what this instance created: the schema on a shared server, the whole in-memory database otherwise. */
    @Override
    public synchronized void close() {
        if (entityManagerFactory != null) {
            entityManagerFactory.close();
            entityManagerFactory = null;
        }
        switch (kind) {
            case H2_MEMORY -> executeOnServer("SHUTDOWN");
            case H2, POSTGRESQL -> executeOnServer("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    public String toString() {
        return url;
    }

    private void executeOnServer(String sql) {
        try (Connection connection = connect(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot run '" + sql + "' on the test database " + serverUrl + ": "
                    + e.getMessage(), e);
        }
    }

    private Connection connect(String jdbcUrl) {
        try {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the test database " + jdbcUrl + " as '" + user
                    + "' (" + e.getMessage() + "). Start that database, or point " + URL_PROPERTY + ", " + USER_PROPERTY
                    + " and " + PASSWORD_PROPERTY + " at one (without " + URL_PROPERTY
                    + " the tests use an in-memory H2 database).", e);
        }
    }

    private static String randomName() {
        StringBuilder name = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** The databases the migrations are written for. */
    private enum Kind {
        /** A private in-memory H2 database, gone when the instance closes. */
        H2_MEMORY("org.h2.Driver"),
        /** A schema in an H2 database named by URL. */
        H2("org.h2.Driver"),
        /** A schema in a PostgreSQL database. */
        POSTGRESQL("org.postgresql.Driver");

        private final String driver;

        Kind(String driver) {
            this.driver = driver;
        }

        static Kind of(String url) {
            if (url.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            if (url.startsWith("jdbc:h2:")) {
                return H2;
            }
            throw new IllegalStateException(URL_PROPERTY + "=" + url + " is not supported: the migrations and these "
                    + "tests are for jdbc:h2: and jdbc:postgresql: URLs");
        }

        String withSchema(String url, String schema) {
            return switch (this) {
                case H2_MEMORY -> url;
                case H2 -> url + ";SCHEMA=" + schema;
                case POSTGRESQL -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            };
        }
    }

    /** One test's unit of work: an EntityManager inside a transaction that is rolled back at the end. */
    public static final class TestTransaction implements AutoCloseable {
        private final EntityManager entityManager;

        private TestTransaction(EntityManager entityManager) {
            this.entityManager = requireNonNull(entityManager, "entityManager is null");
            entityManager.getTransaction().begin();
        }

        public EntityManager entityManager() {
            return entityManager;
        }

        /** Writes pending changes and forgets every loaded entity, so the next read comes from the database. */
        public void flushAndClear() {
            entityManager.flush();
            entityManager.clear();
        }

        @Override
        public void close() {
            try {
                if (entityManager.getTransaction().isActive()) {
                    entityManager.getTransaction().rollback();
                }
            }
            finally {
                entityManager.close();
            }
        }
    }
}
