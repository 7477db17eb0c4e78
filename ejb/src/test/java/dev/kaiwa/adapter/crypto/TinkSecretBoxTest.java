package dev.kaiwa.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinkSecretBoxTest {
    private static final String SECRET = "whsec_0123456789abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path dataDir;

    @Test
    void sealedSecretOpensOnlyForItsOwnContext() {
        TinkSecretBox box = TinkSecretBox.withNewKeyset();

        String sealed = box.seal(SECRET, "webhook-1");

        assertThat(sealed).startsWith("v1.").doesNotContain(SECRET);
        assertThat(box.isSealed(sealed)).isTrue();
        assertThat(box.isSealed(SECRET)).isFalse();
        assertThat(box.seal(SECRET, "webhook-1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed, "webhook-1")).isEqualTo(SECRET);
        assertThatThrownBy(() -> box.open(sealed, "webhook-2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void alteredOrForeignCiphertextDoesNotOpen() {
        TinkSecretBox box = TinkSecretBox.withNewKeyset();
        String sealed = box.seal(SECRET, "webhook-1");
        char last = sealed.charAt(sealed.length() - 1);
        String altered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> box.open(altered, "webhook-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TinkSecretBox.withNewKeyset().open(sealed, "webhook-1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open(SECRET, "webhook-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not sealed");
    }

    @Test
    void generatedKeysetIsOwnerOnlyAndReused() throws Exception {
        TinkSecretBox first = new TinkSecretBox(TinkSecretBox.resolve(Optional.empty(), true, dataDir));
        String sealed = first.seal(SECRET, "webhook-1");
        TinkSecretBox second = new TinkSecretBox(TinkSecretBox.resolve(Optional.empty(), true, dataDir));

        Path file = dataDir.resolve("keys").resolve(TinkSecretBox.GENERATED_FILE);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(second.open(sealed, "webhook-1")).isEqualTo(SECRET);
    }

    @Test
    void configuredKeysetFileIsUsedAndAMissingOneIsAClearError() throws Exception {
        Path file = dataDir.resolve("secrets.json");
        Files.writeString(file, TinkSecretBox.generate());
        String sealed = new TinkSecretBox(TinkSecretBox.resolve(Optional.of(file.toString()), false, dataDir))
                .seal(SECRET, "webhook-1");

        assertThat(new TinkSecretBox(TinkSecretBox.resolve(Optional.of(file.toString()), false, dataDir))
                .open(sealed, "webhook-1")).isEqualTo(SECRET);
        assertThatThrownBy(() -> TinkSecretBox.resolve(Optional.empty(), false, dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kaiwa.webhook.secret-keyset-file");
    }
}
