package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.signaling.Peers.assertPeer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.JoinedParticipant;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import dev.kaiwa.it.Times;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who is in the room: newcomers are announced, leavers too, and the participant's status and
 * times follow in the REST API; a second connection of the same participant takes over the first
 * without the peers seeing it leave.
 */
class PresenceIT {
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
    void newcomerIsAnnouncedToThoseAlreadyThere() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);

        ConnectedParticipant aiko = signaling.connectGuest(host, callId, "MODERATOR");

        JsonObject joined = hostInRoom.socket().await("peer-joined");
        assertPeer(joined.getJsonObject("peer"), aiko.id(), aiko.displayName(), "MODERATOR", "CONNECTED");
        aiko.socket().assertNothingMatching("peer-joined about itself", Peers.peerJoined(aiko.id()), QUIET);
    }

    @Test
    void welcomedParticipantIsConnectedSinceItJoined() {
        String callId = kaiwa.startedCall(host).getString("id");
        Instant before = Instant.now().minusSeconds(2);

        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        JsonObject participant = kaiwa.participant(host, callId, aiko.id());
        assertThat(participant.getString("status")).isEqualTo("CONNECTED");
        assertThat(Times.instant(participant, "joinedAt")).isBetween(before, Instant.now().plusSeconds(2));
        assertThat(Times.isAbsent(participant, "leftAt")).as("leftAt of %s", participant).isTrue();
    }

    @Test
    void leaverIsAnnouncedAndRecordedAsLeft() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId);

        aiko.send(Messages.leave());

        for (ConnectedParticipant peer : new ConnectedParticipant[] {hostInRoom, ken}) {
            JsonObject left = peer.socket().awaitMatching("peer-left of Aiko", Peers.peerLeft(aiko.id()));
            assertThat(left.getString("reason")).isEqualTo("left");
        }
        JsonObject participant = kaiwa.participant(host, callId, aiko.id());
        assertThat(participant.getString("status")).isEqualTo("LEFT");
        assertThat(Times.instant(participant, "leftAt")).isAfterOrEqualTo(Times.instant(participant, "joinedAt"))
                .isBefore(Instant.now().plusSeconds(2));
        assertThat(kaiwa.events(host, callId)).anySatisfy(event -> {
            assertThat(event.getString("type")).isEqualTo("LEFT");
            assertThat(event.getString("participantId", null)).isEqualTo(aiko.id());
        });
    }

    @Test
    void welcomeLeavesOutThoseWhoLeft() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        aiko.send(Messages.leave());
        hostInRoom.socket().awaitMatching("peer-left of Aiko", Peers.peerLeft(aiko.id()));

        ConnectedParticipant ken = signaling.connectGuest(host, callId);

        assertThat(Peers.peerIds(ken.welcome())).containsExactly(hostInRoom.id());
    }

    @Test
    void connectionWithANewTicketReplacesTheFirst() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant first = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        JoinedParticipant again = kaiwa.join(host, callId);
        assertThat(again.participantId()).isEqualTo(first.id());

        ConnectedParticipant second = signaling.connect(again);

        assertReplaced(first, second, aiko);
    }

    @Test
    void connectionWithTheResumeTokenReplacesTheFirst() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant first = signaling.connectGuest(host, callId);
        SignalingClient socket = sockets.open(callId);

        socket.send(Messages.resume(first.resumeToken()));

        ConnectedParticipant second = new ConnectedParticipant(first.joined(), socket, socket.await("welcome"));
        assertReplaced(first, second, hostInRoom);
    }

    private void assertReplaced(ConnectedParticipant first, ConnectedParticipant second, ConnectedParticipant peer) {
        assertThat(second.welcome().getJsonObject("you").getString("id")).isEqualTo(first.id());
        first.socket().awaitError("CONNECTION_REPLACED");
        CloseStatus status = first.socket().awaitClose();
        assertThat(status.code()).isEqualTo(CloseStatus.REPLACED);
        assertThat(status.reason()).isEqualTo("replaced");
        peer.socket().awaitMatching("peer-updated of the replaced participant", Peers.peerUpdated(first.id()));
        peer.socket().assertNothingMatching("peer-left of the replaced participant", Peers.peerLeft(first.id()),
                QUIET);
        assertThat(kaiwa.participant(host, first.callId(), first.id()).getString("status")).isEqualTo("CONNECTED");
        second.socket().assertResponsive();
    }
}
