package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.signaling.Peers.assertPeer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.CallRequests;
import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.JoinedParticipant;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import dev.kaiwa.it.Times;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Getting into a call's room: the first message must be a {@code join} with a valid ticket of
 * that call, and the {@code welcome} tells the participant who it is, who is there, which ICE
 * servers to use, the call and its settings, and how to resume.
 */
class JoinIT {
    /** The server closes a socket that has not joined after this long. */
    private static final Duration JOIN_DEADLINE = Duration.ofSeconds(10);

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
    void welcomeIntroducesTheParticipantItsPeersAndTheCall() {
        JsonObject call = kaiwa.createCall(host, CallRequests.videoCall()
                .add("settings", Json.createObjectBuilder().add("recording", "OPTIONAL").add("screenShare", true))
                .build());
        String callId = call.getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        JsonObject invite = kaiwa.invite(host, callId, CallRequests.invite("Aiko Tanaka").build());
        JoinedParticipant aiko = kaiwa.joinWithInvite(invite.getString("token"), callId);

        JsonObject welcome = signaling.connect(aiko).welcome();

        assertThat(welcome.getString("type")).isEqualTo("welcome");
        JsonObject you = welcome.getJsonObject("you");
        assertPeer(you, aiko.participantId(), "Aiko Tanaka", "PARTICIPANT", "CONNECTED");
        assertThat(you.getJsonObject("media")).isEqualTo(
                kaiwa.participant(host, callId, aiko.participantId()).getJsonObject("media"));
        assertThat(welcome.getJsonArray("peers")).hasSize(1);
        assertPeer(welcome.getJsonArray("peers").getJsonObject(0), hostInRoom.id(), hostInRoom.displayName(), "HOST",
                "CONNECTED");
        assertThat(welcome.getString("mode")).isEqualTo("p2p");
        JsonObject restCall = kaiwa.getCall(host, callId);
        JsonObject welcomeCall = welcome.getJsonObject("call");
        assertThat(welcomeCall.getString("id")).isEqualTo(callId);
        assertThat(welcomeCall.getString("title")).isEqualTo(restCall.getString("title"));
        assertThat(welcomeCall.getString("type")).isEqualTo("VIDEO");
        assertThat(welcomeCall.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(welcomeCall.getJsonObject("settings")).isEqualTo(restCall.getJsonObject("settings"));
        assertThat(welcome.getString("resumeToken", "")).isNotBlank();
        assertThat(welcome.getString("participantToken", "")).isNotBlank();
        assertThat(Times.instant(welcome, "participantTokenExpiresAt")).isAfter(Instant.now());
    }

    @Test
    void firstInTheRoomHasNoPeers() {
        String callId = kaiwa.startedCall(host).getString("id");

        JsonObject welcome = signaling.connectHost(host, callId).welcome();

        assertPeer(welcome.getJsonObject("you"), welcome.getJsonObject("you").getString("id"), host.name(), "HOST",
                "CONNECTED");
        assertThat(welcome.getJsonArray("peers")).isEmpty();
    }

    @Test
    void welcomeListsTheConfiguredStunServersWithoutCredentials() {
        String callId = kaiwa.startedCall(host).getString("id");

        JsonObject welcome = signaling.connectHost(host, callId).welcome();

        for (String stunUrl : SignalingSettings.stunUrls()) {
            JsonObject server = iceServerWith(welcome, stunUrl);
            assertThat(server.containsKey("username")).as("username of %s", server).isFalse();
            assertThat(server.containsKey("credential")).as("credential of %s", server).isFalse();
        }
    }

    @Test
    void turnCredentialIsTheHmacOfAnExpiringUsernameUnderTheSharedSecret() {
        String callId = kaiwa.startedCall(host).getString("id");
        Instant before = Instant.now();

        ConnectedParticipant connected = signaling.connectHost(host, callId);

        Instant after = Instant.now();
        for (String turnUrl : SignalingSettings.turnUrls()) {
            JsonObject server = iceServerWith(connected.welcome(), turnUrl);
            String username = server.getString("username");
            String[] parts = username.split(":", 2);
            assertThat(parts).as("username %s is <expiry>:<participantId>", username).hasSize(2);
            assertThat(parts[0]).as("expiry of %s", username).matches("\\d+");
            assertThat(parts[1]).as("participant of %s", username).isEqualTo(connected.id());
            Duration lifetime = SignalingSettings.turnCredentialLifetime();
            assertThat(Long.parseLong(parts[0])).as("expiry of %s", username)
                    .isBetween(before.plus(lifetime).getEpochSecond() - 1, after.plus(lifetime).getEpochSecond() + 1);
            assertThat(server.getString("credential"))
                    .isEqualTo(TurnCredentials.credential(SignalingSettings.turnSecret(), username));
        }
    }

    @Test
    void participantTokenOfTheWelcomeWorksOnTheRestApi() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        assertThat(guest.bearerToken()).as("the welcome's participant token is a fresh one")
                .isNotEqualTo(guest.joined().bearerToken());

        JsonObject call = api.get("/calls/" + callId).bearer(guest.bearerToken()).send().expectStatus(200).json();

        assertThat(call.getString("id")).isEqualTo(callId);
        assertThat(kaiwa.participants(guest, callId)).extracting(participant -> participant.getString("id"))
                .contains(guest.id());
    }

