package dev.kaiwa.adapter.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.kaiwa.security.KeyFiles;
import dev.kaiwa.webhook.SecretBox;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * {@link SecretBox} on Tink's AEAD (AES256-GCM): the stored form is {@code v1.} and the URL-safe base64 of the
 * ciphertext, with the context as associated data, so a sealed secret copied to another subscription does not
 * open. The keyset comes from a configured Tink JSON file or, in the embedded run, is generated on first start
 * under the data directory. Rotation is by keyset: add a key and make it primary; secrets sealed under older
 * keys keep opening while their key stays in the keyset.
 */
public final class TinkSecretBox implements SecretBox {
    static final String GENERATED_FILE = "webhook-secrets-keyset.json";
    private static final String VERSION = "v1.";
    private static final byte[] PURPOSE = "kaiwa-webhook-secret:".getBytes(UTF_8);

    static {
        try {
            AeadConfig.register();
        }
        catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead aead;

    public TinkSecretBox(KeysetHandle keyset) {
        requireNonNull(keyset, "keyset is null");
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The webhook secret keyset does not hold AEAD keys (e.g. AES256_GCM) "
                    + "with an enabled primary key", e);
        }
    }

    /** A box with a fresh keyset of its own (tests, tools). */
    public static TinkSecretBox withNewKeyset() {
        return new TinkSecretBox(parse(generate(), "a new keyset"));
    }

    /** The configured keyset file, or (when generation is on) the one generated under {@code dataDir}. */
    public static KeysetHandle resolve(Optional<String> keysetFile, boolean generate, Path dataDir) {
        if (keysetFile.isPresent() && !keysetFile.get().isBlank()) {
            Path file = Path.of(keysetFile.get().strip());
            return parse(new String(KeyFiles.read(file), UTF_8), file.toString());
        }
        if (!generate) {
            throw new IllegalStateException("No webhook secret keyset configured: set kaiwa.webhook.secret-keyset-file "
                    + "(a Tink JSON keyset of AEAD keys); generation is off (kaiwa.keys.generate=false)");
        }
        Path file = dataDir.resolve("keys").resolve(GENERATED_FILE);
        byte[] keyset = KeyFiles.readOrCreate(file, () -> generate().getBytes(UTF_8));
        return parse(new String(keyset, UTF_8), file.toString());
    }

    @Override
    public String seal(String secret, String context) {
        requireNonNull(secret, "secret is null");
        try {
            byte[] ciphertext = aead.encrypt(secret.getBytes(UTF_8), associatedData(context));
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    @Override
    public String open(String sealed, String context) {
        requireNonNull(sealed, "sealed is null");
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("the stored webhook secret of " + context + " is not sealed");
        }
        try {
            byte[] ciphertext = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
            return new String(aead.decrypt(ciphertext, associatedData(context)), UTF_8);
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored webhook secret of " + context + " does not open with this "
                    + "keyset (altered, copied from another subscription, or sealed under a removed key)", e);
        }
    }

    @Override
    public boolean isSealed(String stored) {
        return stored != null && stored.startsWith(VERSION);
    }

    private static byte[] associatedData(String context) {
        byte[] value = requireNonNull(context, "context is null").getBytes(UTF_8);
        byte[] data = new byte[PURPOSE.length + value.length];
        System.arraycopy(PURPOSE, 0, data, 0, PURPOSE.length);
        System.arraycopy(value, 0, data, PURPOSE.length, value.length);
        return data;
    }

    static String generate() {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a webhook secret keyset", e);
        }
    }

    static KeysetHandle parse(String json, String source) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Webhook secret keyset in " + source + " is not a Tink JSON keyset", e);
        }
    }
}
