package dev.kaiwa.shared;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Lists the SQL migrations for Flyway without its class-path scanner, which finds nothing in an
 * EAR library on Liberty. The migrations are found next to the first one, which never goes away
 * (migrations are forward-only), whether that is inside a jar or in a directory.
 */
final class MigrationResources implements ResourceProvider {
    static final String DIRECTORY = "db/migration/";
    static final String ANCHOR = DIRECTORY + "V001__create_call.sql";

    private final ClassLoader classLoader;
    private final List<String> names;

    MigrationResources(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.names = list(classLoader);
    }

    /** File names (without directory) of every migration, sorted. */
    static List<String> list(ClassLoader classLoader) {
        URL anchor = classLoader.getResource(ANCHOR);
        if (anchor == null) {
            throw new IllegalStateException("Migrations not found: " + ANCHOR + " is not on the class path");
        }
        String url = anchor.toString();
        TreeSet<String> found = new TreeSet<>();
        try {
            int separator = url.indexOf("!/");
            if (separator >= 0) {
                String jarPath = url.substring(url.indexOf("file:"), separator);
                try (JarFile jar = new JarFile(Path.of(new URL(jarPath).toURI()).toFile())) {
                    jar.stream()
                            .map(entry -> entry.getName())
                            .filter(name -> name.startsWith(DIRECTORY) && name.length() > DIRECTORY.length()
                                    && name.indexOf('/', DIRECTORY.length()) < 0)
                            .forEach(name -> found.add(name.substring(DIRECTORY.length())));
                }
            }
            else {
                Path directory = Path.of(anchor.toURI()).getParent();
                try (Stream<Path> files = Files.list(directory)) {
                    files.filter(Files::isRegularFile).forEach(file -> found.add(file.getFileName().toString()));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list migrations next to " + url, e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot list migrations next to " + url, e);
        }
        return List.copyOf(found);
    }

    @Override
    public LoadableResource getResource(String name) {
        String fileName = name.startsWith(DIRECTORY) ? name.substring(DIRECTORY.length()) : name;
        return names.contains(fileName) ? new Migration(fileName) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> resources = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith)) {
                resources.add(new Migration(name));
            }
        }
        return resources;
    }

    private final class Migration extends LoadableResource {
        private final String fileName;

        Migration(String fileName) {
            this.fileName = fileName;
        }

        @Override
        public Reader read() {
            InputStream stream = classLoader.getResourceAsStream(DIRECTORY + fileName);
            if (stream == null) {
                throw new IllegalStateException("Migration disappeared: " + fileName);
            }
            return new InputStreamReader(stream, UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return DIRECTORY + fileName;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return DIRECTORY + fileName;
        }

        @Override
        public String getFilename() {
            return fileName;
        }

        @Override
        public String getRelativePath() {
            return fileName;
        }
    }
}
