package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.signaling.Peers.peerUpdatedWithStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.Eventually;
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
 * Keeping a place in the room: pings keep a socket alive; a silent or broken socket makes its
 * participant RECONNECTING, and after the reconnect grace it has left; within the grace the resume
 * token brings it back as the same participant. A call ends a while after its last participant left.
 */
class LivenessIT {
    /** Leeway for the server's timers on a busy machine. */
    private static final Duration SLACK = Duration.ofSeconds(5);
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
    void pingIsAnsweredWithPong() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant silent = signaling.connectWithoutKeepAlive(kaiwa.join(host, callId));

        silent.send(Messages.ping());

        assertThat(silent.socket().await("pong").getString("type")).isEqualTo("pong");
        silent.socket().assertNothing("pong", Duration.ofMillis(500));
    }

    @Test
    void pingingSocketStaysConnected() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        hostInRoom.socket().assertNothingMatching("Aiko reconnecting",
                peerUpdatedWithStatus(aiko.id(), "RECONNECTING"), SignalingSettings.idleTimeout().multipliedBy(2));

        assertThat(kaiwa.participant(host, callId, aiko.id()).getString("status")).isEqualTo("CONNECTED");
        aiko.socket().assertResponsive();
    }

    @Test
    void silentParticipantIsReconnectingAndLeavesWhenTheGraceRunsOut() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        JoinedParticipant joined = kaiwa.guest(host, callId, "PARTICIPANT");
        // Taken before the join is sent, so it is no later than the last message the server heard.
        Instant lastHeard = Instant.now();
        ConnectedParticipant aiko = signaling.connectWithoutKeepAlive(joined);

        JsonObject reconnecting = hostInRoom.socket().awaitMatching("Aiko reconnecting",
                peerUpdatedWithStatus(aiko.id(), "RECONNECTING"), SignalingSettings.idleTimeout().plus(SLACK));

        assertThat(Duration.between(lastHeard, Instant.now())).as("silence before %s", reconnecting)
                .isGreaterThanOrEqualTo(SignalingSettings.idleTimeout().minusMillis(500));
        assertThat(kaiwa.participant(host, callId, aiko.id()).getString("status")).isIn("RECONNECTING", "LEFT");
        JsonObject left = hostInRoom.socket().awaitMatching("Aiko gone", Peers.peerLeft(aiko.id()),
                SignalingSettings.reconnectGrace().plus(SLACK));
        assertThat(left.getString("reason")).isEqualTo("timeout");
        JsonObject participant = kaiwa.participant(host, callId, aiko.id());
        assertThat(participant.getString("status")).isEqualTo("LEFT");
        assertThat(Times.instant(participant, "leftAt")).isAfter(lastHeard);
    }

    @Test
    void brokenConnectionMakesTheParticipantReconnecting() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.socket().abort();

        JsonObject update = hostInRoom.socket().awaitMatching("Aiko reconnecting",
                peerUpdatedWithStatus(aiko.id(), "RECONNECTING"));
        Peers.assertPeer(update.getJsonObject("peer"), aiko.id(), aiko.displayName(), "PARTICIPANT", "RECONNECTING");
        assertThat(kaiwa.participant(host, callId, aiko.id()).getString("status")).isEqualTo("RECONNECTING");
        hostInRoom.socket().assertNothingMatching("peer-left of Aiko", Peers.peerLeft(aiko.id()), QUIET);
    }

    @Test
    void resumeWithinTheGraceKeepsTheParticipant() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        hostInRoom.socket().awaitMatching("peer-joined of Aiko", Peers.peerJoined(aiko.id()));
        aiko.socket().abort();
        hostInRoom.socket().awaitMatching("Aiko reconnecting", peerUpdatedWithStatus(aiko.id(), "RECONNECTING"));
        SignalingClient socket = sockets.open(callId);

        socket.send(Messages.resume(aiko.resumeToken()));

        JsonObject welcome = socket.await("welcome");
        Peers.assertPeer(welcome.getJsonObject("you"), aiko.id(), aiko.displayName(), "PARTICIPANT", "CONNECTED");
        assertThat(Peers.peerIds(welcome)).containsExactly(hostInRoom.id());
        assertThat(welcome.getString("resumeToken", "")).isNotBlank().isNotEqualTo(aiko.resumeToken());
        assertThat(welcome.getString("participantToken", "")).isNotBlank();
        assertThat(welcome.getJsonArray("iceServers").getValuesAs(JsonObject.class))
                .as("TURN credentials reissued for Aiko")
                .anyMatch(server -> server.getString("username", "").endsWith(":" + aiko.id()));
        hostInRoom.socket().awaitMatching("Aiko back", peerUpdatedWithStatus(aiko.id(), "CONNECTED"));
        hostInRoom.socket().assertNothingMatching("peer-left of Aiko", Peers.peerLeft(aiko.id()), QUIET);
        hostInRoom.socket().assertNothingMatching("peer-joined of Aiko", Peers.peerJoined(aiko.id()), Duration.ZERO);
        assertThat(kaiwa.participant(host, callId, aiko.id()).getString("status")).isEqualTo("CONNECTED");
        hostInRoom.send(Messages.offer(aiko.id(), Messages.sdp("after the resume")));
        assertThat(socket.await("offer").getString("from")).isEqualTo(hostInRoom.id());
    }

    @Test
    void resumeTokenWorksOnce() {
        String callId = kaiwa.startedCall(host).getString("id");
        signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        aiko.socket().abort();
        SignalingClient resumed = sockets.open(callId);
        resumed.send(Messages.resume(aiko.resumeToken()));
        resumed.await("welcome");
        SignalingClient again = sockets.open(callId);

        again.send(Messages.resume(aiko.resumeToken()));

        Refusals.assertRefused(again, "RESUME_INVALID");
        resumed.assertResponsive();
    }

    @Test
    void resumeAfterTheGraceIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        aiko.socket().abort();
        hostInRoom.socket().awaitMatching("Aiko gone", Peers.peerLeft(aiko.id()),
                SignalingSettings.reconnectGrace().plus(SLACK));
        SignalingClient socket = sockets.open(callId);

        socket.send(Messages.resume(aiko.resumeToken()));

        Refusals.assertRefused(socket, "RESUME_INVALID");
        assertThat(kaiwa.participant(host, callId, aiko.id()).getString("status")).isEqualTo("LEFT");
    }

    @Test
    void madeUpResumeTokenIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        SignalingClient socket = sockets.open(callId);

        socket.send(Messages.resume("made-up-" + Organization.uniqueSuffix()));

        Refusals.assertRefused(socket, "RESUME_INVALID");
    }

    @Test
    void resumeTokenOfAnotherCallIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        String otherCallId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        aiko.socket().abort();
        SignalingClient socket = sockets.open(otherCallId);

        socket.send(Messages.resume(aiko.resumeToken()));

        Refusals.assertRefused(socket, "RESUME_INVALID");
    }

    @Test
    void callEndsAWhileAfterItsLastParticipantLeft() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        aiko.send(Messages.leave());
        hostInRoom.socket().awaitMatching("Aiko gone", Peers.peerLeft(aiko.id()));

        hostInRoom.send(Messages.leave());
        Instant empty = Instant.now();

        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("IN_PROGRESS");
        JsonObject call = Eventually.await("the empty call to end", SignalingSettings.emptyCallGrace().plus(SLACK),
                () -> kaiwa.getCall(host, callId), candidate -> candidate.getString("status").equals("ENDED"));
        assertThat(Times.instant(call, "endedAt")).isAfterOrEqualTo(
                empty.plus(SignalingSettings.emptyCallGrace()).minusSeconds(1));
    }

    @Test
    void callWithSomeoneLeftInItGoesOn() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.send(Messages.leave());

        hostInRoom.socket().awaitMatching("Aiko gone", Peers.peerLeft(aiko.id()));
        hostInRoom.socket().assertNothing("ended", SignalingSettings.emptyCallGrace().plus(Duration.ofSeconds(2)));
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("IN_PROGRESS");
    }
}
