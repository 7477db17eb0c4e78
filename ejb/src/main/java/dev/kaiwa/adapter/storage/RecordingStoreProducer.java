package dev.kaiwa.adapter.storage;

import dev.kaiwa.storage.RecordingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the file-system recording store from configuration: the root directory ({@code kaiwa.storage.root},
 * by default {@code storage} under {@code kaiwa.data-dir}) and the keyset ({@code kaiwa.storage.keyset-file},
 * or generated under the data directory while {@code kaiwa.keys.generate} is on).
 */
@ApplicationScoped
public class RecordingStoreProducer {
    @Inject
    @ConfigProperty(name = "kaiwa.storage.root")
    Optional<String> root;

    @Inject
    @ConfigProperty(name = "kaiwa.storage.keyset-file")
    Optional<String> keysetFile;

    @Inject
    @ConfigProperty(name = "kaiwa.keys.generate", defaultValue = "true")
    boolean generateKeys;

    @Inject
    @ConfigProperty(name = "kaiwa.data-dir", defaultValue = "kaiwa-data")
    String dataDir;

    @Produces
    @ApplicationScoped
    RecordingStore recordingStore() {
        Path data = Path.of(dataDir);
        Path storageRoot = root.filter(value -> !value.isBlank()).map(value -> Path.of(value.strip()))
                .orElse(data.resolve("storage"));
        return new FileSystemRecordingStore(storageRoot, StorageKeysets.resolve(keysetFile, generateKeys, data));
    }
}
