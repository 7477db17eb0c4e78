package dev.kaiwa.signaling;

import static dev.kaiwa.participant.ParticipantRole.HOST;
import static dev.kaiwa.participant.ParticipantRole.MODERATOR;
import static dev.kaiwa.participant.ParticipantRole.PARTICIPANT;
import static dev.kaiwa.participant.ParticipantRole.VIEWER;
import static dev.kaiwa.signaling.TestingSignalingHub.BURST;
import static dev.kaiwa.signaling.TestingSignalingHub.EMPTY_CALL_GRACE;
import static dev.kaiwa.signaling.TestingSignalingHub.FLOOD_LIMIT;
import static dev.kaiwa.signaling.TestingSignalingHub.IDLE_TIMEOUT;
import static dev.kaiwa.signaling.TestingSignalingHub.JOIN_TIMEOUT;
import static dev.kaiwa.signaling.TestingSignalingHub.MESH_MAX;
import static dev.kaiwa.signaling.TestingSignalingHub.RECONNECT_GRACE;
import static dev.kaiwa.signaling.TestingSignalingHub.STUN_URL;
import static dev.kaiwa.signaling.TestingSignalingHub.TURN_SECRET;
import static dev.kaiwa.signaling.TestingSignalingHub.TURN_TTL;
import static dev.kaiwa.signaling.TestingSignalingHub.TURN_URL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.call.CallClosed;
import dev.kaiwa.call.CallStatus;
import dev.kaiwa.participant.ParticipantChanged;
import dev.kaiwa.participant.ParticipantRole;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.ErrorCode;
import dev.kaiwa.shared.FakeClock;
import dev.kaiwa.shared.RandomIds;
import dev.kaiwa.signaling.FakeSignalingService.Departure;
import dev.kaiwa.signaling.FakeSignalingService.Mute;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signaling hub against the protocol contract, driven message by message through fake sockets,
 * with the database side in memory and a clock the test moves. Each test builds its own hub.
 */
class SignalingHubTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final FakeClock clock = new FakeClock(START);
    private final FakeSignalingService service = new FakeSignalingService(clock);
    private final SignalingHub hub = TestingSignalingHub.create(service, clock);
    private final String callId = service.startCall("Weekly sync");

    // ---------------------------------------------------------------- join

    @Test
    void joinWithTicketWelcomesWithYourselfThePeersAndPeerToPeerMode() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);

        JsonObject welcome = bob.connection().single("welcome");
        assertThat(welcome.getJsonObject("you").getString("id")).isEqualTo(bob.participantId());
        assertThat(welcome.getJsonObject("you").getString("displayName")).isEqualTo("Bob");
        assertThat(welcome.getJsonObject("you").getString("role")).isEqualTo("PARTICIPANT");
        assertThat(welcome.getJsonObject("you").getString("status")).isEqualTo("CONNECTED");
        assertThat(peerIds(welcome)).containsExactly(alice.participantId());
        assertThat(welcome.getString("mode")).isEqualTo("p2p");
        assertThat(welcome.getJsonObject("call").getString("id")).isEqualTo(callId);
        assertThat(welcome.getJsonObject("call").getString("title")).isEqualTo("Weekly sync");
        assertThat(welcome.getJsonObject("call").getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(welcome.getString("resumeToken")).isNotBlank();
        assertThat(welcome.getString("participantToken")).isNotBlank();
        assertThat(welcome.getString("participantTokenExpiresAt"))
                .isEqualTo(START.plus(FakeSignalingService.PARTICIPANT_TOKEN_TTL).toString());
    }

    @Test
    void firstToJoinSeesNoPeers() {
        Client alice = join("Alice", HOST);

        assertThat(peerIds(alice.connection().single("welcome"))).isEmpty();
    }

    @Test
    void othersAreToldWhoJoined() {
        Client alice = join("Alice", HOST);
        alice.connection().clear();

        Client bob = join("Bob", PARTICIPANT);

        JsonObject joined = alice.connection().single("peer-joined");
        assertThat(joined.getJsonObject("peer").getString("id")).isEqualTo(bob.participantId());
        assertThat(joined.getJsonObject("peer").getString("displayName")).isEqualTo("Bob");
        assertThat(joined.getJsonObject("peer").getJsonObject("media").getBoolean("audio")).isTrue();
        assertThat(bob.connection().messages("peer-joined")).isEmpty();
    }

    @Test
    void welcomeCarriesStunAndTurnWithCredentialsOfTheParticipant() {
        Client alice = join("Alice", HOST);

        List<JsonObject> iceServers = alice.connection().single("welcome").getJsonArray("iceServers")
                .getValuesAs(JsonObject.class);
        assertThat(iceServers).hasSize(2);
        assertThat(strings(iceServers.get(0), "urls")).containsExactly(STUN_URL);
        assertThat(iceServers.get(0).containsKey("username")).isFalse();
        JsonObject turn = iceServers.get(1);
        assertThat(strings(turn, "urls")).containsExactly(TURN_URL);
        String username = START.plus(TURN_TTL).getEpochSecond() + ":" + alice.participantId();
        assertThat(turn.getString("username")).isEqualTo(username);
        assertThat(turn.getString("credential")).isEqualTo(IceServers.credential(TURN_SECRET, username));
    }

    @Test
    void everyWelcomeReissuesTurnCredentialsFromItsOwnTime() {
        Client alice = join("Alice", HOST);
        String firstToken = alice.connection().single("welcome").getString("resumeToken");
        hub.closed(alice.connection());
        Instant later = clock.advance(Duration.ofSeconds(10));

        FakePeerConnection again = resume(firstToken);

        JsonObject turn = again.single("welcome").getJsonArray("iceServers").getJsonObject(1);
        assertThat(turn.getString("username")).isEqualTo(later.plus(TURN_TTL).getEpochSecond() + ":" + alice.participantId());
        assertThat(turn.getString("credential")).isEqualTo(IceServers.credential(TURN_SECRET, turn.getString("username")));
    }

    @Test
    void firstMessageOtherThanJoinIsRefusedAndClosesTheSocket() {
        FakePeerConnection connection = open(callId);

        send(connection, message("ping"));

        assertRefusedAndClosed(connection, ErrorCode.SIGNALING_JOIN_REQUIRED);
        assertThat(connection.messages("pong")).isEmpty();
        assertThat(hub.openConnections()).isZero();
    }

    @Test
    void joinWithoutTicketOrResumeTokenIsRefused() {
        FakePeerConnection connection = open(callId);

        send(connection, message("join"));

        assertRefusedAndClosed(connection, ErrorCode.BAD_MESSAGE);
    }

    @Test
    void unknownTicketIsRefusedAndClosesTheSocket() {
        FakePeerConnection connection = open(callId);

        send(connection, joinWith("ticket", RandomIds.randomToken(32)));

        assertRefusedAndClosed(connection, ErrorCode.TICKET_INVALID);
    }

    @Test
    void ticketWorksOnce() {
        String bob = service.invite(callId, "Bob", PARTICIPANT);
        String ticket = service.ticket(bob);
        send(open(callId), joinWith("ticket", ticket));
        FakePeerConnection second = open(callId);

        send(second, joinWith("ticket", ticket));

        assertRefusedAndClosed(second, ErrorCode.TICKET_INVALID);
    }

    @Test
    void ticketOfAnotherCallIsRefused() {
        String otherCall = service.startCall("Another call");
        String bob = service.invite(otherCall, "Bob", PARTICIPANT);
        FakePeerConnection connection = open(callId);

        send(connection, joinWith("ticket", service.ticket(bob)));

        assertRefusedAndClosed(connection, ErrorCode.TICKET_INVALID);
    }

    @Test
    void joiningAPausedCallIsRefused() {
        join("Alice", HOST);
        service.changeCallStatus(callId, CallStatus.PAUSED);

        FakePeerConnection bob = connectWithTicket(service.invite(callId, "Bob", PARTICIPANT));

        assertRefusedAndClosed(bob, ErrorCode.CALL_PAUSED);
    }

    @Test
    void joiningAnEndedCallIsRefused() {
        String endedCall = service.addCall("Yesterday", CallStatus.ENDED, false);

        FakePeerConnection bob = connectWithTicket(endedCall, service.invite(endedCall, "Bob", PARTICIPANT));

        assertRefusedAndClosed(bob, ErrorCode.CALL_ALREADY_ENDED);
    }

    @Test
    void joinAgainOnAJoinedSocketIsABadMessageAndTheSocketStaysOpen() {
        Client alice = join("Alice", HOST);
        alice.connection().clear();

        send(alice.connection(), joinWith("ticket", RandomIds.randomToken(32)));

        assertError(alice.connection(), ErrorCode.BAD_MESSAGE);
    }

    // ---------------------------------------------------------------- relay

    @Test
    void offerReachesOnlyTheAddressedPeerWithItsSender() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        Client carol = join("Carol", PARTICIPANT);
        clear(alice, bob, carol);

        send(alice.connection(), message("offer").add("to", bob.participantId()).add("sdp", "v=0 offer"));

        JsonObject offer = bob.connection().single("offer");
        assertThat(offer.getString("from")).isEqualTo(alice.participantId());
        assertThat(offer.getString("to")).isEqualTo(bob.participantId());
        assertThat(offer.getString("sdp")).isEqualTo("v=0 offer");
        assertThat(bob.connection().messages()).hasSize(1);
        assertThat(alice.connection().messages()).isEmpty();
        assertThat(carol.connection().messages()).isEmpty();
    }

    @Test
    void answerReachesOnlyTheAddressedPeerWithItsSender() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        Client carol = join("Carol", PARTICIPANT);
        clear(alice, bob, carol);

        send(bob.connection(), message("answer").add("to", alice.participantId()).add("sdp", "v=0 answer"));

        JsonObject answer = alice.connection().single("answer");
        assertThat(answer.getString("from")).isEqualTo(bob.participantId());
        assertThat(answer.getString("sdp")).isEqualTo("v=0 answer");
        assertThat(bob.connection().messages()).isEmpty();
        assertThat(carol.connection().messages()).isEmpty();
    }

    @Test
    void iceCandidatesAndTheirEndReachOnlyTheAddressedPeer() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        Client carol = join("Carol", PARTICIPANT);
        clear(alice, bob, carol);
        JsonObject candidate = Json.createObjectBuilder().add("candidate", "candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host")
                .add("sdpMid", "0").add("sdpMLineIndex", 0).build();

        send(alice.connection(), message("ice").add("to", bob.participantId()).add("candidate", candidate));
        send(alice.connection(), message("ice").add("to", bob.participantId()).addNull("candidate"));

        List<JsonObject> received = bob.connection().messages("ice");
        assertThat(received).hasSize(2);
        assertThat(received.get(0).getJsonObject("candidate")).isEqualTo(candidate);
        assertThat(received.get(0).getString("from")).isEqualTo(alice.participantId());
        assertThat(received.get(1).get("candidate")).isEqualTo(JsonValue.NULL);
        assertThat(alice.connection().messages()).isEmpty();
        assertThat(carol.connection().messages()).isEmpty();
    }

    @Test
    void relayToAnUnknownPeerIsPeerNotFoundAndTheSocketStaysUsable() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        send(alice.connection(), message("offer").add("to", RandomIds.newId()).add("sdp", "v=0"));

        assertError(alice.connection(), ErrorCode.PEER_NOT_FOUND);
        send(alice.connection(), message("offer").add("to", bob.participantId()).add("sdp", "v=0"));
        assertThat(bob.connection().messages("offer")).hasSize(1);
    }

    @Test
    void relayToADepartedPeerIsPeerNotFound() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        send(bob.connection(), message("leave"));
        alice.connection().clear();

        send(alice.connection(), message("offer").add("to", bob.participantId()).add("sdp", "v=0"));

        assertError(alice.connection(), ErrorCode.PEER_NOT_FOUND);
        assertThat(bob.connection().messages("offer")).isEmpty();
    }

    @Test
    void relayToAPeerWhoseSocketDroppedIsPeerNotFound() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        hub.closed(bob.connection());
        alice.connection().clear();

        send(alice.connection(), message("ice").add("to", bob.participantId()).addNull("candidate"));

        assertError(alice.connection(), ErrorCode.PEER_NOT_FOUND);
    }

    @Test
    void relayToAPeerOfAnotherCallIsPeerNotFound() {
        Client alice = join("Alice", HOST);
        String otherCall = service.startCall("Another call");
        Client stranger = join(otherCall, "Stranger", HOST);
        alice.connection().clear();
        stranger.connection().clear();

        send(alice.connection(), message("offer").add("to", stranger.participantId()).add("sdp", "v=0"));

        assertError(alice.connection(), ErrorCode.PEER_NOT_FOUND);
        assertThat(stranger.connection().messages()).isEmpty();
    }

    @Test
    void relayToYourselfIsPeerNotFound() {
        Client alice = join("Alice", HOST);
        alice.connection().clear();

        send(alice.connection(), message("offer").add("to", alice.participantId()).add("sdp", "v=0"));

        assertError(alice.connection(), ErrorCode.PEER_NOT_FOUND);
        assertThat(alice.connection().messages("offer")).isEmpty();
    }

    @Test
    void relayWithoutTargetOrPayloadIsABadMessage() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        send(alice.connection(), message("offer").add("sdp", "v=0"));
        send(alice.connection(), message("answer").add("to", bob.participantId()));
        send(alice.connection(), message("ice").add("to", bob.participantId()));
        send(alice.connection(), message("offer").add("to", 42).add("sdp", "v=0"));

        assertThat(alice.connection().messages()).hasSize(4).allSatisfy(error -> assertThat(error.getString("code"))
                .isEqualTo(ErrorCode.BAD_MESSAGE.name()));
        assertThat(alice.connection().isClosed()).isFalse();
        assertThat(bob.connection().messages()).isEmpty();
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void unknownTypeIsABadMessageAndTheSocketStaysOpen() {
        Client alice = join("Alice", HOST);
        alice.connection().clear();

        send(alice.connection(), message("dance"));
        send(alice.connection(), Json.createObjectBuilder().add("to", "nobody"));

        assertThat(alice.connection().messages("error")).hasSize(2).allSatisfy(error -> assertThat(error.getString("code"))
                .isEqualTo(ErrorCode.BAD_MESSAGE.name()));
        send(alice.connection(), message("ping"));
        assertThat(alice.connection().last().getString("type")).isEqualTo("pong");
    }

    @Test
    void frameThatIsNotAJsonObjectIsABadMessageAndTheSocketStaysOpen() {
        Client alice = join("Alice", HOST);
        alice.connection().clear();

        hub.rejected(alice.connection(), "Not valid JSON");

        assertError(alice.connection(), ErrorCode.BAD_MESSAGE);
    }

    @Test
    void serverFaultIsAnInternalErrorWithAnIncidentAndTheSocketStaysOpen() {
        Client alice = join("Alice", HOST);
        alice.connection().clear();
        service.failNextCall(new IllegalStateException("database is down"));

        send(alice.connection(), message("chat").add("text", "hello"));

        JsonObject error = alice.connection().single("error");
        assertThat(error.getString("code")).isEqualTo(ErrorCode.INTERNAL_ERROR.name());
        assertThat(error.getString("detail")).contains("incident").doesNotContain("database");
        assertThat(alice.connection().isClosed()).isFalse();
    }

    @Test
    void pingIsAnsweredWithPong() {
        Client alice = join("Alice", HOST);
        alice.connection().clear();

        send(alice.connection(), message("ping"));

        assertThat(alice.connection().messages()).extracting(reply -> reply.getString("type")).containsExactly("pong");
    }

    // ---------------------------------------------------------------- media, hand, chat

    @Test
    void mediaChangeIsShownToEveryoneIncludingTheSender() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        send(alice.connection(), message("media").add("audio", false).add("screen", true));

        for (Client client : List.of(alice, bob)) {
            JsonObject peer = client.connection().single("peer-updated").getJsonObject("peer");
            assertThat(peer.getString("id")).isEqualTo(alice.participantId());
            assertThat(peer.getJsonObject("media").getBoolean("audio")).isFalse();
            assertThat(peer.getJsonObject("media").getBoolean("video")).isTrue();
            assertThat(peer.getJsonObject("media").getBoolean("screen")).isTrue();
        }
        assertThat(service.audio(alice.participantId())).isFalse();
    }

    @Test
    void mediaWithAWrongFieldTypeIsAValidationErrorAndChangesNothing() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        send(alice.connection(), message("media").add("audio", "off"));
        send(alice.connection(), message("media"));

        assertThat(alice.connection().messages()).hasSize(2).allSatisfy(error -> assertThat(error.getString("code"))
                .isEqualTo(ErrorCode.VALIDATION_FAILED.name()));
        assertThat(bob.connection().messages()).isEmpty();
        assertThat(service.audio(alice.participantId())).isTrue();
    }

    @Test
    void raisedHandIsShownToEveryoneIncludingTheSender() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        send(bob.connection(), message("hand").add("raised", true));

        for (Client client : List.of(alice, bob)) {
            JsonObject peer = client.connection().single("peer-updated").getJsonObject("peer");
            assertThat(peer.getString("id")).isEqualTo(bob.participantId());
            assertThat(peer.getJsonObject("media").getBoolean("hand")).isTrue();
        }
    }

    @Test
    void chatReachesEveryoneIncludingTheSender() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        send(bob.connection(), message("chat").add("text", "  Can you hear me?  "));

        String storedId = service.chatMessages().get(0).id();
        for (Client client : List.of(alice, bob)) {
            JsonObject chat = client.connection().single("chat");
            assertThat(chat.getString("id")).isEqualTo(storedId);
            assertThat(chat.getString("from")).isEqualTo(bob.participantId());
            assertThat(chat.getString("displayName")).isEqualTo("Bob");
            assertThat(chat.getString("text")).isEqualTo("Can you hear me?");
            assertThat(chat.getString("sentAt")).isEqualTo(START.toString());
        }
    }

    @Test
    void blankChatIsAValidationErrorToTheSenderOnly() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        send(bob.connection(), message("chat").add("text", "   "));

        assertError(bob.connection(), ErrorCode.VALIDATION_FAILED);
        assertThat(alice.connection().messages()).isEmpty();
    }

    // ---------------------------------------------------------------- mesh capacity

    @Test
    void joinBeyondMeshCapacityIsRefusedAndTheParticipantLeaves() {
        List<Client> inCall = new ArrayList<>();
        inCall.add(join("Host", HOST));
        for (int i = 1; i < MESH_MAX; i++) {
            inCall.add(join("Guest " + i, PARTICIPANT));
        }
        inCall.forEach(client -> client.connection().clear());
        String oneTooMany = service.invite(callId, "Viewer", VIEWER);

        FakePeerConnection refused = connectWithTicket(oneTooMany);

        assertRefusedAndClosed(refused, ErrorCode.CALL_FULL);
        assertThat(refused.messages("welcome")).isEmpty();
        assertThat(service.departures()).extracting(Departure::participantId).containsExactly(oneTooMany);
        assertThat(service.participantStatus(oneTooMany)).isEqualTo(ParticipantStatus.LEFT);
        inCall.forEach(client -> assertThat(client.connection().messages()).isEmpty());
    }

    @Test
    void participantWhoseSocketDroppedKeepsItsPlace() {
        Client host = join("Host", HOST);
        for (int i = 1; i < MESH_MAX; i++) {
            join("Guest " + i, PARTICIPANT);
        }
        hub.closed(host.connection());

        FakePeerConnection refused = connectWithTicket(service.invite(callId, "Late", PARTICIPANT));

        assertRefusedAndClosed(refused, ErrorCode.CALL_FULL);
    }

    @Test
    void placeOfAParticipantWhoLeftIsFreeAgain() {
        Client host = join("Host", HOST);
        for (int i = 1; i < MESH_MAX; i++) {
            join("Guest " + i, PARTICIPANT);
        }
        send(host.connection(), message("leave"));

        Client late = join("Late", PARTICIPANT);

        assertThat(late.connection().messages("welcome")).hasSize(1);
    }

    // ---------------------------------------------------------------- second connection

    @Test
    void secondConnectionOfTheSameParticipantReplacesTheFirst() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        FakePeerConnection second = connectWithTicket(bob.participantId());

        assertThat(bob.connection().single("error").getString("code")).isEqualTo(ErrorCode.CONNECTION_REPLACED.name());
        assertThat(bob.connection().closeCode()).hasValue(SignalingHub.CLOSE_REPLACED);
        assertThat(bob.connection().closeReason()).hasValue("replaced");
        assertThat(second.single("welcome").getJsonObject("you").getString("id")).isEqualTo(bob.participantId());
        assertThat(peerIds(second.single("welcome"))).containsExactly(alice.participantId());
        assertThat(alice.connection().single("peer-updated").getJsonObject("peer").getString("id"))
                .isEqualTo(bob.participantId());
        assertThat(alice.connection().messages("peer-joined")).isEmpty();
        assertThat(alice.connection().messages("peer-left")).isEmpty();
    }

    @Test
    void replacedSocketClosingLeavesTheNewOneInTheCall() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        FakePeerConnection second = connectWithTicket(bob.participantId());
        alice.connection().clear();

        hub.closed(bob.connection());

        assertThat(alice.connection().messages()).isEmpty();
        assertThat(service.disconnections()).isEmpty();
        send(alice.connection(), message("offer").add("to", bob.participantId()).add("sdp", "v=0"));
        assertThat(second.messages("offer")).hasSize(1);
        assertThat(bob.connection().messages("offer")).isEmpty();
    }

    @Test
    void fullCallStillTakesBackAParticipantWhoIsInIt() {
        List<Client> inCall = new ArrayList<>();
        inCall.add(join("Host", HOST));
        for (int i = 1; i < MESH_MAX; i++) {
            inCall.add(join("Guest " + i, PARTICIPANT));
        }

        FakePeerConnection second = connectWithTicket(inCall.get(1).participantId());

        assertThat(second.messages("welcome")).hasSize(1);
        assertThat(second.isClosed()).isFalse();
    }

    // ---------------------------------------------------------------- waiting room

    @Test
    void inAWaitingRoomAParticipantWaitsAndOnlyModeratorsAreKnocked() {
        String call = service.startCallWithWaitingRoom("Office hours");
        Client host = join(call, "Host", HOST);
        Client moderator = join(call, "Moderator", MODERATOR);
        Client admitted = join(call, "Admitted", PARTICIPANT);
        send(host.connection(), message("admit").add("participantId", admitted.participantId()));
        clear(host, moderator, admitted);

        Client guest = join(call, "Guest", PARTICIPANT);

        assertThat(guest.connection().messages()).extracting(message -> message.getString("type")).containsExactly("waiting");
        assertThat(service.participantStatus(guest.participantId())).isEqualTo(ParticipantStatus.WAITING);
        for (Client client : List.of(host, moderator)) {
            JsonObject knocking = client.connection().single("knock").getJsonObject("participant");
            assertThat(knocking.getString("id")).isEqualTo(guest.participantId());
            assertThat(knocking.getString("status")).isEqualTo("WAITING");
            assertThat(client.connection().messages("peer-joined")).isEmpty();
        }
        assertThat(admitted.connection().messages()).isEmpty();
    }

    @Test
    void aModeratorArrivingWhileSomeoneWaitsHearsTheKnock() {
        String call = service.startCallWithWaitingRoom("Office hours");
        Client host = join(call, "Host", HOST);
        Client guest = join(call, "Guest", PARTICIPANT);

        Client moderator = join(call, "Moderator", MODERATOR);

        assertThat(moderator.connection().messages()).extracting(message -> message.getString("type"))
                .containsExactly("welcome", "knock");
        assertThat(moderator.connection().single("knock").getJsonObject("participant").getString("id"))
                .isEqualTo(guest.participantId());
        assertThat(host.connection().messages("knock")).hasSize(1);
    }

    @Test
    void moderatorsSkipTheWaitingRoom() {
        String call = service.startCallWithWaitingRoom("Office hours");

        Client moderator = join(call, "Moderator", MODERATOR);

        assertThat(moderator.connection().messages()).extracting(message -> message.getString("type"))
                .containsExactly("welcome");
    }

    @ParameterizedTest
    @ValueSource(strings = {"offer", "answer", "ice", "media", "hand", "chat", "stats"})
    void waitingParticipantMayNotSignal(String type) {
        String call = service.startCallWithWaitingRoom("Office hours");
        Client host = join(call, "Host", HOST);
        Client guest = join(call, "Guest", PARTICIPANT);
        clear(host, guest);

        // Fields enough for every one of the types, so waiting is the only reason to refuse it.
        send(guest.connection(), message(type).add("to", host.participantId()).add("sdp", "v=0").addNull("candidate")
                .add("audio", false).add("raised", true).add("text", "let me in").add("rtt", 20));

        assertError(guest.connection(), ErrorCode.FORBIDDEN);
        assertThat(host.connection().messages()).isEmpty();
    }

    @Test
    void waitingParticipantMayPing() {
        String call = service.startCallWithWaitingRoom("Office hours");
        join(call, "Host", HOST);
        Client guest = join(call, "Guest", PARTICIPANT);
        guest.connection().clear();

        send(guest.connection(), message("ping"));

        assertThat(guest.connection().single("pong")).isNotNull();
    }

    @Test
    void waitingParticipantsAreNotAmongThePeersOfAWelcome() {
        String call = service.startCallWithWaitingRoom("Office hours");
        Client host = join(call, "Host", HOST);
        join(call, "Guest", PARTICIPANT);

        Client moderator = join(call, "Moderator", MODERATOR);

        assertThat(peerIds(moderator.connection().single("welcome"))).containsExactly(host.participantId());
    }

    @Test
    void admittedParticipantIsWelcomedAndAnnounced() {
        String call = service.startCallWithWaitingRoom("Office hours");
        Client host = join(call, "Host", HOST);
        Client moderator = join(call, "Moderator", MODERATOR);
        Client guest = join(call, "Guest", PARTICIPANT);
        clear(host, moderator, guest);

        send(moderator.connection(), message("admit").add("participantId", guest.participantId()));

        assertThat(guest.connection().messages()).extracting(message -> message.getString("type"))
                .containsExactly("admitted", "welcome");
        JsonObject welcome = guest.connection().single("welcome");
        assertThat(welcome.getJsonObject("you").getString("status")).isEqualTo("CONNECTED");
        assertThat(peerIds(welcome)).containsExactlyInAnyOrder(host.participantId(), moderator.participantId());
        for (Client client : List.of(host, moderator)) {
            assertThat(client.connection().single("peer-joined").getJsonObject("peer").getString("id"))
                    .isEqualTo(guest.participantId());
        }
        assertThat(service.participantStatus(guest.participantId())).isEqualTo(ParticipantStatus.CONNECTED);
    }

    @Test
    void admittedParticipantMaySignal() {
        String call = service.startCallWithWaitingRoom("Office hours");
        Client host = join(call, "Host", HOST);
        Client guest = join(call, "Guest", PARTICIPANT);
        send(host.connection(), message("admit").add("participantId", guest.participantId()));
        host.connection().clear();

        send(guest.connection(), message("offer").add("to", host.participantId()).add("sdp", "v=0"));

        assertThat(host.connection().single("offer").getString("from")).isEqualTo(guest.participantId());
    }

    @Test
    void deniedParticipantIsToldAndItsSocketClosesNormally() {
        String call = service.startCallWithWaitingRoom("Office hours");
        Client host = join(call, "Host", HOST);
        Client guest = join(call, "Guest", PARTICIPANT);
        clear(host, guest);

        send(host.connection(), message("deny").add("participantId", guest.participantId()));

        assertThat(guest.connection().messages()).extracting(message -> message.getString("type"))
                .containsExactly("denied");
        assertThat(guest.connection().closeCode()).hasValue(SignalingHub.CLOSE_NORMAL);
        assertThat(service.participantStatus(guest.participantId())).isEqualTo(ParticipantStatus.DENIED);
        assertThat(host.connection().messages()).isEmpty();
    }

    @Test
    void deniedParticipantCannotComeBack() {
        String call = service.startCallWithWaitingRoom("Office hours");
        Client host = join(call, "Host", HOST);
        Client guest = join(call, "Guest", PARTICIPANT);
        send(host.connection(), message("deny").add("participantId", guest.participantId()));
        hub.closed(guest.connection());

        FakePeerConnection again = connectWithTicket(call, guest.participantId());

        assertRefusedAndClosed(again, ErrorCode.PARTICIPANT_REMOVED);
    }

    @Test
    void admittingSomeoneWhoIsNotWaitingIsPeerNotFound() {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);
        host.connection().clear();

        send(host.connection(), message("admit").add("participantId", bob.participantId()));

        assertError(host.connection(), ErrorCode.PEER_NOT_FOUND);
    }

    // ---------------------------------------------------------------- moderation

    @ParameterizedTest
    @ValueSource(strings = {"admit", "deny", "mute", "remove", "end"})
    void moderationByANonModeratorIsForbidden(String action) {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(host, bob);

        send(bob.connection(), message(action).add("participantId", host.participantId()));

        assertError(bob.connection(), ErrorCode.FORBIDDEN);
        assertThat(host.connection().messages()).isEmpty();
        assertThat(service.mutes()).isEmpty();
        assertThat(service.removals()).isEmpty();
        assertThat(service.endedByModerator()).isEmpty();
    }

    @Test
    void mutedParticipantIsToldAndEveryoneSeesItsAudioOff() {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);
        Client carol = join("Carol", PARTICIPANT);
        clear(host, bob, carol);

        send(host.connection(), message("mute").add("participantId", bob.participantId()));

        assertThat(bob.connection().single("mute").getString("by")).isEqualTo(host.participantId());
        for (Client client : List.of(host, bob, carol)) {
            JsonObject peer = client.connection().single("peer-updated").getJsonObject("peer");
            assertThat(peer.getString("id")).isEqualTo(bob.participantId());
            assertThat(peer.getJsonObject("media").getBoolean("audio")).isFalse();
        }
        assertThat(host.connection().messages("mute")).isEmpty();
        assertThat(carol.connection().messages("mute")).isEmpty();
        assertThat(service.mutes()).containsExactly(new Mute(bob.participantId(), host.participantId()));
    }

    @Test
    void moderationWithoutATargetIsAValidationError() {
        Client host = join("Host", HOST);
        host.connection().clear();

        send(host.connection(), message("mute"));

        assertError(host.connection(), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void removalGoesThroughTheServiceWhoseEventDisconnectsTheTarget() {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);

        send(host.connection(), message("remove").add("participantId", bob.participantId()));

        assertThat(service.removals()).containsExactly(bob.participantId());
    }

    @Test
    void removedParticipantIsDisconnectedAndOthersSeeItLeave() {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);
        Client carol = join("Carol", PARTICIPANT);
        clear(host, bob, carol);

        hub.participantChanged(new ParticipantChanged(callId, bob.participantId(), true));

        assertThat(bob.connection().single("error").getString("code")).isEqualTo(ErrorCode.PARTICIPANT_REMOVED.name());
        assertThat(bob.connection().closeCode()).hasValue(SignalingHub.CLOSE_REMOVED);
        assertThat(bob.connection().closeReason()).hasValue("removed");
        for (Client client : List.of(host, carol)) {
            JsonObject left = client.connection().single("peer-left");
            assertThat(left.getString("participantId")).isEqualTo(bob.participantId());
            assertThat(left.getString("reason")).isEqualTo("removed");
        }
    }

    @Test
    void removedParticipantsClosingSocketIsNotADrop() {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);
        hub.participantChanged(new ParticipantChanged(callId, bob.participantId(), true));
        host.connection().clear();

        hub.closed(bob.connection());

        assertThat(host.connection().messages()).isEmpty();
        assertThat(service.disconnections()).isEmpty();
    }

    @Test
    void changeMadeThroughRestIsShownToEveryone() {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);
        service.changeMedia(callId, bob.participantId(), null, false, null);
        clear(host, bob);

        hub.participantChanged(new ParticipantChanged(callId, bob.participantId(), false));

        for (Client client : List.of(host, bob)) {
            JsonObject peer = client.connection().single("peer-updated").getJsonObject("peer");
            assertThat(peer.getString("id")).isEqualTo(bob.participantId());
            assertThat(peer.getJsonObject("media").getBoolean("video")).isFalse();
        }
    }

    @Test
    void endGoesThroughTheServiceWhoseEventEndsTheCallForEveryone() {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(host, bob);

        send(host.connection(), message("end"));
        hub.callClosed(new CallClosed(callId, CallStatus.ENDED));

        assertThat(service.endedByModerator()).containsExactly(callId);
        for (Client client : List.of(host, bob)) {
            assertThat(client.connection().messages()).extracting(message -> message.getString("type"))
                    .containsExactly("ended");
            assertThat(client.connection().single("ended").getString("reason")).isEqualTo("ended");
            assertThat(client.connection().closeCode()).hasValue(SignalingHub.CLOSE_NORMAL);
        }
    }

    @Test
    void callClosedThroughRestEndsItForEveryoneAndNobodyCanResume() {
        Client host = join("Host", HOST);
        Client bob = join("Bob", PARTICIPANT);
        Client carol = join("Carol", PARTICIPANT);
        String carolsToken = resumeTokenOf(carol);
        hub.closed(carol.connection());
        clear(host, bob);
        service.changeCallStatus(callId, CallStatus.CANCELLED);

        hub.callClosed(new CallClosed(callId, CallStatus.CANCELLED));

        for (Client client : List.of(host, bob)) {
            assertThat(client.connection().single("ended").getString("reason")).isEqualTo("cancelled");
            assertThat(client.connection().closeCode()).hasValue(SignalingHub.CLOSE_NORMAL);
        }
        assertRefusedAndClosed(resume(carolsToken), ErrorCode.RESUME_INVALID);
    }

    // ---------------------------------------------------------------- leave

    @Test
    void leavingTellsOthersAndClosesTheSocketNormally() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clear(alice, bob);

        send(bob.connection(), message("leave"));

        assertThat(bob.connection().closeCode()).hasValue(SignalingHub.CLOSE_NORMAL);
        assertThat(bob.connection().messages("peer-left")).isEmpty();
        JsonObject left = alice.connection().single("peer-left");
        assertThat(left.getString("participantId")).isEqualTo(bob.participantId());
        assertThat(left.getString("reason")).isEqualTo("left");
        assertThat(service.departures()).containsExactly(new Departure(bob.participantId(), "left"));
        assertThat(service.participantStatus(bob.participantId())).isEqualTo(ParticipantStatus.LEFT);
    }

    @Test
    void socketClosingAfterLeaveIsNotADrop() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        send(bob.connection(), message("leave"));
        alice.connection().clear();

        hub.closed(bob.connection());

        assertThat(alice.connection().messages()).isEmpty();
        assertThat(service.disconnections()).isEmpty();
    }

    @Test
    void resumeTokenIsVoidAfterLeaving() {
        join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        String token = resumeTokenOf(bob);
        send(bob.connection(), message("leave"));
        hub.closed(bob.connection());

        assertRefusedAndClosed(resume(token), ErrorCode.RESUME_INVALID);
    }

    // ---------------------------------------------------------------- drop and resume

    @Test
    void droppedSocketShowsThePeerAsReconnecting() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        alice.connection().clear();

        hub.closed(bob.connection());

        JsonObject peer = alice.connection().single("peer-updated").getJsonObject("peer");
        assertThat(peer.getString("id")).isEqualTo(bob.participantId());
        assertThat(peer.getString("status")).isEqualTo("RECONNECTING");
        assertThat(alice.connection().messages("peer-left")).isEmpty();
        assertThat(service.disconnections()).containsExactly(bob.participantId());
        assertThat(service.departures()).isEmpty();
    }

    @Test
    void droppedPeerIsAmongThePeersOfANewcomer() {
        join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        hub.closed(bob.connection());

        Client carol = join("Carol", PARTICIPANT);

        List<JsonObject> peers = carol.connection().single("welcome").getJsonArray("peers").getValuesAs(JsonObject.class);
        assertThat(peers).filteredOn(peer -> peer.getString("id").equals(bob.participantId()))
                .singleElement().satisfies(peer -> assertThat(peer.getString("status")).isEqualTo("RECONNECTING"));
    }

    @Test
    void resumeWithinTheGraceKeepsTheParticipantAndGivesAFreshWelcome() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        String token = resumeTokenOf(bob);
        hub.closed(bob.connection());
        clock.advance(RECONNECT_GRACE.minus(ONE_SECOND));
        alice.connection().clear();

        FakePeerConnection resumed = resume(token);

        JsonObject welcome = resumed.single("welcome");
        assertThat(welcome.getJsonObject("you").getString("id")).isEqualTo(bob.participantId());
        assertThat(welcome.getJsonObject("you").getString("status")).isEqualTo("CONNECTED");
        assertThat(welcome.getString("resumeToken")).isNotBlank().isNotEqualTo(token);
        assertThat(peerIds(welcome)).containsExactly(alice.participantId());
        JsonObject peer = alice.connection().single("peer-updated").getJsonObject("peer");
        assertThat(peer.getString("id")).isEqualTo(bob.participantId());
        assertThat(peer.getString("status")).isEqualTo("CONNECTED");
        assertThat(alice.connection().messages("peer-joined")).isEmpty();
        assertThat(service.participantStatus(bob.participantId())).isEqualTo(ParticipantStatus.CONNECTED);
    }

    @Test
    void resumedParticipantReceivesRelayedMessages() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        String token = resumeTokenOf(bob);
        hub.closed(bob.connection());
        FakePeerConnection resumed = resume(token);

        send(alice.connection(), message("offer").add("to", bob.participantId()).add("sdp", "v=0"));

        assertThat(resumed.single("offer").getString("from")).isEqualTo(alice.participantId());
    }

    @Test
    void resumeTokenWorksOnce() {
        join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        String token = resumeTokenOf(bob);
        hub.closed(bob.connection());
        FakePeerConnection resumed = resume(token);
        hub.closed(resumed);

        FakePeerConnection again = resume(token);

        assertRefusedAndClosed(again, ErrorCode.RESUME_INVALID);
    }

    @Test
    void freshResumeTokenWorksAfterAResume() {
        join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        hub.closed(bob.connection());
        FakePeerConnection resumed = resume(resumeTokenOf(bob));
        String freshToken = resumed.single("welcome").getString("resumeToken");
        hub.closed(resumed);

        FakePeerConnection again = resume(freshToken);

        assertThat(again.single("welcome").getJsonObject("you").getString("id")).isEqualTo(bob.participantId());
    }

    @Test
    void resumeWhileStillConnectedReplacesTheOldSocket() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        alice.connection().clear();

        FakePeerConnection resumed = resume(resumeTokenOf(bob));

        assertThat(bob.connection().single("error").getString("code")).isEqualTo(ErrorCode.CONNECTION_REPLACED.name());
        assertThat(bob.connection().closeCode()).hasValue(SignalingHub.CLOSE_REPLACED);
        assertThat(resumed.messages("welcome")).hasSize(1);
        assertThat(alice.connection().single("peer-updated").getJsonObject("peer").getString("id"))
                .isEqualTo(bob.participantId());
        assertThat(alice.connection().messages("peer-left")).isEmpty();
    }

    @Test
    void resumeAfterTheGraceIsRefused() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        String token = resumeTokenOf(bob);
        hub.closed(bob.connection());
        clock.advance(RECONNECT_GRACE.plus(ONE_SECOND));
        alice.connection().clear();

        FakePeerConnection late = resume(token);

        assertRefusedAndClosed(late, ErrorCode.RESUME_INVALID);
        assertThat(alice.connection().messages()).isEmpty();
    }

    @Test
    void unknownResumeTokenIsRefused() {
        FakePeerConnection connection = resume(RandomIds.randomToken(32));

        assertRefusedAndClosed(connection, ErrorCode.RESUME_INVALID);
    }

    @Test
    void resumeTokenOfAnotherCallIsRefused() {
        Client bob = join("Bob", HOST);
        hub.closed(bob.connection());
        String otherCall = service.startCall("Another call");
        FakePeerConnection connection = open(otherCall);

        send(connection, joinWith("resumeToken", resumeTokenOf(bob)));

        assertRefusedAndClosed(connection, ErrorCode.RESUME_INVALID);
    }

    @Test
    void droppedPeerLeavesWithTimeoutOnceTheGraceIsOver() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        hub.closed(bob.connection());
        alice.connection().clear();

        clock.advance(RECONNECT_GRACE);
        send(alice.connection(), message("ping"));
        hub.tick();
        assertThat(alice.connection().messages("peer-left")).isEmpty();

        clock.advance(ONE_SECOND);
        hub.tick();
        JsonObject left = alice.connection().single("peer-left");
        assertThat(left.getString("participantId")).isEqualTo(bob.participantId());
        assertThat(left.getString("reason")).isEqualTo("timeout");
        assertThat(service.departures()).containsExactly(new Departure(bob.participantId(), "timeout"));
    }

    // ---------------------------------------------------------------- liveness

    @Test
    void socketThatDoesNotJoinInTimeIsClosedByTheTick() {
        FakePeerConnection connection = open(callId);

        clock.advance(JOIN_TIMEOUT);
        hub.tick();
        assertThat(connection.isClosed()).isFalse();

        clock.advance(ONE_SECOND);
        hub.tick();
        assertRefusedAndClosed(connection, ErrorCode.SIGNALING_JOIN_REQUIRED);
        assertThat(hub.openConnections()).isZero();
    }

    @Test
    void joinedSocketIsNotClosedForTakingLongerThanTheJoinTimeout() {
        Client alice = join("Alice", HOST);

        clock.advance(JOIN_TIMEOUT.plus(ONE_SECOND));
        hub.tick();

        assertThat(alice.connection().isClosed()).isFalse();
    }

    @Test
    void silentSocketIsTreatedAsDroppedByTheTick() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        clock.advance(IDLE_TIMEOUT.minus(Duration.ofSeconds(5)));
        send(alice.connection(), message("ping"));
        clock.advance(Duration.ofSeconds(5));
        hub.tick();
        assertThat(bob.connection().isClosed()).isFalse();
        alice.connection().clear();

        clock.advance(ONE_SECOND);
        hub.tick();

        assertThat(bob.connection().isClosed()).isTrue();
        assertThat(alice.connection().isClosed()).isFalse();
        JsonObject peer = alice.connection().single("peer-updated").getJsonObject("peer");
        assertThat(peer.getString("id")).isEqualTo(bob.participantId());
        assertThat(peer.getString("status")).isEqualTo("RECONNECTING");
        assertThat(service.disconnections()).containsExactly(bob.participantId());
    }

    @Test
    void participantWhoseSilentSocketWasDroppedMayResume() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        String token = resumeTokenOf(bob);
        clock.advance(IDLE_TIMEOUT.plus(ONE_SECOND));
        send(alice.connection(), message("ping"));
        hub.tick();
        hub.closed(bob.connection());
        alice.connection().clear();

        FakePeerConnection resumed = resume(token);

        assertThat(resumed.single("welcome").getJsonObject("you").getString("id")).isEqualTo(bob.participantId());
        assertThat(alice.connection().single("peer-updated").getJsonObject("peer").getString("status"))
                .isEqualTo("CONNECTED");
    }

    // ---------------------------------------------------------------- flooding

    @Test
    void messagesBeyondTheBurstAreRateLimited() {
        Client alice = join("Alice", HOST);
        alice.connection().clear();

        // The join took the first message of the burst.
        for (int i = 1; i < BURST; i++) {
            send(alice.connection(), message("ping"));
        }
        assertThat(alice.connection().messages("pong")).hasSize(BURST - 1);

        send(alice.connection(), message("ping"));
        assertError(alice.connection(), ErrorCode.RATE_LIMITED);
        assertThat(alice.connection().messages("pong")).hasSize(BURST - 1);
    }

    @Test
    void sustainedFloodingClosesOnlyTheFloodersSocket() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        // The join and the pings fill the burst, then FLOOD_LIMIT pings are refused.
        for (int i = 1; i < BURST + FLOOD_LIMIT; i++) {
            send(alice.connection(), message("ping"));
        }
        assertThat(alice.connection().isClosed()).isFalse();
        bob.connection().clear();

        send(alice.connection(), message("ping"));

        assertThat(alice.connection().closeCode()).hasValue(SignalingHub.CLOSE_POLICY);
        assertThat(bob.connection().single("peer-updated").getJsonObject("peer").getString("status"))
                .isEqualTo("RECONNECTING");
        send(bob.connection(), message("ping"));
        send(bob.connection(), message("chat").add("text", "still here"));
        assertThat(bob.connection().messages("pong")).hasSize(1);
        assertThat(bob.connection().single("chat").getString("text")).isEqualTo("still here");
        assertThat(bob.connection().isClosed()).isFalse();
    }

    @Test
    void eachSocketHasItsOwnRateLimit() {
        Client alice = join("Alice", HOST);
        Client bob = join("Bob", PARTICIPANT);
        for (int i = 0; i < BURST; i++) {
            send(alice.connection(), message("ping"));
        }
        bob.connection().clear();

        send(bob.connection(), message("ping"));

        assertThat(bob.connection().messages()).extracting(message -> message.getString("type")).containsExactly("pong");
    }

    // ---------------------------------------------------------------- empty call

    @Test
    void callNobodyIsInAnyMoreEndsAfterTheEmptyCallGrace() {
        Client alice = join("Alice", HOST);
        send(alice.connection(), message("leave"));
        hub.closed(alice.connection());

        clock.advance(EMPTY_CALL_GRACE.minus(ONE_SECOND));
        hub.tick();
        assertThat(service.emptyCallEnds()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        hub.tick();
        assertThat(service.emptyCallEnds()).containsExactly(callId);
        assertThat(service.callStatus(callId)).isEqualTo(CallStatus.ENDED);
    }

    @Test
    void callIsKeptWhenSomeoneJoinsWithinTheEmptyCallGrace() {
        Client alice = join("Alice", HOST);
        send(alice.connection(), message("leave"));
        hub.tick();
        clock.advance(EMPTY_CALL_GRACE.minus(ONE_SECOND));
        join("Bob", PARTICIPANT);

        clock.advance(EMPTY_CALL_GRACE);
        hub.tick();

        assertThat(service.emptyCallEnds()).isEmpty();
    }

    @Test
    void callWhoseLastPeerTimedOutEndsAfterTheEmptyCallGrace() {
        Client alice = join("Alice", HOST);
        hub.closed(alice.connection());
        clock.advance(RECONNECT_GRACE.plus(ONE_SECOND));
        hub.tick();
        assertThat(service.departures()).containsExactly(new Departure(alice.participantId(), "timeout"));

        clock.advance(EMPTY_CALL_GRACE.plus(ONE_SECOND));
        hub.tick();

        assertThat(service.emptyCallEnds()).containsExactly(callId);
    }

    // ---------------------------------------------------------------- helpers

    /** A participant's socket with the id it joined as. */
    private record Client(String participantId, FakePeerConnection connection) {
    }

    private Client join(String displayName, ParticipantRole role) {
        return join(callId, displayName, role);
    }

    /** Invites someone to {@code call}, hands it a ticket and joins with it on a new socket. */
    private Client join(String call, String displayName, ParticipantRole role) {
        String participantId = service.invite(call, displayName, role);
        return new Client(participantId, connectWithTicket(call, participantId));
    }

    private FakePeerConnection connectWithTicket(String participantId) {
        return connectWithTicket(callId, participantId);
    }

    private FakePeerConnection connectWithTicket(String call, String participantId) {
        FakePeerConnection connection = open(call);
        send(connection, joinWith("ticket", service.ticket(participantId)));
        return connection;
    }

    private FakePeerConnection resume(String resumeToken) {
        FakePeerConnection connection = open(callId);
        send(connection, joinWith("resumeToken", resumeToken));
        return connection;
    }

    private FakePeerConnection open(String call) {
        FakePeerConnection connection = new FakePeerConnection();
        hub.opened(connection, call);
        return connection;
    }

    private void send(FakePeerConnection connection, JsonObjectBuilder message) {
        hub.received(connection, message.build());
    }

    private static JsonObjectBuilder message(String type) {
        return Json.createObjectBuilder().add("type", type);
    }

    private static JsonObjectBuilder joinWith(String credential, String value) {
        return message("join").add(credential, value);
    }

    private static String resumeTokenOf(Client client) {
        return client.connection().single("welcome").getString("resumeToken");
    }

    private static List<String> peerIds(JsonObject welcome) {
        return welcome.getJsonArray("peers").getValuesAs(JsonObject.class).stream().map(peer -> peer.getString("id"))
                .toList();
    }

    private static List<String> strings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static void clear(Client... clients) {
        for (Client client : clients) {
            client.connection().clear();
        }
    }

    /** The last message is an error with {@code code}, and the socket stays open. */
    private static void assertError(FakePeerConnection connection, ErrorCode code) {
        JsonObject last = connection.last();
        assertThat(last.getString("type")).isEqualTo("error");
        assertThat(last.getString("code")).isEqualTo(code.name());
        assertThat(last.getString("detail")).isNotBlank();
        assertThat(connection.isClosed()).as("socket closed by: " + last).isFalse();
    }

    /** The socket got one error with {@code code} and was closed for a policy violation, with nothing after. */
    private static void assertRefusedAndClosed(FakePeerConnection connection, ErrorCode code) {
        assertThat(connection.single("error").getString("code")).isEqualTo(code.name());
        assertThat(connection.last().getString("type")).isEqualTo("error");
        assertThat(connection.closeCode()).hasValue(SignalingHub.CLOSE_POLICY);
    }
}
