package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertFieldError;
import static dev.kaiwa.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Participants of a call: what their participant token lets them do, the hosts' role and removal
 * rules, media flags, and the call's event log.
 */
class ParticipantIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();

    @Test
    void participantTokenReadsItsOwnCall() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        assertThat(kaiwa.getCall(guest, callId).getString("id")).isEqualTo(callId);
        assertThat(kaiwa.participants(guest, callId)).extracting(participant -> participant.getString("id"))
                .contains(guest.participantId());
        assertThat(kaiwa.eventTypes(guest, callId)).contains("CREATED", "JOINED");
    }

    @Test
    void participantTokenChangesItsOwnMedia() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        JsonObject before = guest.participant().getJsonObject("media");

        JsonObject changed = api.patch("/calls/" + callId + "/participants/" + guest.participantId()).as(guest)
                .json(Json.createObjectBuilder()
                        .add("media", Json.createObjectBuilder().add("audio", false).add("hand", true))
                        .build())
                .send().expectStatus(200).json();

        JsonObject media = changed.getJsonObject("media");
        assertThat(media.getBoolean("audio")).isFalse();
        assertThat(media.getBoolean("hand")).isTrue();
        assertThat(media.getBoolean("video")).isEqualTo(before.getBoolean("video"));
        assertThat(media.getBoolean("screen")).isEqualTo(before.getBoolean("screen"));
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getJsonObject("media")).isEqualTo(media);
        assertThat(kaiwa.events(host, callId)).last().satisfies(event -> {
            assertThat(event.getString("type")).isEqualTo("MEDIA_CHANGED");
            assertThat(event.getString("participantId")).isEqualTo(guest.participantId());
        });
    }

    @Test
    void participantTokenOnAnotherCallFindsNothing() {
        String callId = kaiwa.createCall(host).getString("id");
        String otherCallId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        assertProblem(api.get("/calls/" + otherCallId).as(guest).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.get("/calls/" + otherCallId + "/participants").as(guest).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.get("/calls/" + otherCallId + "/events").as(guest).send(), 404, "CALL_NOT_FOUND");
    }

    @Test
    void forgedParticipantTokensAreRefused() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        for (String forged : List.of(Jwts.forgedParticipantToken(callId, guest.participantId()),
                Jwts.tampered(guest.bearerToken()))) {
            assertProblem(api.get("/calls/" + callId).bearer(forged).send(), 401, "PARTICIPANT_TOKEN_INVALID");
            assertProblem(api.get("/calls/" + callId + "/participants").bearer(forged).send(), 401,
                    "PARTICIPANT_TOKEN_INVALID");
        }
    }

    @Test
    void participantTokenCannotCreateCalls() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "CO_HOST");

        ApiResponse response = api.post("/calls").as(guest).json(CallRequests.videoCall().build()).send();

        assertThat(response.status()).as(response.describe()).isIn(401, 403);
        Problems.assertClientProblem(response);
    }

    @Test
    void participantsAreListedAndFilteredByStatus() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant creator = kaiwa.join(host, callId);
        JoinedParticipant staying = kaiwa.guest(host, callId, "PARTICIPANT");
        JoinedParticipant removed = kaiwa.guest(host, callId, "VIEWER");
        api.delete("/calls/" + callId + "/participants/" + removed.participantId()).as(host).send().expectStatus(200);

        List<JsonObject> everyone = kaiwa.participants(host, callId);
        List<JsonObject> gone = participantsWithStatus(callId, "REMOVED");
        // Nobody opened the signaling WebSocket, so nobody is connected.
        List<JsonObject> connected = participantsWithStatus(callId, "CONNECTED");

        assertThat(everyone).extracting(participant -> participant.getString("id"))
                .containsExactlyInAnyOrder(creator.participantId(), staying.participantId(), removed.participantId());
        assertThat(everyone).allSatisfy(participant -> {
            assertThat(participant.getString("callId")).isEqualTo(callId);
            assertThat(participant.keySet()).contains("displayName", "role", "status", "media");
        });
        assertThat(gone).extracting(participant -> participant.getString("id"))
                .containsExactly(removed.participantId());
        assertThat(connected).isEmpty();
    }

    @Test
    void hostChangesARole() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        JsonObject changed = changeRole(host, callId, guest.participantId(), "MODERATOR").expectStatus(200).json();

        assertThat(changed.getString("role")).isEqualTo("MODERATOR");
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getString("role")).isEqualTo("MODERATOR");
        assertThat(kaiwa.events(host, callId)).last().satisfies(event -> {
            assertThat(event.getString("type")).isEqualTo("ROLE_CHANGED");
            assertThat(event.getString("participantId")).isEqualTo(guest.participantId());
        });
    }

    @Test
    void hostHandsTheHostRoleOverAndStepsDown() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant creator = kaiwa.join(host, callId);
        JoinedParticipant guest = kaiwa.guest(host, callId, "CO_HOST");

        changeRole(host, callId, guest.participantId(), "HOST").expectStatus(200);
        JsonObject steppedDown = changeRole(host, callId, creator.participantId(), "CO_HOST").expectStatus(200).json();

        assertThat(steppedDown.getString("role")).isEqualTo("CO_HOST");
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getString("role")).isEqualTo("HOST");
    }

    @Test
    void lastHostCannotBeDemoted() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant creator = kaiwa.join(host, callId);

        assertProblem(changeRole(host, callId, creator.participantId(), "CO_HOST"), 409, "LAST_HOST");
        assertThat(kaiwa.participant(host, callId, creator.participantId()).getString("role")).isEqualTo("HOST");
    }

    @Test
    void lastHostCannotBeRemoved() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant creator = kaiwa.join(host, callId);

        ApiResponse response = api.delete("/calls/" + callId + "/participants/" + creator.participantId()).as(host).send();

        assertProblem(response, 409, "LAST_HOST");
    }

    @Test
    void coHostCannotGrantTheHostRole() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant coHost = kaiwa.guest(host, callId, "CO_HOST");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        assertProblem(changeRole(coHost, callId, guest.participantId(), "HOST"), 403, "ROLE_NOT_GRANTABLE");
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getString("role")).isEqualTo("PARTICIPANT");
    }

    @Test
    void coHostCannotChangeTheHost() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant creator = kaiwa.join(host, callId);
        JoinedParticipant coHost = kaiwa.guest(host, callId, "CO_HOST");

        assertProblem(changeRole(coHost, callId, creator.participantId(), "PARTICIPANT"), 403, "ROLE_NOT_GRANTABLE");
        assertThat(kaiwa.participant(host, callId, creator.participantId()).getString("role")).isEqualTo("HOST");
    }

    @Test
    void coHostGrantsRolesBelowHost() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant coHost = kaiwa.guest(host, callId, "CO_HOST");
        JoinedParticipant guest = kaiwa.guest(host, callId, "VIEWER");

        JsonObject changed = changeRole(coHost, callId, guest.participantId(), "CO_HOST").expectStatus(200).json();

        assertThat(changed.getString("role")).isEqualTo("CO_HOST");
    }

    @Test
    void participantsWhoAreNotHostsCannotChangeRoles() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant moderator = kaiwa.guest(host, callId, "MODERATOR");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        assertProblem(changeRole(moderator, callId, guest.participantId(), "CO_HOST"), 403, "FORBIDDEN");
        assertProblem(changeRole(guest, callId, guest.participantId(), "HOST"), 403, "FORBIDDEN");
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getString("role")).isEqualTo("PARTICIPANT");
    }

    @Test
    void participantCannotChangeSomeoneElsesMedia() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant creator = kaiwa.join(host, callId);
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        ApiResponse response = api.patch("/calls/" + callId + "/participants/" + creator.participantId()).as(guest)
                .json(Json.createObjectBuilder().add("media", Json.createObjectBuilder().add("audio", false)).build())
                .send();

        assertProblem(response, 403, "FORBIDDEN");
        assertThat(kaiwa.participant(host, callId, creator.participantId()).getJsonObject("media").getBoolean("audio"))
                .isEqualTo(creator.participant().getJsonObject("media").getBoolean("audio"));
    }

    @Test
    void hostMutesAGuest() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        JsonObject changed = api.patch("/calls/" + callId + "/participants/" + guest.participantId()).as(host)
                .json(Json.createObjectBuilder().add("media", Json.createObjectBuilder().add("audio", false)).build())
                .send().expectStatus(200).json();

        assertThat(changed.getJsonObject("media").getBoolean("audio")).isFalse();
    }

    @Test
    void hostRemovesAParticipant() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        JsonObject removed = api.delete("/calls/" + callId + "/participants/" + guest.participantId()).as(host).send()
                .expectStatus(200).json();

        assertThat(removed.getString("id")).isEqualTo(guest.participantId());
        assertThat(removed.getString("status")).isEqualTo("REMOVED");
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getString("status")).isEqualTo("REMOVED");
        assertThat(kaiwa.events(host, callId)).last().satisfies(event -> {
            assertThat(event.getString("type")).isEqualTo("REMOVED");
            assertThat(event.getString("participantId")).isEqualTo(guest.participantId());
        });
    }

    @Test
    void participantCannotRemoveOthers() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        JoinedParticipant other = kaiwa.guest(host, callId, "PARTICIPANT");

        ApiResponse response = api.delete("/calls/" + callId + "/participants/" + other.participantId()).as(guest).send();

        assertProblem(response, 403, "FORBIDDEN");
        assertThat(kaiwa.participant(host, callId, other.participantId()).getString("status")).isNotEqualTo("REMOVED");
    }

    @Test
    void unknownParticipantIsNotFound() {
        String callId = kaiwa.createCall(host).getString("id");
        String unknownId = "E".repeat(20) + Organization.uniqueSuffix();

        assertProblem(changeRole(host, callId, unknownId, "VIEWER"), 404, "PARTICIPANT_NOT_FOUND");
        assertProblem(api.delete("/calls/" + callId + "/participants/" + unknownId).as(host).send(), 404,
                "PARTICIPANT_NOT_FOUND");
    }

    @Test
    void participantOfAnotherCallIsNotFound() {
        String callId = kaiwa.createCall(host).getString("id");
        String otherCallId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guestOfOtherCall = kaiwa.guest(host, otherCallId, "PARTICIPANT");

        assertProblem(changeRole(host, callId, guestOfOtherCall.participantId(), "VIEWER"), 404, "PARTICIPANT_NOT_FOUND");
        assertProblem(api.delete("/calls/" + callId + "/participants/" + guestOfOtherCall.participantId()).as(host).send(),
                404, "PARTICIPANT_NOT_FOUND");
    }

    @Test
    void unknownRoleIsRejected() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        assertFieldError(changeRole(host, callId, guest.participantId(), "OWNER"), "role");
    }

    @Test
    void eventsArePagedOldestFirstWithoutDuplicates() {
        String callId = kaiwa.createCall(host).getString("id");
        for (int i = 0; i < 4; i++) {
            kaiwa.invite(host, callId);
        }
        for (String action : List.of("start", "pause", "resume")) {
            kaiwa.move(host, callId, action);
        }

        List<JsonObject> paged = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            ApiRequest request = api.get("/calls/" + callId + "/events").as(host).query("limit", 3);
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            JsonObject page = request.send().expectStatus(200).json();
            List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
            pageSizes.add(items.size());
            paged.addAll(items);
            cursor = page.getString("nextCursor", null);
            assertThat(pageSizes).as("pages so far").hasSizeLessThanOrEqualTo(3);
        }
        while (cursor != null);

        assertThat(pageSizes).containsExactly(3, 3, 2);
        assertThat(paged).extracting(event -> event.getString("type")).containsExactly("CREATED", "INVITE_CREATED",
                "INVITE_CREATED", "INVITE_CREATED", "INVITE_CREATED", "STARTED", "PAUSED", "RESUMED");
        assertThat(paged).extracting(event -> event.getString("id")).doesNotHaveDuplicates();
        assertThat(paged).extracting(event -> Times.instant(event, "occurredAt")).isSorted();
        assertThat(kaiwa.events(host, callId)).isEqualTo(paged);
    }

    private List<JsonObject> participantsWithStatus(String callId, String status) {
        return api.get("/calls/" + callId + "/participants").as(host).query("status", status).send().expectStatus(200)
                .items().getValuesAs(JsonObject.class);
    }

    private ApiResponse changeRole(Credential actor, String callId, String participantId, String role) {
        return api.patch("/calls/" + callId + "/participants/" + participantId).as(actor)
                .json(Json.createObjectBuilder().add("role", role).build()).send();
    }
}
