package dev.kaiwa.security;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kaiwa.shared.FakeClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenKeysTest {
    @TempDir
    Path dataDir;

    private final byte[] key = randomKey(32);

    @Test
    void inlineBase64KeyIsUsed() {
        byte[] resolved = TokenKeys.resolve(Optional.of(Base64.getEncoder().encodeToString(key)), Optional.empty(), false,
                dataDir);

        assertThat(resolved).isEqualTo(key);
    }

    @Test
    void inlineUrlSafeBase64KeyWithSurroundingSpaceIsUsed() {
        String inline = "  " + Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n";

        assertThat(TokenKeys.resolve(Optional.of(inline), Optional.empty(), false, dataDir)).isEqualTo(key);
    }

    @Test
    void keyFileIsRead() throws IOException {
        Path file = Files.writeString(dataDir.resolve("signing.key"), Base64.getEncoder().encodeToString(key) + "\n");

        byte[] resolved = TokenKeys.resolve(Optional.empty(), Optional.of(file.toString()), false, dataDir);

        assertThat(resolved).isEqualTo(key);
    }

    @Test
    void inlineKeyWinsOverKeyFile() throws IOException {
        Path file = Files.writeString(dataDir.resolve("signing.key"), Base64.getEncoder().encodeToString(randomKey(32)));

        byte[] resolved = TokenKeys.resolve(Optional.of(Base64.getEncoder().encodeToString(key)),
                Optional.of(file.toString()), false, dataDir);

        assertThat(resolved).isEqualTo(key);
    }

    @Test
    void inlineKeyShorterThan32BytesIsRefused() {
        String shortKey = Base64.getEncoder().encodeToString(randomKey(31));

        assertThatThrownBy(() -> TokenKeys.resolve(Optional.of(shortKey), Optional.empty(), true, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kaiwa.token.signing-key")
                .hasMessageContaining("shorter than 32 bytes");
    }

    @Test
    void keyFileShorterThan32BytesIsRefused() throws IOException {
        Path file = Files.writeString(dataDir.resolve("short.key"), Base64.getEncoder().encodeToString(randomKey(16)));

        assertThatThrownBy(() -> TokenKeys.resolve(Optional.empty(), Optional.of(file.toString()), true, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("shorter than 32 bytes");
    }

    @Test
    void keyThatIsNotBase64IsRefused() {
        assertThatThrownBy(() -> TokenKeys.resolve(Optional.of("not base64 at all!"), Optional.empty(), false, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not base64");
    }

    @Test
    void missingKeyFileFailsNamingTheFile() {
        Path missing = dataDir.resolve("absent.key");

        assertThatThrownBy(() -> TokenKeys.resolve(Optional.empty(), Optional.of(missing.toString()), true, dataDir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void generatedKeyIsWrittenOwnerOnlyUnderTheDataDirectory() throws IOException {
        byte[] generated = TokenKeys.resolve(Optional.empty(), Optional.empty(), true, dataDir);

        Path file = dataDir.resolve("keys").resolve(TokenKeys.GENERATED_FILE);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(TokenKeys.MINIMUM_KEY_BYTES);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(file.getParent())).isEqualTo("rwx------");
        assertThat(Base64.getUrlDecoder().decode(Files.readString(file, US_ASCII).strip())).isEqualTo(generated);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file is left behind").containsExactly(file);
        }
    }

    @Test
    void generatedKeyIsReusedOnTheNextStart() throws IOException {
        byte[] first = TokenKeys.resolve(Optional.empty(), Optional.empty(), true, dataDir);
        Path file = dataDir.resolve("keys").resolve(TokenKeys.GENERATED_FILE);
        String stored = Files.readString(file, US_ASCII);

        byte[] second = TokenKeys.resolve(Optional.of(""), Optional.of(" "), true, dataDir);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(file, US_ASCII)).isEqualTo(stored);
    }

    @Test
    void withoutKeyAndWithGenerationOffStartIsRefusedNamingTheSettings() throws IOException {
        assertThatThrownBy(() -> TokenKeys.resolve(Optional.empty(), Optional.empty(), false, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kaiwa.token.signing-key ")
                .hasMessageContaining("kaiwa.token.signing-key-file")
                .hasMessageContaining("kaiwa.keys.generate");
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("nothing is generated").isEmpty();
        }
    }

    @Test
    void signersOnTheSameDataDirectoryShareTheGeneratedKey() {
        FakeClock clock = new FakeClock(Instant.parse("2026-03-02T09:00:00Z"));
        TokenSigner first = TestingTokenSigner.generatingUnder(dataDir, clock);
        TokenSigner restarted = TestingTokenSigner.generatingUnder(dataDir, clock);
        SignedClaims claims = new SignedClaims(TokenPurpose.INVITE, "call", "invite", clock.instant().plusSeconds(60));

        assertThat(restarted.verify(first.sign(claims), TokenPurpose.INVITE)).contains(claims);
    }

    /** The file's permissions as in {@code ls -l}; owner-only key files are a POSIX notion. */
    private static String permissions(Path file) throws IOException {
        assertThat(file.getFileSystem().supportedFileAttributeViews())
                .as("checking owner-only key files needs a file system with POSIX permissions").contains("posix");
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static byte[] randomKey(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }
}
