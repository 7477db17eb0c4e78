package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.signaling.Peers.peerUpdatedWithStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.CallRequests;
import dev.kaiwa.it.JoinedParticipant;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Without a media server every participant sends to every other one, so a room holds at most
 * {@code kaiwa.signaling.mesh-max} participants (4 on the test server) that are connected,
 * reconnecting or waiting, viewers included; one more is told the call is full.
 */
class CapacityIT {
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
    void oneMoreThanTheMeshHoldsIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        List<ConnectedParticipant> room = fillRoom(callId, "PARTICIPANT");
        JoinedParticipant oneTooMany = kaiwa.guest(host, callId, "PARTICIPANT");

        SignalingClient socket = signaling.sendJoin(oneTooMany);

        Refusals.assertRefused(socket, "CALL_FULL");
        room.get(0).socket().assertNothingMatching("peer-joined of the one too many",
                Peers.peerJoined(oneTooMany.participantId()), QUIET);
        assertThat(kaiwa.participant(host, callId, oneTooMany.participantId()).getString("status"))
                .isNotIn("CONNECTED", "WAITING");
        for (ConnectedParticipant participant : room) {
            participant.socket().assertResponsive();
        }
    }

    @Test
    void viewersCountTowardsTheMesh() {
        String callId = kaiwa.startedCall(host).getString("id");
        fillRoom(callId, "VIEWER");

        SignalingClient socket = signaling.sendJoin(kaiwa.guest(host, callId, "PARTICIPANT"));

        Refusals.assertRefused(socket, "CALL_FULL");
    }

    @Test
    void reconnectingParticipantsKeepTheirPlace() {
        String callId = kaiwa.startedCall(host).getString("id");
        List<ConnectedParticipant> room = fillRoom(callId, "PARTICIPANT");
        ConnectedParticipant dropped = room.get(room.size() - 1);
        dropped.socket().abort();
        room.get(0).socket().awaitMatching("the dropped participant reconnecting",
                peerUpdatedWithStatus(dropped.id(), "RECONNECTING"));

        SignalingClient socket = signaling.sendJoin(kaiwa.guest(host, callId, "PARTICIPANT"));

        Refusals.assertRefused(socket, "CALL_FULL");
    }

    @Test
    void waitingParticipantsCountTowardsTheMesh() {
        JsonObject call = kaiwa.createCall(host, CallRequests.videoCall()
                .add("settings", Json.createObjectBuilder().add("waitingRoom", true)).build());
        String callId = kaiwa.move(host, call.getString("id"), "start").getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        for (int waiting = 1; waiting < SignalingSettings.meshMaximum(); waiting++) {
            signaling.sendJoin(kaiwa.guest(host, callId, "PARTICIPANT")).await("waiting");
        }

        SignalingClient socket = signaling.sendJoin(kaiwa.guest(host, callId, "PARTICIPANT"));

        Refusals.assertRefused(socket, "CALL_FULL");
        hostInRoom.socket().assertResponsive();
    }

    @Test
    void placeOfALeaverIsFreeAgain() {
        String callId = kaiwa.startedCall(host).getString("id");
        List<ConnectedParticipant> room = fillRoom(callId, "PARTICIPANT");
        ConnectedParticipant leaver = room.get(room.size() - 1);
        leaver.send(Messages.leave());
        room.get(0).socket().awaitMatching("peer-left of the leaver", Peers.peerLeft(leaver.id()));

        ConnectedParticipant newcomer = signaling.connectGuest(host, callId);

        assertThat(Peers.peerIds(newcomer.welcome())).hasSize(SignalingSettings.meshMaximum() - 1)
                .doesNotContain(leaver.id());
    }

    /** The host and guests of {@code role} until the room holds as many as the mesh allows. */
    private List<ConnectedParticipant> fillRoom(String callId, String role) {
        List<ConnectedParticipant> room = new ArrayList<>();
        room.add(signaling.connectHost(host, callId));
        while (room.size() < SignalingSettings.meshMaximum()) {
            room.add(signaling.connectGuest(host, callId, role));
        }
        return room;
    }
}
