package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.ApiRequest;
import dev.kaiwa.it.Credential;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestUser;
import dev.kaiwa.it.Times;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chat in the room: a message is stored with the server's id and time and shown to everyone, the
 * sender included; the history is read over REST, oldest first and paged, by the call's
 * participants and by SSO users who see the call. Text is 1 to 500 characters; anything else is
 * refused without closing the socket.
 */
class ChatIT {
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final int MAXIMUM_LENGTH = 500;

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
    void messageReachesEveryoneWithTheServersIdAndTime() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        Instant before = Instant.now().minusSeconds(2);

        aiko.send(Messages.chat("よろしくお願いします"));

        JsonObject echoed = aiko.socket().await("chat");
        JsonObject delivered = hostInRoom.socket().await("chat");
        assertThat(echoed).isEqualTo(delivered);
        assertThat(delivered.getString("id", "")).isNotBlank();
        assertThat(delivered.getString("from")).isEqualTo(aiko.id());
        assertThat(delivered.getString("displayName")).isEqualTo(aiko.displayName());
        assertThat(delivered.getString("text")).isEqualTo("よろしくお願いします");
        assertThat(Times.instant(delivered, "sentAt")).isBetween(before, Instant.now().plusSeconds(2));
    }

    @Test
    void historyIsReadableWithTheParticipantToken() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        List<JsonObject> sent = List.of(say(hostInRoom, "Welcome, Aiko."), say(aiko, "Thank you!"),
                say(hostInRoom, "Shall we start?"));

        List<JsonObject> history = history(aiko, callId);

        assertSameMessages(history, sent);
    }

    @Test
    void historyIsReadableBySsoUsersWhoSeeTheCall() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        List<JsonObject> sent = List.of(say(aiko, "Can you hear me?"));

        assertSameMessages(history(host, callId), sent);
        assertSameMessages(history(organization.auditor(), callId), sent);
        assertProblem(api.get("/calls/" + callId + "/chat").as(Organization.fresh().admin()).send(), 404,
                "CALL_NOT_FOUND");
    }

    @Test
    void historyIsPagedOldestFirst() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        List<JsonObject> sent = new ArrayList<>();
        for (int number = 1; number <= 5; number++) {
            sent.add(say(aiko, "Message " + number));
        }

        JsonObject firstPage = api.get("/calls/" + callId + "/chat").as(aiko).query("limit", 2).send()
                .expectStatus(200).json();

        assertThat(firstPage.getJsonArray("items")).hasSize(2);
        assertThat(firstPage.getString("nextCursor", "")).isNotBlank();
        assertSameMessages(pages(aiko, callId, 2), sent);
    }

    @Test
    void historyOfAnotherCallIsInvisibleToAParticipant() {
        String callId = kaiwa.startedCall(host).getString("id");
        String otherCallId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        assertProblem(api.get("/calls/" + otherCallId + "/chat").as(aiko).send(), 404, "CALL_NOT_FOUND");
    }

    @Test
    void historyNeedsCredentials() {
        String callId = kaiwa.startedCall(host).getString("id");

        assertThat(api.get("/calls/" + callId + "/chat").send().status()).isEqualTo(401);
    }

    @Test
    void emptyMessageIsRefusedAndTheSocketStaysOpen() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);

        for (String text : List.of("", "   ", "\n\t")) {
            aiko.send(Messages.chat(text));

            aiko.socket().awaitError("VALIDATION_FAILED");
        }

        hostInRoom.socket().assertNothing("chat", QUIET);
        assertThat(history(host, callId)).isEmpty();
        say(aiko, "Still here");
    }

    @Test
    void messageOfFiveHundredCharactersIsTheLongestAccepted() {
        String callId = kaiwa.startedCall(host).getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant aiko = signaling.connectGuest(host, callId);
        String longest = "あ".repeat(MAXIMUM_LENGTH);

        aiko.send(Messages.chat(longest + "x"));

        aiko.socket().awaitError("VALIDATION_FAILED");
        hostInRoom.socket().assertNothing("chat", QUIET);
        assertThat(say(aiko, longest).getString("text")).isEqualTo(longest);
        assertThat(history(host, callId)).extracting(message -> message.getString("text")).containsExactly(longest);
    }

    /** Sends a chat message and returns it as the room received it; the sender's echo and the host's copy agree. */
    private static JsonObject say(ConnectedParticipant sender, String text) {
        sender.send(Messages.chat(text));
        return sender.socket().awaitMatching("the echo of \"" + text + "\"",
                message -> "chat".equals(message.getString("type", null)) && text.equals(message.getString("text", null)));
    }

    private List<JsonObject> history(Credential reader, String callId) {
        return api.get("/calls/" + callId + "/chat").as(reader).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);
    }

    /** Every message of the history, following the cursor through pages of {@code limit}. */
    private List<JsonObject> pages(Credential reader, String callId, int limit) {
        List<JsonObject> messages = new ArrayList<>();
        Set<String> cursors = new LinkedHashSet<>();
        String cursor = null;
        do {
            ApiRequest request = api.get("/calls/" + callId + "/chat").as(reader).query("limit", limit);
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            JsonObject page = request.send().expectStatus(200).json();
            List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
            cursor = page.getString("nextCursor", null);
            assertThat(items.size()).as("size of page %s", page).isLessThanOrEqualTo(limit);
            assertThat(items.isEmpty() && cursor != null).as("empty page with a cursor: %s", page).isFalse();
            assertThat(cursor == null || cursors.add(cursor)).as("cursor %s is new", cursor).isTrue();
            messages.addAll(items);
        }
        while (cursor != null);
        return messages;
    }

    /**
     * The history shows the messages as the room received them: same id, sender, name and text, and
     * the same time (to the millisecond: the database may keep fewer digits than the broadcast).
     */
    private static void assertSameMessages(List<JsonObject> history, List<JsonObject> received) {
        assertThat(history).as("history").hasSameSizeAs(received);
        for (int index = 0; index < received.size(); index++) {
            JsonObject stored = history.get(index);
            JsonObject sent = received.get(index);
            for (String field : List.of("id", "from", "displayName", "text")) {
                assertThat(stored.getString(field, null)).as("%s of history item %s, received as %s", field, stored, sent)
                        .isEqualTo(sent.getString(field));
            }
            assertThat(Times.instant(stored, "sentAt").truncatedTo(ChronoUnit.MILLIS))
                    .as("sentAt of history item %s, received as %s", stored, sent)
                    .isEqualTo(Times.instant(sent, "sentAt").truncatedTo(ChronoUnit.MILLIS));
        }
    }
}
