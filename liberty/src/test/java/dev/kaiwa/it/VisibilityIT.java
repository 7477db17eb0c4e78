package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertOneOf;
import static dev.kaiwa.it.Problems.assertProblem;
import static dev.kaiwa.it.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who sees which call: creators, participants, and their organization's admins and auditors; for
 * everyone else the call does not exist, so ids of other organizations' calls cannot be probed.
 */
class VisibilityIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();

    @Test
    void callOfAnotherOrganizationDoesNotExistForItsAdmins() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        TestUser foreignAdmin = Organization.fresh().admin();

        assertNotFoundFor(foreignAdmin, callId, guest.participantId());
    }

    @Test
    void callOfAnotherOrganizationDoesNotExistForItsAuditorsAndHosts() {
        String callId = kaiwa.createCall(host).getString("id");
        Organization other = Organization.fresh();

        for (TestUser stranger : List.of(other.auditor(), other.host())) {
            assertProblem(api.get("/calls/" + callId).as(stranger).send(), 404, "CALL_NOT_FOUND");
            assertProblem(api.get("/calls/" + callId + "/events").as(stranger).send(), 404, "CALL_NOT_FOUND");
        }
    }

    @Test
    void callsOfAnotherOrganizationAreNotListed() {
        String reference = "crm-" + Organization.uniqueSuffix();
        kaiwa.createCall(host, CallRequests.videoCall().add("externalRef", reference).build());
        TestUser foreignAdmin = Organization.fresh().admin();

        List<JsonObject> listed = api.get("/calls").as(foreignAdmin).query("externalRef", reference).send()
                .expectStatus(200).items().getValuesAs(JsonObject.class);

        assertThat(listed).isEmpty();
    }

    @Test
    void anotherHostOfTheSameOrganizationDoesNotSeeTheCall() {
        String callId = kaiwa.createCall(host).getString("id");
        TestUser colleague = organization.host();

        assertProblem(api.get("/calls/" + callId).as(colleague).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.post("/calls/" + callId + "/start").as(colleague).send(), 404, "CALL_NOT_FOUND");
        assertThat(api.get("/calls").as(colleague).send().expectStatus(200).items()).isEmpty();
    }

    @Test
    void auditorReadsEveryCallOfTheOrganization() {
        String callId = kaiwa.createCall(host).getString("id");
        kaiwa.join(host, callId);
        TestUser auditor = organization.auditor();

        assertThat(kaiwa.getCall(auditor, callId).getString("id")).isEqualTo(callId);
        assertThat(kaiwa.participants(auditor, callId)).hasSize(1);
        assertThat(kaiwa.eventTypes(auditor, callId)).startsWith("CREATED");
        assertThat(api.get("/calls").as(auditor).send().expectStatus(200).items().getValuesAs(JsonObject.class))
                .extracting(call -> call.getString("id"))
                .containsExactly(callId);
    }

    @Test
    void auditorChangesNothing() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        String inviteId = kaiwa.invite(host, callId).getString("id");
        TestUser auditor = organization.auditor();

        assertProblem(api.patch("/calls/" + callId).as(auditor).json(Json.createObjectBuilder().add("title", "Audited")
                .build()).send(), 403, "FORBIDDEN");
        for (String action : List.of("start", "cancel")) {
            assertProblem(api.post("/calls/" + callId + "/" + action).as(auditor).send(), 403, "FORBIDDEN");
        }
        assertProblem(api.post("/calls/" + callId + "/invites").as(auditor).json(CallRequests.guestInvite().build())
                .send(), 403, "FORBIDDEN");
        assertProblem(api.delete("/calls/" + callId + "/invites/" + inviteId).as(auditor).send(), 403, "FORBIDDEN");
        assertProblem(api.patch("/calls/" + callId + "/participants/" + guest.participantId()).as(auditor)
                .json(Json.createObjectBuilder().add("role", "VIEWER").build()).send(), 403, "FORBIDDEN");
        assertProblem(api.delete("/calls/" + callId + "/participants/" + guest.participantId()).as(auditor).send(),
                403, "FORBIDDEN");

        JsonObject call = kaiwa.getCall(host, callId);
        assertThat(call.getString("status")).isEqualTo("SCHEDULED");
        assertThat(call.getString("title")).isNotEqualTo("Audited");
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getString("role")).isEqualTo("PARTICIPANT");
    }

    @Test
    void startedCallStaysRunningWhenAnAuditorTriesToEndIt() {
        String callId = kaiwa.startedCall(host).getString("id");
        TestUser auditor = organization.auditor();

        for (String action : List.of("pause", "end")) {
            assertProblem(api.post("/calls/" + callId + "/" + action).as(auditor).send(), 403, "FORBIDDEN");
        }
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void adminOfTheOrganizationSeesAndRunsEveryCall() {
        String callId = kaiwa.createCall(host).getString("id");
        TestUser admin = organization.admin();

        assertThat(kaiwa.getCall(admin, callId).getString("id")).isEqualTo(callId);
        assertThat(api.get("/calls").as(admin).send().expectStatus(200).items().getValuesAs(JsonObject.class))
                .extracting(call -> call.getString("id"))
                .containsExactly(callId);
        assertThat(kaiwa.move(admin, callId, "start").getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(kaiwa.move(admin, callId, "end").getString("status")).isEqualTo("ENDED");
    }

    @Test
    void plainUserSeesOnlyCallsTheyTakePartIn() {
        TestUser user = organization.user();
        String attended = kaiwa.createCall(host).getString("id");
        String notAttended = kaiwa.createCall(host).getString("id");
        kaiwa.invite(host, attended, CallRequests.invite("Colleague").add("email", user.email()).build());
        kaiwa.join(user, attended);

        assertThat(kaiwa.getCall(user, attended).getString("id")).isEqualTo(attended);
        assertProblem(api.get("/calls/" + notAttended).as(user).send(), 404, "CALL_NOT_FOUND");
        assertThat(api.get("/calls").as(user).send().expectStatus(200).items().getValuesAs(JsonObject.class))
                .extracting(call -> call.getString("id"))
                .containsExactly(attended);
    }

    @Test
    void participantOfACallSeesItButNotTheOtherCallsOfItsHost() {
        TestUser user = organization.user();
        String attended = kaiwa.createCall(host).getString("id");
        String other = kaiwa.createCall(host).getString("id");
        kaiwa.invite(host, attended, CallRequests.invite("Colleague").add("email", user.email()).build());
        kaiwa.join(user, attended);

        assertThat(kaiwa.participants(user, attended)).extracting(participant -> participant.getString("subject", ""))
                .contains(user.subject());
        assertProblem(api.get("/calls/" + other + "/participants").as(user).send(), 404, "CALL_NOT_FOUND");
    }

    private void assertNotFoundFor(TestUser stranger, String callId, String participantId) {
        assertProblem(api.get("/calls/" + callId).as(stranger).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.patch("/calls/" + callId).as(stranger).json(Json.createObjectBuilder().add("title", "Mine now")
                .build()).send(), 404, "CALL_NOT_FOUND");
        for (String action : List.of("start", "cancel")) {
            assertProblem(api.post("/calls/" + callId + "/" + action).as(stranger).send(), 404, "CALL_NOT_FOUND");
        }
        assertProblem(api.get("/calls/" + callId + "/participants").as(stranger).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.get("/calls/" + callId + "/events").as(stranger).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.get("/calls/" + callId + "/invites").as(stranger).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.post("/calls/" + callId + "/invites").as(stranger).json(CallRequests.guestInvite().build())
                .send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.patch("/calls/" + callId + "/participants/" + participantId).as(stranger)
                .json(Json.createObjectBuilder().add("role", "HOST").build()).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.delete("/calls/" + callId + "/participants/" + participantId).as(stranger).send(), 404,
                "CALL_NOT_FOUND");
        assertOneOf(api.post("/calls/" + callId + "/join").as(stranger).send(),
                problem(403, "FORBIDDEN"), problem(404, "CALL_NOT_FOUND"));
        assertThat(kaiwa.getCall(host, callId).getString("status")).isEqualTo("SCHEDULED");
    }
}