    @Test
    void firstJoinStartsAScheduledCall() {
        String callId = kaiwa.createCall(host).getString("id");

        JsonObject welcome = signaling.connectHost(host, callId).welcome();

        assertThat(welcome.getJsonObject("call").getString("status")).isEqualTo("IN_PROGRESS");
        JsonObject call = kaiwa.getCall(host, callId);
        assertThat(call.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(Times.instant(call, "startedAt")).isBefore(Instant.now().plusSeconds(5));
        assertThat(kaiwa.eventTypes(host, callId)).contains("STARTED");
    }

    @Test
    void ticketWorksOnce() {
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joined = kaiwa.join(host, callId);
        ConnectedParticipant first = signaling.connect(joined);

        SignalingClient second = sockets.open(callId);
        second.send(Messages.join(joined.ticket()));

        Refusals.assertRefused(second, "TICKET_INVALID");
        first.socket().assertResponsive();
    }

    @Test
    void madeUpTicketIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        SignalingClient socket = sockets.open(callId);

        socket.send(Messages.join("made-up-" + Organization.uniqueSuffix()));

        Refusals.assertRefused(socket, "TICKET_INVALID");
    }

    @Test
    void expiredTicketIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joined = kaiwa.join(host, callId);
        Instant expiresAt = Times.instant(joined.response(), "ticketExpiresAt");
        assertThat(expiresAt).isBefore(Instant.now().plus(SignalingSettings.ticketLifetime()).plusSeconds(1));
        Eventually.sleep(Duration.between(Instant.now(), expiresAt).plusSeconds(1));

        SignalingClient socket = signaling.sendJoin(joined);

        Refusals.assertRefused(socket, "TICKET_INVALID");
    }

    @Test
    void ticketOfAnotherCallIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        String otherCallId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joinedOther = kaiwa.join(host, otherCallId);
        SignalingClient socket = sockets.open(callId);

        socket.send(Messages.join(joinedOther.ticket()));

        Refusals.assertRefused(socket, "TICKET_INVALID");
        List<JsonObject> participants = kaiwa.participants(host, callId);
        assertThat(participants).extracting(participant -> participant.getString("id"))
                .doesNotContain(joinedOther.participantId());
        assertThat(participants).extracting(participant -> participant.getString("status")).doesNotContain("CONNECTED");
    }

    @Test
    void joinWithoutTicketIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        SignalingClient socket = sockets.open(callId);

        socket.send(Json.createObjectBuilder().add("type", "join").build());

        Refusals.assertRefused(socket, "TICKET_INVALID", "VALIDATION_FAILED", "BAD_MESSAGE");
    }

    @Test
    void anyOtherFirstMessageIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joined = kaiwa.join(host, callId);
        List<JsonObject> firstMessages = List.of(Messages.ping(), Messages.chat("Hello before joining"),
                Messages.offer(joined.participantId(), Messages.sdp("early")), Messages.media(false, false, null));

        for (JsonObject first : firstMessages) {
            SignalingClient socket = sockets.open(callId);

            socket.send(first);

            Refusals.assertRefused(socket, "SIGNALING_JOIN_REQUIRED");
        }
    }

    @Test
    void socketThatNeverJoinsIsClosed() {
        String callId = kaiwa.startedCall(host).getString("id");
        Instant opened = Instant.now();

        SignalingClient socket = sockets.open(callId);

        CloseStatus status = socket.awaitClose(JOIN_DEADLINE.plusSeconds(10));
        assertThat(status.code()).isEqualTo(CloseStatus.POLICY_VIOLATION);
        assertThat(Duration.between(opened, Instant.now())).isGreaterThan(JOIN_DEADLINE.minusSeconds(1));
    }

    @Test
    void joiningAPausedCallIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joined = kaiwa.guest(host, callId, "PARTICIPANT");
        kaiwa.move(host, callId, "pause");

        SignalingClient socket = signaling.sendJoin(joined);

        Refusals.assertRefused(socket, "CALL_PAUSED");
    }

    @Test
    void joiningAnEndedCallIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joined = kaiwa.guest(host, callId, "PARTICIPANT");
        kaiwa.move(host, callId, "end");

        SignalingClient socket = signaling.sendJoin(joined);

        // Ending the call also revokes its tickets: either says the participant cannot get in.
        Refusals.assertRefused(socket, "CALL_ALREADY_ENDED", "TICKET_INVALID");
    }

    @Test
    void joiningACancelledCallIsRefused() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant joined = kaiwa.join(host, callId);
        kaiwa.move(host, callId, "cancel");

        SignalingClient socket = signaling.sendJoin(joined);

        Refusals.assertRefused(socket, "CALL_ALREADY_ENDED", "TICKET_INVALID");
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("CANCELLED");
    }

    private static JsonObject iceServerWith(JsonObject welcome, String url) {
        return welcome.getJsonArray("iceServers").getValuesAs(JsonObject.class).stream()
                .filter(server -> server.getJsonArray("urls").getValuesAs(JsonString.class).stream()
                        .anyMatch(candidate -> candidate.getString().equals(url)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No ICE server with " + url + " in " + welcome));
    }
}
