package dev.kaiwa.shared;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the migrations without Flyway's scanner, from the {@code sql} jar (as in the EAR's lib/)
 * and from a directory (as in a build's target/classes).
 */
class MigrationResourcesTest {
    @TempDir
    Path directory;

    @Test
    void migrationsAreListedFromAJarInAPathWithSpaces() throws IOException {
        Path jar = Files.createDirectories(directory.resolve("lib dir")).resolve("kaiwa-sql.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "db/migration/", null);
            add(out, "db/migration/V002__add_recording.sql", "CREATE TABLE b (id INT);");
            add(out, "db/migration/V001__create_call.sql", "CREATE TABLE a (id INT);");
            add(out, "db/migration/nested/V900__ignored.sql", "-- not a migration of this directory");
            add(out, "other/V003__elsewhere.sql", "-- not a migration");
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertListsBothMigrations(loader);
        }
    }

    @Test
    void migrationsAreListedFromADirectory() throws IOException {
        Path migrations = Files.createDirectories(directory.resolve("classes dir/db/migration"));
        Files.writeString(migrations.resolve("V001__create_call.sql"), "CREATE TABLE a (id INT);");
        Files.writeString(migrations.resolve("V002__add_recording.sql"), "CREATE TABLE b (id INT);");
        Files.createDirectories(migrations.resolve("nested"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.resolve("classes dir").toUri().toURL()},
                null)) {
            assertListsBothMigrations(loader);
        }
    }

    @Test
    void withoutTheFirstMigrationOnTheClassPathItFailsSayingSo() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> new MigrationResources(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(MigrationResources.ANCHOR);
        }
    }

    private static void assertListsBothMigrations(ClassLoader loader) throws IOException {
        MigrationResources resources = new MigrationResources(loader);

        assertThat(MigrationResources.list(loader)).containsExactly("V001__create_call.sql", "V002__add_recording.sql");
        assertThat(resources.getResources("V", new String[] {".sql"}))
                .extracting(LoadableResource::getFilename)
                .containsExactly("V001__create_call.sql", "V002__add_recording.sql");
        assertThat(resources.getResources("R", new String[] {".sql"})).isEmpty();
        assertThat(resources.getResource("db/migration/V900__ignored.sql")).isNull();
        LoadableResource second = resources.getResource("db/migration/V002__add_recording.sql");
        try (Reader reader = second.read(); BufferedReader lines = new BufferedReader(reader)) {
            assertThat(lines.readLine()).isEqualTo("CREATE TABLE b (id INT);");
        }
    }

    private static void add(JarOutputStream jar, String name, String content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        if (content != null) {
            jar.write(content.getBytes(UTF_8));
        }
        jar.closeEntry();
    }
}
