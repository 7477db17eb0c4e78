package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.signaling.Peers.flag;
import static dev.kaiwa.it.signaling.Peers.peerUpdatedWithFlag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Microphone, camera, screen and raised hand: a change is stored, shown to everyone in the room,
 * the sender included, and recorded in the call's events.
 */
class MediaIT {
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    private final Kaiwa kaiwa = new Kaiwa();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final Sockets sockets = new Sockets();
    private final Signaling signaling = new Signaling(kaiwa, sockets);

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void mediaChangeReachesEveryoneAndIsStored() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId);
        JsonObject before = aiko.welcome().getJsonObject("you");
        boolean audio = !flag(before, "audio");
        boolean video = !flag(before, "video");

        aiko.send(Messages.media(audio, video, null));

        for (ConnectedParticipant everyone : List.of(aiko, hostInRoom, ken)) {
            JsonObject peer = everyone.socket().awaitMatching("Aiko's new media",
                    peerUpdatedWithFlag(aiko.id(), "audio", audio).and(peerUpdatedWithFlag(aiko.id(), "video", video)))
                    .getJsonObject("peer");
            Peers.assertPeer(peer, aiko.id(), aiko.displayName(), "PARTICIPANT", "CONNECTED");
            assertThat(flag(peer, "screen")).isEqualTo(flag(before, "screen"));
            assertThat(flag(peer, "hand")).isEqualTo(flag(before, "hand"));
        }
        JsonObject media = kaiwa.participant(host, callId, aiko.id()).getJsonObject("media");
        assertThat(media.getBoolean("audio")).isEqualTo(audio);
        assertThat(media.getBoolean("video")).isEqualTo(video);
        awaitEvent(callId, aiko.id(), "MEDIA_CHANGED");
    }

    @Test
    void partialMediaChangeKeepsTheOtherFlags() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        JsonObject before = aiko.welcome().getJsonObject("you");

        aiko.send(Messages.media(null, null, true));

        JsonObject peer = hostInRoom.socket().awaitMatching("Aiko sharing her screen",
                peerUpdatedWithFlag(aiko.id(), "screen", true)).getJsonObject("peer");
        assertThat(flag(peer, "audio")).isEqualTo(flag(before, "audio"));
        assertThat(flag(peer, "video")).isEqualTo(flag(before, "video"));
        JsonObject media = kaiwa.participant(host, callId, aiko.id()).getJsonObject("media");
        assertThat(media.getBoolean("screen")).isTrue();
        assertThat(media.getBoolean("audio")).isEqualTo(flag(before, "audio"));
        assertThat(media.getBoolean("video")).isEqualTo(flag(before, "video"));
    }

    @Test
    void raisedHandReachesEveryoneAndIsStored() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.send(Messages.hand(true));

        for (ConnectedParticipant everyone : List.of(aiko, hostInRoom)) {
            everyone.socket().awaitMatching("Aiko's raised hand", peerUpdatedWithFlag(aiko.id(), "hand", true));
        }
        assertThat(kaiwa.participant(host, callId, aiko.id()).getJsonObject("media").getBoolean("hand")).isTrue();
        // The contract names the hand's event either way.
        awaitEvent(callId, aiko.id(), "HAND_CHANGED", "MEDIA_CHANGED");
    }

    @Test
    void loweredHandReachesEveryoneAndIsStored() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        aiko.send(Messages.hand(true));
        hostInRoom.socket().awaitMatching("Aiko's raised hand", peerUpdatedWithFlag(aiko.id(), "hand", true));

        aiko.send(Messages.hand(false));

        hostInRoom.socket().awaitMatching("Aiko's lowered hand", peerUpdatedWithFlag(aiko.id(), "hand", false));
        assertThat(kaiwa.participant(host, callId, aiko.id()).getJsonObject("media").getBoolean("hand")).isFalse();
    }

    @Test
    void newcomerSeesThePeersCurrentMedia() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        hostInRoom.send(Messages.media(false, true, true));
        hostInRoom.send(Messages.hand(true));
        hostInRoom.socket().awaitMatching("the host's raised hand",
                peerUpdatedWithFlag(hostInRoom.id(), "hand", true));

        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        JsonObject peer = aiko.welcome().getJsonArray("peers").getJsonObject(0);
        assertThat(peer.getString("id")).isEqualTo(hostInRoom.id());
        assertThat(peer.getJsonObject("media")).isEqualTo(Json.createObjectBuilder()
                .add("audio", false).add("video", true).add("screen", true).add("hand", true).build());
    }

    /** Waits for an event of the participant of one of the types: events may be written after the broadcast. */
    private void awaitEvent(String callId, String participantId, String... typesAllowed) {
        List<String> types = List.of(typesAllowed);
        Eventually.await(types + " event of " + participantId, EVENT_TIMEOUT, () -> kaiwa.events(host, callId),
                events -> events.stream().anyMatch(event -> types.contains(event.getString("type"))
                        && participantId.equals(event.getString("participantId", null))));
    }
}
