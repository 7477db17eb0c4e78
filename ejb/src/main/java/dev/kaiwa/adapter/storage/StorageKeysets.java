package dev.kaiwa.adapter.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import dev.kaiwa.security.KeyFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Finds the keyset that encrypts stored recordings: a Tink JSON keyset of streaming AEAD keys from a
 * configured file, or (embedded run only) one generated on first start under the data directory and
 * reused. A production configuration turns generation off and so refuses to start without a keyset.
 * Rotation is by keyset: add a new key and make it primary (e.g. {@code tinkey rotate-keyset
 * --key-template AES256_GCM_HKDF_1MB}); new blobs use the primary key, older blobs keep decrypting as long
 * as their key stays in the keyset.
 */
public final class StorageKeysets {
    static final String GENERATED_FILE = "storage-keyset.json";

    static {
        try {
            StreamingAeadConfig.register();
        }
        catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StorageKeysets() {
    }

    public static KeysetHandle resolve(Optional<String> keysetFile, boolean generate, Path dataDir) {
        if (keysetFile.isPresent() && !keysetFile.get().isBlank()) {
            Path file = Path.of(keysetFile.get().strip());
            return parse(new String(KeyFiles.read(file), UTF_8), file.toString());
        }
        if (!generate) {
            throw new IllegalStateException("No storage keyset configured: set kaiwa.storage.keyset-file (a Tink JSON "
                    + "keyset of streaming AEAD keys); generation is off (kaiwa.keys.generate=false)");
        }
        Path file = dataDir.resolve("keys").resolve(GENERATED_FILE);
        byte[] keyset = KeyFiles.readOrCreate(file, () -> generate().getBytes(UTF_8));
        return parse(new String(keyset, UTF_8), file.toString());
    }

    /** A new keyset with one AES256-GCM-HKDF key of 1 MB segments, as Tink JSON (secret: keep it owner-only). */
    public static String generate() {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a storage keyset", e);
        }
    }

    /** Reads a Tink JSON keyset and checks that it makes a streaming AEAD. */
    public static KeysetHandle parse(String json, String source) {
        KeysetHandle keyset;
        try {
            keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Storage keyset in " + source + " is not a Tink JSON keyset", e);
        }
        streamingAead(keyset, source);
        return keyset;
    }

    static StreamingAead streamingAead(KeysetHandle keyset, String source) {
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Storage keyset in " + source + " does not hold streaming AEAD keys "
                    + "(e.g. AES256_GCM_HKDF_1MB) with an enabled primary key", e);
        }
    }
}
