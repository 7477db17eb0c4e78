package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the purge benchmark runs, from system properties (the {@code bench} profile of {@code liberty/pom.xml}
 * sets them all):
 * <ul>
 * <li>{@code kaiwa.base-url}, {@code kaiwa.test.keys.dir}, {@code kaiwa.server.dir}, {@code kaiwa.bench.output-dir}:
 * as for the other benchmarks</li>
 * <li>{@code kaiwa.bench.db.url}, {@code kaiwa.bench.db.user}, {@code kaiwa.bench.db.password}: the server's
 * database, which the benchmark fills and checks with JDBC</li>
 * <li>{@code kaiwa.bench.storage-dir}: the server's recording store ({@code <kaiwa.data-dir>/storage})</li>
 * <li>{@code kaiwa.bench.purge.recordings}: recordings seeded (default 100000)</li>
 * <li>{@code kaiwa.bench.purge.expired-percent}: how many of them are past their retention (default 50)</li>
 * <li>{@code kaiwa.bench.purge.warm-up}: recordings seeded and purged once before measuring, not counted
 * (default 1000)</li>
 * <li>{@code kaiwa.bench.purge.blob-bytes}: size of each recording's media file (default 1024)</li>
 * <li>{@code kaiwa.bench.purge.timeout}: how long a purge run may take (default PT60M)</li>
 * <li>{@code kaiwa.bench.server-settings}, {@code kaiwa.bench.database}: descriptions for the report</li>
 * </ul>
 */
record PurgeSettings(
        URI baseUrl,
        Path keysDirectory,
        Optional<Path> serverDirectory,
        Path outputDirectory,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        Path storageDirectory,
        int recordings,
        int expiredPercent,
        int warmUp,
        int blobBytes,
        Duration timeout,
        String serverSettings,
        String database) {
    /** Recordings per seeded call, as a call with many short recordings would have. */
    static final int RECORDINGS_PER_CALL = 100;

    PurgeSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(keysDirectory, "keysDirectory is null");
        requireNonNull(serverDirectory, "serverDirectory is null");
        requireNonNull(outputDirectory, "outputDirectory is null");
        requireNonNull(databaseUrl, "databaseUrl is null");
        requireNonNull(databaseUser, "databaseUser is null");
        requireNonNull(databasePassword, "databasePassword is null");
        requireNonNull(storageDirectory, "storageDirectory is null");
        if (recordings < 2 || warmUp < 0 || blobBytes < 1) {
            throw new IllegalArgumentException("at least 2 recordings, a warm-up not negative and blobs of 1 byte or more");
        }
        if (expiredPercent < 1 || expiredPercent > 99) {
            throw new IllegalArgumentException("expired-percent must be 1 to 99: " + expiredPercent);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        requireNonNull(serverSettings, "serverSettings is null");
        requireNonNull(database, "database is null");
    }

    static PurgeSettings fromSystemProperties() {
        return new PurgeSettings(
                BenchProperties.baseUrl(),
                BenchProperties.keysDirectory(),
                BenchProperties.serverDirectory(),
                BenchProperties.outputDirectory(),
                required("kaiwa.bench.db.url"),
                BenchProperties.text("kaiwa.bench.db.user", "kaiwa"),
                BenchProperties.text("kaiwa.bench.db.password", "kaiwa"),
                Path.of(required("kaiwa.bench.storage-dir")),
                BenchProperties.integer("kaiwa.bench.purge.recordings", 100_000),
                BenchProperties.integer("kaiwa.bench.purge.expired-percent", 50),
                BenchProperties.integer("kaiwa.bench.purge.warm-up", 1000),
                BenchProperties.integer("kaiwa.bench.purge.blob-bytes", 1024),
                BenchProperties.duration("kaiwa.bench.purge.timeout", Duration.ofMinutes(60)),
                BenchProperties.text("kaiwa.bench.server-settings", "not stated"),
                BenchProperties.text("kaiwa.bench.database", "not stated"));
    }

    /** How many of {@code count} seeded recordings are past their retention. */
    int expiredOf(int count) {
        return (int) ((long) count * expiredPercent / 100);
    }

    private static String required(String name) {
        String value = BenchProperties.text(name, "");
        if (value.isEmpty()) {
            throw new IllegalStateException("system property " + name + " is not set");
        }
        return value;
    }
}
