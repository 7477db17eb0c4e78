package dev.kaiwa.security;

import dev.kaiwa.storage.RecordingStore;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the signing keys and the storage keyset at start-up, so a server without keys (production,
 * generation off) fails to start instead of failing on the first join or upload; creates the dev token
 * key pair when dev tokens are on.
 */
@Singleton
@Startup
public class KeyCheck {
    @Inject
    TokenSigner tokenSigner;

    @Inject
    DevTokenIssuer devTokenIssuer;

    @Inject
    RecordingStore recordingStore;

    @Inject
    @ConfigProperty(name = "kaiwa.dev.tokens", defaultValue = "false")
    boolean devTokens;

    @PostConstruct
    void loadKeys() {
        tokenSigner.verify("", TokenPurpose.PARTICIPANT);
        recordingStore.checkAvailable();
        if (devTokens) {
            devTokenIssuer.ensureKeys();
        }
    }
}
