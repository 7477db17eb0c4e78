package dev.kaiwa.shared;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;
import java.util.logging.Logger;
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
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/kaiwa")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        ClassLoader classLoader = SchemaMigration.class.getClassLoader();
        MigrateResult result = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .resourceProvider(new MigrationResources(classLoader))
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }
}
