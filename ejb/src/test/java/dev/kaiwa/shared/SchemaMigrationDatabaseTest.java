package dev.kaiwa.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrations of the {@code sql} module, applied through the server's own Flyway set-up. */
class SchemaMigrationDatabaseTest {
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void migrationCreatesEveryTable() throws SQLException {
        MigrateResult result = database.migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isPositive().isEqualTo(database.flyway().info().all().length);
        assertThat(tables()).contains("kw_call", "kw_participant", "kw_invite", "kw_signaling_ticket", "kw_call_event",
                "flyway_schema_history");
    }

    @Test
    void secondMigrationAppliesNothing() {
        database.migrate();

        MigrateResult again = database.migrate();

        assertThat(again.migrationsExecuted).isZero();
        Flyway flyway = database.flyway();
        flyway.validate();
        assertThat(flyway.info().all()).isNotEmpty()
                .allSatisfy(migration -> assertThat(migration.getState()).isEqualTo(MigrationState.SUCCESS));
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void migrationsAreVersionedSqlScriptsStartingWithTheCallTables() {
        MigrationInfo[] migrations = database.flyway().info().all();

        assertThat(migrations).isNotEmpty();
        assertThat(migrations[0].getScript()).isEqualTo("V001__create_call.sql");
        assertThat(migrations).allSatisfy(
                migration -> assertThat(migration.getScript()).matches("V\\d{3}(_\\d+)?__[a-z0-9_]+\\.sql"));
    }

    @Test
    void migrationLocationsCarryTheMarkersLibertyNeedsToListThem() {
        ClassLoader classLoader = SchemaMigration.class.getClassLoader();

        assertThat(classLoader.getResource("db/migration/flyway.location")).as("db/migration/flyway.location").isNotNull();
        assertThat(classLoader.getResource("db/callback/flyway.location")).as("db/callback/flyway.location").isNotNull();
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect()) {
            DatabaseMetaData metaData = connection.getMetaData();
            try (ResultSet rows = metaData.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }
}
