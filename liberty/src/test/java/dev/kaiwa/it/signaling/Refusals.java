package dev.kaiwa.it.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Set;

/** How the server turns a socket away: one {@code error} with the reason, then close 1008. */
public final class Refusals {
    private static final Set<String> ADMITTING = Set.of("welcome", "peer-joined", "waiting");

    private Refusals() {
    }

    /**
     * The socket got {@code error} with one of the codes (several where the contract allows either)
     * and was closed 1008, without ever being let into the room.
     */
    public static void assertRefused(SignalingClient socket, String... codes) {
        JsonObject error = socket.await("error");
        assertThat(error.getString("code", null)).as("code of %s", error).isIn((Object[]) codes);
        CloseStatus status = socket.awaitClose();
        assertThat(status.code()).as("close status of %s", socket).isEqualTo(CloseStatus.POLICY_VIOLATION);
        assertThat(socket.received()).as("messages of a refused socket")
                .noneMatch(message -> ADMITTING.contains(message.getString("type", "")));
    }
}
