package dev.kaiwa.security;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Builds a {@link TokenSigner} outside the container: sets what MicroProfile Config would inject and
 * loads the key the way the {@code @PostConstruct} does.
 */
public final class TestingTokenSigner {
    private TestingTokenSigner() {
    }

    /** A signer using {@code key}, configured inline as base64 like {@code kaiwa.token.signing-key}. */
    public static TokenSigner withKey(byte[] key, Clock clock) {
        return create(Optional.of(Base64.getEncoder().encodeToString(key)), Optional.empty(), false,
                Path.of("no-data-dir"), clock);
    }

    /** A signer that generates its key under {@code dataDir} on first use, as the embedded run does. */
    public static TokenSigner generatingUnder(Path dataDir, Clock clock) {
        return create(Optional.empty(), Optional.empty(), true, dataDir, clock);
    }

    static TokenSigner create(Optional<String> inlineKey, Optional<String> keyFile, boolean generateKeys, Path dataDir,
            Clock clock) {
        TokenSigner signer = new TokenSigner();
        signer.inlineKey = requireNonNull(inlineKey, "inlineKey is null");
        signer.keyFile = requireNonNull(keyFile, "keyFile is null");
        signer.generateKeys = generateKeys;
        signer.dataDir = requireNonNull(dataDir, "dataDir is null").toString();
        signer.clock = requireNonNull(clock, "clock is null");
        signer.loadKey();
        return signer;
    }
}
