package dev.kaiwa.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps tests take to get a call into the state they examine, each asserting that it worked:
 * a test reads as the scenario, and a failing step says which request went wrong.
 */
public final class Kaiwa {
    private final ApiClient api = ApiClient.api();

    public ApiClient api() {
        return api;
    }

    /** A VIDEO call scheduled tomorrow, created by {@code host}. */
    public JsonObject createCall(TestUser host) {
        return createCall(host, CallRequests.videoCall().build());
    }

    public JsonObject createCall(TestUser host, JsonObject body) {
        return api.post("/calls").as(host).json(body).send().expectStatus(201).json();
    }

    /** A call created and started by {@code host}. */
    public JsonObject startedCall(TestUser host) {
        String callId = createCall(host).getString("id");
        return move(host, callId, "start");
    }

    public JsonObject getCall(Credential reader, String callId) {
        return api.get("/calls/" + callId).as(reader).send().expectStatus(200).json();
    }

    /** {@code POST /calls/{id}/<action>} with action start, pause, resume, end or cancel. */
    public JsonObject move(Credential actor, String callId, String action) {
        return api.post("/calls/" + callId + "/" + action).as(actor).send().expectStatus(200).json();
    }

    /** A multi-use PARTICIPANT invite with a made-up display name. */
    public JsonObject invite(Credential host, String callId) {
        return invite(host, callId, CallRequests.guestInvite().build());
    }

    public JsonObject invite(Credential host, String callId, JsonObject body) {
        return api.post("/calls/" + callId + "/invites").as(host).json(body).send().expectStatus(201).json();
    }

    /** An SSO user joins with an empty body. */
    public JoinedParticipant join(TestUser user, String callId) {
        JsonObject response = api.post("/calls/" + callId + "/join").as(user).json(JsonValue.EMPTY_JSON_OBJECT)
                .send().expectStatus(200).json();
        return new JoinedParticipant(callId, response);
    }

    /** A guest joins with an invite token and no Authorization. */
    public JoinedParticipant joinWithInvite(String inviteToken, String callId) {
        return new JoinedParticipant(callId, joinWithInviteRequest(inviteToken, callId).send().expectStatus(200).json());
    }

    public ApiRequest joinWithInviteRequest(String inviteToken, String callId) {
        return api.post("/calls/" + callId + "/join").json(Json.createObjectBuilder().add("inviteToken", inviteToken).build());
    }

    /** A guest invited by {@code host} with {@code role}, joined. */
    public JoinedParticipant guest(Credential host, String callId, String role) {
        JsonObject invite = invite(host, callId, CallRequests.guestInvite().add("role", role).build());
        return joinWithInvite(invite.getString("token"), callId);
    }

    public List<JsonObject> participants(Credential reader, String callId) {
        return api.get("/calls/" + callId + "/participants").as(reader).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);
    }

    public JsonObject participant(Credential reader, String callId, String participantId) {
        return participants(reader, callId).stream()
                .filter(participant -> participant.getString("id").equals(participantId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No participant " + participantId + " in call " + callId));
    }

    /** Every event of the call, following the cursor through all pages. */
    public List<JsonObject> events(Credential reader, String callId) {
        List<JsonObject> events = new ArrayList<>();
        Set<String> cursors = new LinkedHashSet<>();
        String cursor = null;
        do {
            ApiRequest request = api.get("/calls/" + callId + "/events").as(reader).query("limit", 100);
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            JsonObject page = request.send().expectStatus(200).json();
            events.addAll(page.getJsonArray("items").getValuesAs(JsonObject.class));
            cursor = page.getString("nextCursor", null);
            if (cursor != null && !cursors.add(cursor)) {
                throw new AssertionError("The events of call " + callId + " repeat cursor " + cursor);
            }
        }
        while (cursor != null);
        return events;
    }

    /** The types of the call's events, oldest first. */
    public List<String> eventTypes(Credential reader, String callId) {
        return events(reader, callId).stream().map(event -> event.getString("type")).toList();
    }
}
