package dev.kaiwa.adapter.crypto;

import dev.kaiwa.webhook.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the box that seals webhook secrets from {@code kaiwa.webhook.secret-keyset-file}, or from a keyset
 * generated under {@code kaiwa.data-dir} while {@code kaiwa.keys.generate} is on.
 */
@ApplicationScoped
public class SecretBoxProducer {
    @Inject
    @ConfigProperty(name = "kaiwa.webhook.secret-keyset-file")
    Optional<String> keysetFile;

    @Inject
    @ConfigProperty(name = "kaiwa.keys.generate", defaultValue = "true")
    boolean generateKeys;

    @Inject
    @ConfigProperty(name = "kaiwa.data-dir", defaultValue = "kaiwa-data")
    String dataDir;

    @Produces
    @ApplicationScoped
    SecretBox secretBox() {
        return new TinkSecretBox(TinkSecretBox.resolve(keysetFile, generateKeys, Path.of(dataDir)));
    }
}
