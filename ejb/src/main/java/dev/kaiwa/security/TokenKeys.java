package dev.kaiwa.security;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.kaiwa.shared.RandomIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the secret that signs invite and participant tokens: configured inline, configured as a
 * file, or (embedded run only) generated on first start under the data directory and reused.
 * A production configuration turns generation off and so refuses to start without a key.
 */
public final class TokenKeys {
    /** HMAC-SHA256 keys must carry at least 256 bits. */
    static final int MINIMUM_KEY_BYTES = 32;
    static final String GENERATED_FILE = "token-signing.key";

    private TokenKeys() {
    }

    public static byte[] resolve(Optional<String> inlineKey, Optional<String> keyFile, boolean generate, Path dataDir) {
        if (inlineKey.isPresent() && !inlineKey.get().isBlank()) {
            return checked(decode(inlineKey.get(), "kaiwa.token.signing-key"), "kaiwa.token.signing-key");
        }
        if (keyFile.isPresent() && !keyFile.get().isBlank()) {
            Path file = Path.of(keyFile.get());
            return checked(decode(new String(KeyFiles.read(file), US_ASCII).strip(), file.toString()), file.toString());
        }
        if (!generate) {
            throw new IllegalStateException("No token signing key configured: set kaiwa.token.signing-key "
                    + "(base64, at least 32 bytes) or kaiwa.token.signing-key-file; generation is off (kaiwa.keys.generate=false)");
        }
        Path file = dataDir.resolve("keys").resolve(GENERATED_FILE);
        if (!Files.exists(file)) {
            KeyFiles.createOwnerOnly(file, RandomIds.randomToken(MINIMUM_KEY_BYTES).getBytes(US_ASCII));
        }
        String stored = new String(KeyFiles.read(file), US_ASCII).strip();
        return checked(Base64.getUrlDecoder().decode(stored), file.toString());
    }

    private static byte[] decode(String value, String source) {
        try {
            return Base64.getDecoder().decode(value.strip());
        }
        catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(value.strip());
            }
            catch (IllegalArgumentException again) {
                throw new IllegalStateException("Token signing key in " + source + " is not base64");
            }
        }
    }

    private static byte[] checked(byte[] key, String source) {
        if (key.length < MINIMUM_KEY_BYTES) {
            throw new IllegalStateException("Token signing key in " + source + " is shorter than "
                    + MINIMUM_KEY_BYTES + " bytes");
        }
        return key;
    }
}
