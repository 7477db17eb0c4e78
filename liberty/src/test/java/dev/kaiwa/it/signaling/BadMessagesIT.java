package dev.kaiwa.it.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a joined socket does with bad input: a bad message is answered with an {@code error} and
 * the socket goes on working; only a frame over the size cap (1009) and a flood past the rate limit
 * (1008) close it, and never anyone else's.
 */
class BadMessagesIT {
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Set<String> MALFORMED = Set.of("BAD_MESSAGE");
    private static final Set<String> INVALID = Set.of("BAD_MESSAGE", "VALIDATION_FAILED");
    /** Stands for the other participant's id in the messages below. */
    private static final String PEER = "{peer}";
    /** Messages after the limit the test sends at most while waiting for the socket to close. */
    private static final int FLOOD_LIMIT = 5_000;

    private final Kaiwa kaiwa = new Kaiwa();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final Sockets sockets = new Sockets();
    private final Signaling signaling = new Signaling(kaiwa, sockets);

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                bad("truncated JSON", "{\"type\":\"chat\",", MALFORMED),
                bad("not JSON", "hello there", MALFORMED),
                bad("JSON array", "[{\"type\":\"ping\"}]", MALFORMED),
                bad("JSON string", "\"ping\"", MALFORMED),
                bad("JSON null", "null", MALFORMED),
                bad("unknown type", "{\"type\":\"teleport\"}", MALFORMED),
                bad("no type", "{\"text\":\"hello\"}", INVALID),
                bad("numeric type", "{\"type\":42}", INVALID),
                bad("null type", "{\"type\":null}", INVALID),
                bad("offer without target", "{\"type\":\"offer\",\"sdp\":\"v=0\"}", INVALID),
                bad("offer without sdp", "{\"type\":\"offer\",\"to\":\"" + PEER + "\"}", INVALID),
                bad("offer with numeric sdp", "{\"type\":\"offer\",\"to\":\"" + PEER + "\",\"sdp\":42}", INVALID),
                bad("offer with numeric target", "{\"type\":\"offer\",\"to\":42,\"sdp\":\"v=0\"}", INVALID),
                bad("answer with sdp array", "{\"type\":\"answer\",\"to\":\"" + PEER + "\",\"sdp\":[\"v=0\"]}", INVALID),
                bad("ice with candidate string",
                        "{\"type\":\"ice\",\"to\":\"" + PEER + "\",\"candidate\":\"candidate:1 1 udp 1 198.51.100.1 9 typ host\"}",
                        INVALID),
                bad("media with string flag", "{\"type\":\"media\",\"audio\":\"yes\"}", INVALID),
                bad("media with numeric flag", "{\"type\":\"media\",\"video\":1}", INVALID),
                bad("hand without raised", "{\"type\":\"hand\"}", INVALID),
                bad("hand with string raised", "{\"type\":\"hand\",\"raised\":\"true\"}", INVALID),
                bad("chat without text", "{\"type\":\"chat\"}", INVALID),
                bad("chat with numeric text", "{\"type\":\"chat\",\"text\":42}", INVALID),
                bad("stats with string rtt",
                        "{\"type\":\"stats\",\"rtt\":\"fast\",\"jitter\":1,\"packetLoss\":0,\"bitrate\":1000}", INVALID),
                bad("stats with packet loss over 1",
                        "{\"type\":\"stats\",\"rtt\":10,\"jitter\":1,\"packetLoss\":1.5,\"bitrate\":1000}", INVALID));
    }

    private static Arguments bad(String description, String text, Set<String> codes) {
        return Arguments.of(description, text, codes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void badMessageIsAnsweredWithAnErrorAndTheSocketGoesOn(String description, String text, Set<String> codes) {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.socket().sendText(text.replace(PEER, hostInRoom.id()));

        assertError(awaitError(aiko, hostInRoom), codes);
        assertStillWorking(aiko, hostInRoom);
    }

    @Test
    void moderationOfAnUnknownParticipantIsPeerNotFound() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        String nobody = "Zz" + Organization.uniqueSuffix() + Organization.uniqueSuffix() + "zzzzzz";

        for (JsonObject message : List.of(Messages.mute(nobody), Messages.remove(nobody), Messages.admit(nobody),
                Messages.deny(nobody))) {
            hostInRoom.send(message);

            JsonObject error = hostInRoom.socket().await("error");
            assertThat(error.getString("code", null)).as("code of %s answering %s", error, message)
                    .isEqualTo("PEER_NOT_FOUND");
        }

        assertStillWorking(hostInRoom, aiko);
    }

    @Test
    void moderationWithoutATargetIsRefused() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        for (String text : List.of("{\"type\":\"mute\"}", "{\"type\":\"remove\",\"participantId\":42}")) {
            hostInRoom.socket().sendText(text);

            assertError(hostInRoom.socket().await("error"), INVALID);
        }

        aiko.socket().assertNothing("mute", QUIET);
        assertStillWorking(hostInRoom, aiko);
    }

    @Test
    void binaryFrameIsRefusedAndTheSocketGoesOn() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        assertThat(aiko.socket().trySendBinary(new byte[] {0x52, 0x49, 0x46, 0x46, 0, 1, 2, 3})).isTrue();

        assertError(aiko.socket().await("error"), MALFORMED);
        assertStillWorking(aiko, hostInRoom);
    }

    @Test
    void frameAtTheSizeCapIsReadAsAMessage() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        aiko.socket().sendText(chatOfBytes(SignalingSettings.maximumMessageBytes()));

        // Read and judged: too long for a chat message, yet no reason to close the socket.
        aiko.socket().awaitError("VALIDATION_FAILED");
        assertStillWorking(aiko, hostInRoom);
    }

    @Test
    void frameOverTheSizeCapClosesTheSocket() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId);

        aiko.socket().trySendText(chatOfBytes(SignalingSettings.maximumMessageBytes() + 1));

        assertThat(aiko.socket().awaitClose().code()).isEqualTo(CloseStatus.TOO_BIG);
        hostInRoom.socket().assertNothing("chat", QUIET);
        assertStillWorking(ken, hostInRoom);
    }

    @Test
    void floodPastTheRateLimitIsRefusedThenClosedWhileThePeersCarryOn() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        ConnectedParticipant ken = signaling.connectGuest(host, callId);
        Predicate<JsonObject> rateLimited = message -> "error".equals(message.getString("type", null))
                && "RATE_LIMITED".equals(message.getString("code", null));
        String ping = Messages.ping().toString();

        int sent = 0;
        while (!aiko.socket().hasReceived(rateLimited) && sent < FLOOD_LIMIT && aiko.socket().trySendText(ping)) {
            sent++;
        }

        // The server may still be working through the pings queued on the socket: wait for its answer.
        aiko.socket().awaitMatching("RATE_LIMITED after " + sent + " pings", rateLimited);
        assertThat(sent).as("pings before the first RATE_LIMITED").isGreaterThan(SignalingSettings.messagesPerSecond());
        assertStillWorking(ken, hostInRoom);
        while (!aiko.socket().isClosed() && sent < FLOOD_LIMIT && aiko.socket().trySendText(ping)) {
            sent++;
        }
        assertThat(aiko.socket().awaitClose().code()).as("close after %s pings", sent)
                .isEqualTo(CloseStatus.POLICY_VIOLATION);
        assertStillWorking(ken, hostInRoom);
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("IN_PROGRESS");
    }

    /** The error the sender got; when none comes, the failure also shows what its peer received instead. */
    private static JsonObject awaitError(ConnectedParticipant sender, ConnectedParticipant peer) {
        try {
            return sender.socket().await("error");
        }
        catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nMeanwhile its peer: " + peer.socket().describe(), e);
        }
    }

    /** An error of one of the codes, with a detail that tells what was wrong and no stack trace. */
    private static void assertError(JsonObject error, Set<String> codes) {
        assertThat(error.getString("code", null)).as("code of %s", error).isIn(codes);
        assertThat(error.getString("detail", "")).as("detail of %s", error).isNotBlank()
                .doesNotContain("Exception", "\tat ");
    }

    /**
     * The sender's socket is open and served, and it still reaches its peer; the peer got nothing
     * from the bad input.
     */
    private static void assertStillWorking(ConnectedParticipant sender, ConnectedParticipant peer) {
        sender.socket().assertResponsive();
        peer.socket().assertNothingMatching("anything relayed or broadcast from bad input",
                message -> Set.of("offer", "answer", "ice", "chat", "mute").contains(message.getString("type", "")),
                Duration.ZERO);
        String sdp = Messages.sdp("still working");
        sender.send(Messages.offer(peer.id(), sdp));
        JsonObject offer = peer.socket().await("offer");
        assertThat(offer.getString("from")).isEqualTo(sender.id());
        assertThat(offer.getString("sdp")).isEqualTo(sdp);
    }

    /** A chat message of exactly {@code bytes} bytes of UTF-8. */
    private static String chatOfBytes(int bytes) {
        String empty = Messages.chat("").toString();
        String text = Messages.chat("x".repeat(bytes - empty.getBytes(StandardCharsets.UTF_8).length)).toString();
        assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return text;
    }
}
