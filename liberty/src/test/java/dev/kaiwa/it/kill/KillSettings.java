package dev.kaiwa.it.kill;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the build passes to the kill test in system properties: the Liberty runtime and the assembled server to copy
 * ({@code kaiwa.test.kill.wlp-home}, {@code kaiwa.server.dir}), the copy's name and ports
 * ({@code kaiwa.test.kill.server.name}, {@code .http.port}, {@code .https.port}), its working directory
 * ({@code kaiwa.test.kill.dir}) and its database ({@code kaiwa.test.kill.db.kind}, {@code .url}, {@code .user},
 * {@code .password}, and {@code .schema} on PostgreSQL).
 */
record KillSettings(Path wlpHome, Path sourceServer, String serverName, int httpPort, int httpsPort, Path directory,
        Path keysDirectory, String databaseKind, String databaseUrl, String databaseUser, String databasePassword,
        Optional<String> databaseSchema) {

    static KillSettings fromSystemProperties() {
        return new KillSettings(
                Path.of(required("kaiwa.test.kill.wlp-home")).toAbsolutePath(),
                Path.of(required("kaiwa.server.dir")).toAbsolutePath(),
                required("kaiwa.test.kill.server.name"),
                Integer.parseInt(required("kaiwa.test.kill.http.port")),
                Integer.parseInt(required("kaiwa.test.kill.https.port")),
                Path.of(required("kaiwa.test.kill.dir")).toAbsolutePath(),
                Path.of(required("kaiwa.test.keys.dir")).toAbsolutePath(),
                required("kaiwa.test.kill.db.kind"),
                required("kaiwa.test.kill.db.url"),
                required("kaiwa.test.kill.db.user"),
                System.getProperty("kaiwa.test.kill.db.password", ""),
                Optional.ofNullable(System.getProperty("kaiwa.test.kill.db.schema")).filter(value -> !value.isBlank()));
    }

    /** The server's data directory: the embedded database, generated keys, the storage root. */
    Path dataDirectory() {
        return directory.resolve("data");
    }

    /** Where the server stores recording blobs ({@code kaiwa.storage.root}). */
    Path storageRoot() {
        return dataDirectory().resolve("storage");
    }

    URI baseUrl() {
        return URI.create("http://localhost:" + httpPort);
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven (verify)");
        }
        return value;
    }
}
