package dev.kaiwa.it.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Offers, answers and ICE candidates go to the one peer they name, in the same call, with the
 * sender added as {@code from}; a target that is not in the room is told to the sender.
 */
class RelayIT {
    /** How long a test watches for a message that must not come. */
    private static final Duration QUIET = Duration.ofMillis(1500);

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
    void offerReachesOnlyTheAddressedPeerWithItsSender() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId);
        String sdp = Messages.sdp("offer to Aiko");

        hostInRoom.send(Messages.offer(aiko.id(), sdp));

        JsonObject offer = aiko.socket().await("offer");
        assertThat(offer.getString("from")).isEqualTo(hostInRoom.id());
        assertThat(offer.getString("to")).isEqualTo(aiko.id());
        assertThat(offer.getString("sdp")).isEqualTo(sdp);
        ken.socket().assertNothing("offer", QUIET);
        hostInRoom.socket().assertNothing("offer", Duration.ZERO);
        hostInRoom.socket().assertNothing("error", Duration.ZERO);
    }

    @Test
    void answerReachesTheOfferingPeer() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId);
        hostInRoom.send(Messages.offer(aiko.id(), Messages.sdp("offer")));
        aiko.socket().await("offer");
        String sdp = Messages.sdp("answer from Aiko");

        aiko.send(Messages.answer(hostInRoom.id(), sdp));

        JsonObject answer = hostInRoom.socket().await("answer");
        assertThat(answer.getString("from")).isEqualTo(aiko.id());
        assertThat(answer.getString("to")).isEqualTo(hostInRoom.id());
        assertThat(answer.getString("sdp")).isEqualTo(sdp);
        ken.socket().assertNothing("answer", QUIET);
    }

    @Test
    void iceCandidateReachesTheAddressedPeerUnchanged() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId);
        JsonObject candidate = Messages.candidate(
                "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 0.0.0.0 rport 0");

        aiko.send(Messages.ice(ken.id(), candidate));

        JsonObject ice = ken.socket().await("ice");
        assertThat(ice.getString("from")).isEqualTo(aiko.id());
        assertThat(ice.getString("to")).isEqualTo(ken.id());
        assertThat(ice.getJsonObject("candidate")).isEqualTo(candidate);
        hostInRoom.socket().assertNothing("ice", QUIET);
    }

    @Test
    void endOfCandidatesIsRelayedAsNull() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.send(Messages.ice(hostInRoom.id(), null));

        JsonObject ice = hostInRoom.socket().await("ice");
        assertThat(ice.getString("from")).isEqualTo(aiko.id());
        assertThat(ice.containsKey("candidate")).as("candidate in %s", ice).isTrue();
        assertThat(ice.get("candidate").getValueType()).isEqualTo(JsonValue.ValueType.NULL);
    }

    @Test
    void relayNeverCrossesIntoAnotherCall() {
        String callId = kaiwa.startedCall(host).getString("id");
        TestUser otherHost = organization.host();
        String otherCallId = kaiwa.startedCall(otherHost).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant otherHostInRoom = signaling.connectHost(otherHost, otherCallId);
        ConnectedParticipant stranger = signaling.connectGuest(otherHost, otherCallId);

        aiko.send(Messages.offer(stranger.id(), Messages.sdp("astray")));
        aiko.send(Messages.ice(otherHostInRoom.id(), Messages.candidate("candidate:1 1 udp 1 198.51.100.1 9 typ host")));

        assertThat(aiko.socket().awaitError("PEER_NOT_FOUND").getString("detail", "")).isNotBlank();
        aiko.socket().awaitError("PEER_NOT_FOUND");
        stranger.socket().assertNothing("offer", QUIET);
        otherHostInRoom.socket().assertNothing("ice", Duration.ZERO);
        hostInRoom.socket().assertNothing("offer", Duration.ZERO);
        hostInRoom.socket().assertNothing("ice", Duration.ZERO);
    }

    @Test
    void offerToAnUnknownParticipantIsAnsweredWithPeerNotFound() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.send(Messages.offer("Zx" + Organization.uniqueSuffix() + Organization.uniqueSuffix() + "abcdef",
                Messages.sdp("nobody")));

        aiko.socket().awaitError("PEER_NOT_FOUND");
        hostInRoom.socket().assertNothing("offer", QUIET);
        aiko.socket().assertResponsive();
    }

    @Test
    void offerToADepartedPeerIsAnsweredWithPeerNotFound() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        aiko.send(Messages.leave());
        hostInRoom.socket().awaitMatching("peer-left of Aiko", Peers.peerLeft(aiko.id()));

        hostInRoom.send(Messages.offer(aiko.id(), Messages.sdp("too late")));

        hostInRoom.socket().awaitError("PEER_NOT_FOUND");
        hostInRoom.socket().assertResponsive();
    }
}
