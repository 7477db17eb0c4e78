package dev.kaiwa.shared;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date with the migrations in the {@code sql} module before
 * anything else touches the database. Flyway manages its own transactions, so this bean does not
 * run in a container transaction.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {
    public static final String LOCATION = "classpath:db/migration";
    /** Migrations for one database only, under the database's name (h2, postgresql). */
    public static final String VENDOR_LOCATION = "classpath:db/vendor/";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/kaiwa")
    DataSource dataSource;

    /**
     * Flyway on the migrations of the {@code sql} module. Liberty's class loaders list a jar directory
     * only when it holds a {@code flyway.location} marker, which that module ships.
     */
    public static Flyway flyway(DataSource dataSource, ClassLoader classLoader) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(LOCATION, VENDOR_LOCATION + vendor(dataSource))
                // Features developed side by side got lower version numbers than ones released before them.
                .outOfOrder(true)
                .load();
    }

    /** The database's name as the vendor folders spell it: "h2", "postgresql". */
    static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).replace(" ", "");
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's product name", e);
        }
    }

    @PostConstruct
    void migrate() {
        MigrateResult result = flyway(dataSource, SchemaMigration.class.getClassLoader()).migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
