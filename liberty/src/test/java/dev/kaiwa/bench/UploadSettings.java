package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the upload benchmark runs, from system properties (the {@code bench} profile of {@code liberty/pom.xml}
 * sets them all):
 * <ul>
 * <li>{@code kaiwa.base-url}, {@code kaiwa.test.keys.dir}, {@code kaiwa.server.dir}, {@code kaiwa.bench.output-dir}:
 * as for the other benchmarks</li>
 * <li>{@code kaiwa.bench.storage-dir}: the server's recording store; the direct disk writes go next to it, on
 * the same file system</li>
 * <li>{@code kaiwa.bench.upload.sizes-mib}: recording sizes in MiB, comma-separated (default 8,64)</li>
 * <li>{@code kaiwa.bench.upload.chunk-kib}: chunk size in KiB (default 1024)</li>
 * <li>{@code kaiwa.bench.upload.repetitions}: measured recordings per size (default 3)</li>
 * <li>{@code kaiwa.bench.upload.warm-up}: recordings of the first size before measuring, not counted (default 1)</li>
 * <li>{@code kaiwa.bench.upload.ready-timeout}: how long finalization may take (default PT5M)</li>
 * <li>{@code kaiwa.bench.server-settings}, {@code kaiwa.bench.database}: descriptions for the report</li>
 * </ul>
 */
record UploadSettings(
        URI baseUrl,
        Path keysDirectory,
        Optional<Path> serverDirectory,
        Path outputDirectory,
        Path storageDirectory,
        List<Integer> sizesMebibytes,
        int chunkKibibytes,
        int repetitions,
        int warmUp,
        Duration readyTimeout,
        String serverSettings,
        String database) {
    UploadSettings {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(keysDirectory, "keysDirectory is null");
        requireNonNull(serverDirectory, "serverDirectory is null");
        requireNonNull(outputDirectory, "outputDirectory is null");
        requireNonNull(storageDirectory, "storageDirectory is null");
        sizesMebibytes = List.copyOf(sizesMebibytes);
        if (sizesMebibytes.isEmpty() || sizesMebibytes.stream().anyMatch(size -> size < 1 || size > 1024)) {
            throw new IllegalArgumentException("sizes must be 1 to 1024 MiB: " + sizesMebibytes);
        }
        if (chunkKibibytes < 1 || chunkKibibytes > 16 * 1024) {
            throw new IllegalArgumentException("chunks must be 1 KiB to 16 MiB (the server's default limit): "
                    + chunkKibibytes);
        }
        if (repetitions < 1 || warmUp < 0) {
            throw new IllegalArgumentException("repetitions must be positive and the warm-up not negative");
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("the ready timeout must be positive: " + readyTimeout);
        }
        requireNonNull(serverSettings, "serverSettings is null");
        requireNonNull(database, "database is null");
    }

    static UploadSettings fromSystemProperties() {
        String storage = BenchProperties.text("kaiwa.bench.storage-dir", "");
        if (storage.isEmpty()) {
            throw new IllegalStateException("system property kaiwa.bench.storage-dir is not set");
        }
        return new UploadSettings(
                BenchProperties.baseUrl(),
                BenchProperties.keysDirectory(),
                BenchProperties.serverDirectory(),
                BenchProperties.outputDirectory(),
                Path.of(storage),
                BenchProperties.positiveIntegers("kaiwa.bench.upload.sizes-mib", "8,64"),
                BenchProperties.integer("kaiwa.bench.upload.chunk-kib", 1024),
                BenchProperties.integer("kaiwa.bench.upload.repetitions", 3),
                BenchProperties.integer("kaiwa.bench.upload.warm-up", 1),
                BenchProperties.duration("kaiwa.bench.upload.ready-timeout", Duration.ofMinutes(5)),
                BenchProperties.text("kaiwa.bench.server-settings", "not stated"),
                BenchProperties.text("kaiwa.bench.database", "not stated"));
    }

    int chunkBytes() {
        return chunkKibibytes * 1024;
    }

    /** Where the direct disk writes go: a folder next to the store, on the same file system. */
    Path diskDirectory() {
        Path parent = storageDirectory.toAbsolutePath().getParent();
        return (parent == null ? storageDirectory : parent).resolve("bench-disk-writes");
    }
}
