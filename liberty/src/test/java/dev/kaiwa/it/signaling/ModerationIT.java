package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.Problems.assertProblem;
import static dev.kaiwa.it.signaling.Peers.peerUpdatedWithFlag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.CallRequests;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hosts, co-hosts and moderators mute, remove and end; nobody else may. Ending the call, over the
 * socket or over REST, closes every socket of the call.
 */
class ModerationIT {
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

    @ParameterizedTest
    @ValueSource(strings = {"PARTICIPANT", "VIEWER"})
    void othersMayNotMuteRemoveOrEnd(String role) {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId, role);
        hostInRoom.send(Messages.media(true, null, null));
        hostInRoom.socket().awaitMatching("the host's audio on", peerUpdatedWithFlag(hostInRoom.id(), "audio", true));

        for (JsonObject attempt : List.of(Messages.mute(hostInRoom.id()), Messages.remove(hostInRoom.id()),
                Messages.end())) {
            aiko.send(attempt);

            aiko.socket().awaitError("FORBIDDEN");
        }

        hostInRoom.socket().assertNothing("mute", QUIET);
        hostInRoom.socket().assertNothing("ended", Duration.ZERO);
        hostInRoom.socket().assertOpen();
        aiko.socket().assertResponsive();
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("IN_PROGRESS");
        JsonObject hostParticipant = kaiwa.participant(host, callId, hostInRoom.id());
        assertThat(hostParticipant.getString("status")).isEqualTo("CONNECTED");
        assertThat(hostParticipant.getJsonObject("media").getBoolean("audio")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOST", "CO_HOST", "MODERATOR"})
    void moderatorMutesAParticipant(String role) {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant moderator = role.equals("HOST") ? hostInRoom
                : signaling.connectGuest(host, callId, role);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        aiko.send(Messages.media(true, null, null));
        moderator.socket().awaitMatching("Aiko's audio on", peerUpdatedWithFlag(aiko.id(), "audio", true));

        moderator.send(Messages.mute(aiko.id()));

        assertThat(aiko.socket().await("mute").getString("by")).isEqualTo(moderator.id());
        for (ConnectedParticipant everyone : List.of(aiko, hostInRoom, moderator).stream().distinct().toList()) {
            everyone.socket().awaitMatching("Aiko muted", peerUpdatedWithFlag(aiko.id(), "audio", false));
        }
        assertThat(kaiwa.participant(host, callId, aiko.id()).getJsonObject("media").getBoolean("audio")).isFalse();
    }

    @Test
    void removedParticipantIsSentAwayAndCannotRejoin() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId);
        JsonObject invite = kaiwa.invite(host, callId, CallRequests.guestInvite().add("singleUse", true).build());
        ConnectedParticipant aiko = signaling.connect(kaiwa.joinWithInvite(invite.getString("token"), callId));

        hostInRoom.send(Messages.remove(aiko.id()));

        aiko.socket().awaitError("PARTICIPANT_REMOVED");
        CloseStatus status = aiko.socket().awaitClose();
        assertThat(status.code()).isEqualTo(CloseStatus.REMOVED);
        assertThat(status.reason()).isEqualTo("removed");
        for (ConnectedParticipant peer : List.of(hostInRoom, ken)) {
            JsonObject left = peer.socket().awaitMatching("peer-left of Aiko", Peers.peerLeft(aiko.id()));
            assertThat(left.getString("reason")).isEqualTo("removed");
        }
        assertThat(kaiwa.participant(host, callId, aiko.id()).getString("status")).isEqualTo("REMOVED");
        assertProblem(kaiwa.joinWithInviteRequest(invite.getString("token"), callId).send(), 409,
                "PARTICIPANT_REMOVED");
    }

    @Test
    void removedParticipantsResumeTokenIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        hostInRoom.send(Messages.remove(aiko.id()));
        aiko.socket().awaitClose();
        SignalingClient socket = sockets.open(callId);

        socket.send(Messages.resume(aiko.resumeToken()));

        Refusals.assertRefused(socket, "RESUME_INVALID");
    }

    @Test
    void hostEndsTheCallForEveryone() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId, "MODERATOR");

        hostInRoom.send(Messages.end());

        assertEndedForEveryone(List.of(hostInRoom, aiko, ken));
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("ENDED");
    }

    @Test
    void moderatorEndsTheCallForEveryone() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId, "MODERATOR");

        ken.send(Messages.end());

        assertEndedForEveryone(List.of(hostInRoom, aiko, ken));
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("ENDED");
    }

    @Test
    void endingOverRestClosesEverySocketOfTheCall() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        String otherCallId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant elsewhere = signaling.connectGuest(host, otherCallId);

        kaiwa.move(host, callId, "end");

        assertEndedForEveryone(List.of(hostInRoom, aiko));
        elsewhere.socket().assertNothing("ended", QUIET);
        elsewhere.socket().assertResponsive();
    }

    private static void assertEndedForEveryone(List<ConnectedParticipant> everyone) {
        for (ConnectedParticipant participant : everyone) {
            JsonObject ended = participant.socket().await("ended");
            assertThat(ended.getString("reason", null)).as("reason of %s", ended).isEqualTo("ended");
            assertThat(participant.socket().awaitClose().code()).as("close of %s", participant.socket())
                    .isEqualTo(CloseStatus.NORMAL);
        }
    }
}
