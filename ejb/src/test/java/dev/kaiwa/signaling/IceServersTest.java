package dev.kaiwa.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IceServersTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void credentialIsTheBase64HmacSha1OfTheUsername() {
        // HMAC-SHA1 test vector: key "key", message "The quick brown fox jumps over the lazy dog".
        assertThat(IceServers.credential("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("3nybhbi3iqa8ino29wqQcBydtNk=");
    }

    @Test
    void turnUsernameIsTheExpiryInUnixSecondsAndTheParticipant() {
        IceServers servers = new IceServers("", "turn:127.0.0.1:3478?transport=udp", "coturn-static-auth-secret",
                Duration.ofHours(1));

        JsonObject turn = servers.forParticipant("alice", NOW).getJsonObject(0);

        assertThat(turn.getString("username")).isEqualTo("1772445600:alice");
        assertThat(turn.getString("credential")).isEqualTo("euPHlREoZz8YePmRXTiVkd6heUI=");
    }

    @Test
    void commaListsBecomeOneServerEachForStunAndTurn() {
        IceServers servers = new IceServers(" stun:a.example.com:3478 , stun:b.example.com:3478 ",
                "turn:t.example.com:3478?transport=udp,turns:t.example.com:5349", "secret", Duration.ofMinutes(5));

        JsonArray list = servers.forParticipant("alice", NOW);

        assertThat(list).hasSize(2);
        assertThat(list.getJsonObject(0).getJsonArray("urls").getValuesAs(JsonString::getString))
                .containsExactly("stun:a.example.com:3478", "stun:b.example.com:3478");
        assertThat(list.getJsonObject(1).getJsonArray("urls").getValuesAs(JsonString::getString))
                .containsExactly("turn:t.example.com:3478?transport=udp", "turns:t.example.com:5349");
    }

    @Test
    void nothingConfiguredMeansNoIceServers() {
        IceServers servers = new IceServers(" ", " ", "", Duration.ofHours(1));

        assertThat(servers.forParticipant("alice", NOW)).isEmpty();
    }

    @Test
    void turnWithoutASecretIsAConfigurationError() {
        assertThatThrownBy(() -> new IceServers("", "turn:t.example.com:3478", "", Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kaiwa.ice.turn-secret");
    }
}
