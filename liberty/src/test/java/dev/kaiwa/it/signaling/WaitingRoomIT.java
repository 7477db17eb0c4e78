package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.signaling.Peers.assertPeer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.ApiResponse;
import dev.kaiwa.it.CallRequests;
import dev.kaiwa.it.JoinedParticipant;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.Problems;
import dev.kaiwa.it.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The waiting room of a call with {@code waitingRoom} on: participants wait until a moderator
 * admits or denies them; hosts, co-hosts and moderators go straight in.
 */
class WaitingRoomIT {
    private static final Duration QUIET = Duration.ofMillis(1500);

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final Sockets sockets = new Sockets();
    private final Signaling signaling = new Signaling(kaiwa, sockets);

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void participantWaitsAndEveryModeratorHearsTheKnock() {
        String callId = callWithWaitingRoom();
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant coHost = signaling.connectGuest(host, callId, "CO_HOST");
        ConnectedParticipant ken = admitted(hostInRoom, kaiwa.guest(host, callId, "PARTICIPANT"));
        JoinedParticipant aiko = kaiwa.guest(host, callId, "PARTICIPANT");

        SignalingClient waiting = signaling.sendJoin(aiko);

        waiting.await("waiting");
        for (ConnectedParticipant moderator : List.of(hostInRoom, coHost)) {
            JsonObject knock = moderator.socket().awaitMatching("knock of Aiko", knockOf(aiko.participantId()));
            assertPeer(knock.getJsonObject("participant"), aiko.participantId(),
                    aiko.participant().getString("displayName"), "PARTICIPANT", "WAITING");
        }
        ken.socket().assertNothing("knock", QUIET);
        waiting.assertNothing("welcome", Duration.ZERO);
        hostInRoom.socket().assertNothingMatching("peer-joined of Aiko", Peers.peerJoined(aiko.participantId()),
                Duration.ZERO);
        assertThat(kaiwa.participant(host, callId, aiko.participantId()).getString("status")).isEqualTo("WAITING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CO_HOST", "MODERATOR"})
    void moderatorsGoStraightIn(String role) {
        String callId = callWithWaitingRoom();
        signaling.connectHost(host, callId);

        ConnectedParticipant moderator = signaling.connectGuest(host, callId, role);

        assertThat(moderator.welcome().getJsonObject("you").getString("status")).isEqualTo("CONNECTED");
    }

    @Test
    void admittedParticipantIsWelcomedAndAnnounced() {
        String callId = callWithWaitingRoom();
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        JoinedParticipant aiko = kaiwa.guest(host, callId, "PARTICIPANT");
        SignalingClient waiting = signaling.sendJoin(aiko);
        waiting.await("waiting");
        hostInRoom.socket().await("knock");

        hostInRoom.send(Messages.admit(aiko.participantId()));

        JsonObject admitted = waiting.await("admitted");
        JsonObject welcome = waiting.await("welcome");
        assertThat(waiting.received().indexOf(admitted)).as("admitted before welcome")
                .isLessThan(waiting.received().indexOf(welcome));
        assertThat(welcome.getJsonObject("you").getString("status")).isEqualTo("CONNECTED");
        assertThat(Peers.peerIds(welcome)).containsExactly(hostInRoom.id());
        hostInRoom.socket().awaitMatching("peer-joined of Aiko", Peers.peerJoined(aiko.participantId()));
        assertThat(kaiwa.participant(host, callId, aiko.participantId()).getString("status"))
                .isEqualTo("CONNECTED");
    }

    @Test
    void deniedParticipantIsToldAndSentAway() {
        String callId = callWithWaitingRoom();
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        JsonObject invite = kaiwa.invite(host, callId, CallRequests.guestInvite().add("singleUse", true).build());
        JoinedParticipant aiko = kaiwa.joinWithInvite(invite.getString("token"), callId);
        SignalingClient waiting = signaling.sendJoin(aiko);
        waiting.await("waiting");
        hostInRoom.socket().await("knock");

        hostInRoom.send(Messages.deny(aiko.participantId()));

        waiting.await("denied");
        assertThat(waiting.awaitClose().code()).isEqualTo(CloseStatus.NORMAL);
        assertThat(waiting.received()).noneMatch(message -> "welcome".equals(message.getString("type", null)));
        hostInRoom.socket().assertNothingMatching("peer-joined of Aiko", Peers.peerJoined(aiko.participantId()),
                QUIET);
        assertThat(kaiwa.participant(host, callId, aiko.participantId()).getString("status")).isEqualTo("DENIED");
        ApiResponse again = kaiwa.joinWithInviteRequest(invite.getString("token"), callId).send();
        Problems.assertClientProblem(again);
    }

    @Test
    void participantMayNotAdmitOrDeny() {
        String callId = callWithWaitingRoom();
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant ken = admitted(hostInRoom, kaiwa.guest(host, callId, "PARTICIPANT"));
        JoinedParticipant aiko = kaiwa.guest(host, callId, "PARTICIPANT");
        SignalingClient waiting = signaling.sendJoin(aiko);
        waiting.await("waiting");

        ken.send(Messages.admit(aiko.participantId()));
        ken.socket().awaitError("FORBIDDEN");
        ken.send(Messages.deny(aiko.participantId()));
        ken.socket().awaitError("FORBIDDEN");

        waiting.assertNothing("admitted", QUIET);
        waiting.assertNothing("denied", Duration.ZERO);
        waiting.assertOpen();
        assertThat(kaiwa.participant(host, callId, aiko.participantId()).getString("status")).isEqualTo("WAITING");
    }

    @Test
    void organizationMembersWaitLikeGuestsByDefault() {
        String callId = callWithWaitingRoom();
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        TestUser colleague = organization.user();
        kaiwa.invite(host, callId, CallRequests.invite(colleague.name()).add("email", colleague.email()).build());
        JoinedParticipant joined = kaiwa.join(colleague, callId);

        SignalingClient socket = signaling.sendJoin(joined);

        socket.await("waiting");
        hostInRoom.socket().await("knock");
    }

    @Test
    void waitingParticipantIsNoPeerOfNewcomers() {
        String callId = callWithWaitingRoom();
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        JoinedParticipant aiko = kaiwa.guest(host, callId, "PARTICIPANT");
        signaling.sendJoin(aiko).await("waiting");

        ConnectedParticipant moderator = signaling.connectGuest(host, callId, "MODERATOR");

        assertThat(Peers.peerIds(moderator.welcome())).containsExactly(hostInRoom.id());
    }

    private String callWithWaitingRoom() {
        JsonObject call = kaiwa.createCall(host, CallRequests.videoCall()
                .add("settings", Json.createObjectBuilder().add("waitingRoom", true))
                .build());
        return kaiwa.move(host, call.getString("id"), "start").getString("id");
    }

    /** Lets the participant in through the waiting room. */
    private ConnectedParticipant admitted(ConnectedParticipant moderator, JoinedParticipant joined) {
        SignalingClient socket = signaling.sendJoin(joined);
        socket.await("waiting");
        moderator.socket().awaitMatching("knock of " + joined.participantId(), knockOf(joined.participantId()));
        moderator.send(Messages.admit(joined.participantId()));
        return new ConnectedParticipant(joined, socket, socket.await("welcome"));
    }

    private static Predicate<JsonObject> knockOf(String participantId) {
        return message -> "knock".equals(message.getString("type", null))
                && message.get("participant") instanceof JsonObject participant
                && participantId.equals(participant.getString("id", null));
    }
}
