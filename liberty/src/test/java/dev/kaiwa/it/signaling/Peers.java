package dev.kaiwa.it.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.function.Predicate;

/** Assertions on the Peer objects of signaling messages and conditions for waiting on them. */
public final class Peers {
    private static final List<String> MEDIA_FLAGS = List.of("audio", "video", "screen", "hand");

    private Peers() {
    }

    /** A Peer with this id, name, role and status, and a media object of four booleans. */
    public static void assertPeer(JsonObject peer, String id, String displayName, String role, String status) {
        assertThat(peer.getString("id", null)).as("id of %s", peer).isEqualTo(id);
        assertThat(peer.getString("displayName", null)).as("displayName of %s", peer).isEqualTo(displayName);
        assertThat(peer.getString("role", null)).as("role of %s", peer).isEqualTo(role);
        assertThat(peer.getString("status", null)).as("status of %s", peer).isEqualTo(status);
        assertMedia(peer);
    }

    /** The peer's media object has exactly the four flags, each a boolean. */
    public static void assertMedia(JsonObject peer) {
        JsonValue media = peer.get("media");
        assertThat(media).as("media of %s", peer).isNotNull();
        assertThat(media.getValueType()).as("media of %s", peer).isEqualTo(JsonValue.ValueType.OBJECT);
        assertThat(media.asJsonObject().keySet()).as("media flags of %s", peer)
                .containsExactlyInAnyOrderElementsOf(MEDIA_FLAGS);
        for (String flag : MEDIA_FLAGS) {
            assertThat(media.asJsonObject().get(flag).getValueType()).as("%s of %s", flag, peer)
                    .isIn(JsonValue.ValueType.TRUE, JsonValue.ValueType.FALSE);
        }
    }

    /** One media flag of the peer. */
    public static boolean flag(JsonObject peer, String flag) {
        return peer.getJsonObject("media").getBoolean(flag);
    }

    /** A {@code peer-updated} message about the participant whose peer satisfies {@code condition}. */
    public static Predicate<JsonObject> peerUpdated(String participantId, Predicate<JsonObject> condition) {
        return message -> "peer-updated".equals(message.getString("type", null))
                && message.get("peer") instanceof JsonObject peer
                && participantId.equals(peer.getString("id", null))
                && condition.test(peer);
    }

    /** A {@code peer-updated} message about the participant, whatever it says. */
    public static Predicate<JsonObject> peerUpdated(String participantId) {
        return peerUpdated(participantId, peer -> true);
    }

    /** A {@code peer-updated} message saying the participant has this status. */
    public static Predicate<JsonObject> peerUpdatedWithStatus(String participantId, String status) {
        return peerUpdated(participantId, peer -> status.equals(peer.getString("status", null)));
    }

    /** A {@code peer-updated} message saying the participant's media flag has this value. */
    public static Predicate<JsonObject> peerUpdatedWithFlag(String participantId, String flag, boolean value) {
        return peerUpdated(participantId, peer -> peer.get("media") instanceof JsonObject media
                && media.get(flag) != null
                && media.get(flag).getValueType() == (value ? JsonValue.ValueType.TRUE : JsonValue.ValueType.FALSE));
    }

    /** A {@code peer-joined} message about the participant. */
    public static Predicate<JsonObject> peerJoined(String participantId) {
        return message -> "peer-joined".equals(message.getString("type", null))
                && message.get("peer") instanceof JsonObject peer
                && participantId.equals(peer.getString("id", null));
    }

    /** A {@code peer-left} message about the participant, whatever the reason. */
    public static Predicate<JsonObject> peerLeft(String participantId) {
        return message -> "peer-left".equals(message.getString("type", null))
                && participantId.equals(message.getString("participantId", null));
    }

    /** The ids of the peers of a welcome. */
    public static List<String> peerIds(JsonObject welcome) {
        return welcome.getJsonArray("peers").getValuesAs(JsonObject.class).stream()
                .map(peer -> peer.getString("id"))
                .toList();
    }
}
