package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertFieldError;
import static dev.kaiwa.it.Problems.assertOneOf;
import static dev.kaiwa.it.Problems.assertProblem;
import static dev.kaiwa.it.Problems.assertProblemWithAnyCode;
import static dev.kaiwa.it.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inviting people to a call, and everyone's ways in and out of {@code /join}. */
class InviteAndJoinIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();

    @Test
    void inviteCarriesItsTokenInTheFragmentOfAJoinLinkOnThePublicUrl() {
        String callId = kaiwa.createCall(host).getString("id");
        JsonObject body = Json.createObjectBuilder()
                .add("displayName", "Aiko Tanaka")
                .add("email", "aiko.tanaka@example.com")
                .add("role", "MODERATOR")
                .add("expiresIn", 3600)
                .add("singleUse", true)
                .build();

        ApiResponse response = api.post("/calls/" + callId + "/invites").as(host).json(body).send();

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        JsonObject invite = response.json();
        String token = invite.getString("token");
        assertThat(invite.getString("id")).matches("[A-Za-z0-9_-]{32}");
        assertThat(token).isNotBlank();
        assertThat(invite.getString("joinUrl"))
                .isEqualTo(TestServer.publicUrl() + "/call/" + callId + "#invite=" + token);
        assertThat(invite.getString("displayName")).isEqualTo("Aiko Tanaka");
        assertThat(invite.getString("email")).isEqualTo("aiko.tanaka@example.com");
        assertThat(invite.getString("role")).isEqualTo("MODERATOR");
        assertThat(invite.getBoolean("singleUse")).isTrue();
        Instant expected = Instant.now().plusSeconds(3600);
        assertThat(Times.instant(invite, "expiresAt")).isBetween(expected.minusSeconds(120), expected.plusSeconds(120));
        assertThat(Times.instant(invite, "createdAt")).isBefore(Instant.now().plusSeconds(60));
        assertThat(Times.isAbsent(invite, "revokedAt")).as("revokedAt of %s", invite).isTrue();
        assertThat(kaiwa.eventTypes(host, callId)).containsExactly("CREATED", "INVITE_CREATED");
    }

    @Test
    void inviteDefaultsToAMultiUseParticipantInvite() {
        String callId = kaiwa.createCall(host).getString("id");

        JsonObject invite = kaiwa.invite(host, callId, CallRequests.invite("Ken").build());

        assertThat(invite.getString("role")).isEqualTo("PARTICIPANT");
        assertThat(invite.getBoolean("singleUse")).isFalse();
        assertThat(Times.instant(invite, "expiresAt")).isAfter(Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void inviteCannotGrantTheHostRole() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = api.post("/calls/" + callId + "/invites").as(host)
                .json(CallRequests.guestInvite().add("role", "HOST").build()).send();

        assertProblem(response, 403, "ROLE_NOT_GRANTABLE");
    }

    @Test
    void coHostInvitesUpToCoHost() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant coHost = kaiwa.guest(host, callId, "CO_HOST");

        JsonObject invite = kaiwa.invite(coHost, callId, CallRequests.guestInvite().add("role", "CO_HOST").build());
        ApiResponse hostInvite = api.post("/calls/" + callId + "/invites").as(coHost)
                .json(CallRequests.guestInvite().add("role", "HOST").build()).send();

        assertThat(invite.getString("role")).isEqualTo("CO_HOST");
        assertProblem(hostInvite, 403, "ROLE_NOT_GRANTABLE");
    }

    @ParameterizedTest(name = "a {0} may not invite")
    @ValueSource(strings = {"MODERATOR", "PARTICIPANT", "VIEWER"})
    void participantsWhoAreNotHostsCannotInvite(String role) {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, role);

        ApiResponse response = api.post("/calls/" + callId + "/invites").as(guest)
                .json(CallRequests.guestInvite().build()).send();

        assertProblem(response, 403, "FORBIDDEN");
    }

    @Test
    void organizationAdminWhoIsNoHostOfTheCallCannotInvite() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = api.post("/calls/" + callId + "/invites").as(organization.admin())
                .json(CallRequests.guestInvite().build()).send();

        assertProblem(response, 403, "FORBIDDEN");
    }

    @Test
    void inviteToACallOfAnotherOrganizationIsNotFound() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = api.post("/calls/" + callId + "/invites").as(Organization.fresh().host())
                .json(CallRequests.guestInvite().build()).send();

        assertProblem(response, 404, "CALL_NOT_FOUND");
    }

    @Test
    void invitesAreListedWithoutTheirTokens() {
        String callId = kaiwa.createCall(host).getString("id");
        JsonObject first = kaiwa.invite(host, callId, CallRequests.invite("First").add("role", "VIEWER").build());
        JsonObject second = kaiwa.invite(host, callId, CallRequests.invite("Second").add("singleUse", true).build());

        List<JsonObject> invites = api.get("/calls/" + callId + "/invites").as(host).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);

        assertThat(invites).extracting(invite -> invite.getString("id"))
                .containsExactlyInAnyOrder(first.getString("id"), second.getString("id"));
        assertThat(invites).allSatisfy(invite -> {
            assertThat(invite.keySet()).doesNotContain("token", "joinUrl");
            assertThat(invite.keySet()).contains("id", "expiresAt", "displayName", "role", "singleUse", "createdAt");
        });
        assertThat(invites).filteredOn(invite -> invite.getString("id").equals(first.getString("id")))
                .singleElement()
                .satisfies(invite -> {
                    assertThat(invite.getString("displayName")).isEqualTo("First");
                    assertThat(invite.getString("role")).isEqualTo("VIEWER");
                });
    }

    @Test
    void invitesAreListedForHostsOnly() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");

        assertProblem(api.get("/calls/" + callId + "/invites").as(guest).send(), 403, "FORBIDDEN");
    }

    @Test
    void revokedInviteNoLongerLetsAnyoneIn() {
        String callId = kaiwa.createCall(host).getString("id");
        JsonObject invite = kaiwa.invite(host, callId);

        JsonObject revoked = api.delete("/calls/" + callId + "/invites/" + invite.getString("id")).as(host).send()
                .expectStatus(200).json();

        assertThat(revoked.getString("id")).isEqualTo(invite.getString("id"));
        assertThat(Times.instant(revoked, "revokedAt")).isBefore(Instant.now().plusSeconds(60));
        assertProblem(kaiwa.joinWithInviteRequest(invite.getString("token"), callId).send(), 401, "INVITE_INVALID");
        List<JsonObject> listed = api.get("/calls/" + callId + "/invites").as(host).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);
        assertThat(listed).singleElement().satisfies(entry -> assertThat(Times.isAbsent(entry, "revokedAt")).isFalse());
        assertThat(kaiwa.eventTypes(host, callId)).endsWith("INVITE_REVOKED");
    }

    @Test
    void revokingAnUnknownInviteIsNotFound() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = api.delete("/calls/" + callId + "/invites/" + "C".repeat(20) + Organization.uniqueSuffix())
                .as(host).send();

        assertProblem(response, 404, "INVITE_NOT_FOUND");
    }

    @Test
    void revokingAnInviteOfAnotherCallIsNotFound() {
        String callId = kaiwa.createCall(host).getString("id");
        String otherCallId = kaiwa.createCall(host).getString("id");
        JsonObject invite = kaiwa.invite(host, otherCallId);

        ApiResponse response = api.delete("/calls/" + callId + "/invites/" + invite.getString("id")).as(host).send();

        assertProblem(response, 404, "INVITE_NOT_FOUND");
    }

    @ParameterizedTest(name = "{0} revokes the invites")
    @ValueSource(strings = {"end", "cancel"})
    void closingACallRevokesItsInvites(String action) {
        String callId = kaiwa.createCall(host).getString("id");
        JsonObject invite = kaiwa.invite(host, callId);
        if (action.equals("end")) {
            kaiwa.move(host, callId, "start");
        }

        kaiwa.move(host, callId, action);

        assertOneOf(kaiwa.joinWithInviteRequest(invite.getString("token"), callId).send(),
                problem(401, "INVITE_INVALID"), problem(409, "CALL_ALREADY_ENDED"));
        List<JsonObject> listed = api.get("/calls/" + callId + "/invites").as(host).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);
        assertThat(listed).allSatisfy(entry -> assertThat(Times.isAbsent(entry, "revokedAt"))
                .as("revokedAt of %s", entry).isFalse());
    }

    @Test
    void creatorJoinsAsHostWithATicketAndAParticipantToken() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = api.post("/calls/" + callId + "/join").as(host).json(JsonValue.EMPTY_JSON_OBJECT).send();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        JsonObject joined = response.json();
        JsonObject participant = joined.getJsonObject("participant");
        assertThat(participant.getString("id")).matches("[A-Za-z0-9_-]{32}");
        assertThat(participant.getString("callId")).isEqualTo(callId);
        assertThat(participant.getString("role")).isEqualTo("HOST");
        assertThat(participant.getString("status")).isEqualTo("JOINING");
        assertThat(participant.getString("subject")).isEqualTo(host.subject());
        assertThat(participant.getString("displayName")).isEqualTo(host.name());
        assertThat(participant.getJsonObject("media").keySet()).contains("audio", "video", "screen", "hand");
        assertThat(joined.getString("ticket")).isNotBlank();
        Instant now = Instant.now();
        assertThat(Times.instant(joined, "ticketExpiresAt")).isBetween(now.minusSeconds(30), now.plusSeconds(120));
        assertThat(joined.getString("websocketUrl")).matches("wss?://.+").endsWith("/ws/calls/" + callId);
        assertThat(joined.getString("participantToken")).isNotBlank();
        assertThat(Times.instant(joined, "participantTokenExpiresAt")).isAfter(now);
        assertThat(kaiwa.events(host, callId)).last().satisfies(event -> {
            assertThat(event.getString("type")).isEqualTo("JOINED");
            assertThat(event.getString("participantId")).isEqualTo(participant.getString("id"));
        });
    }

    @Test
    void joiningWithoutABodyWorksForSsoUsers() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = api.post("/calls/" + callId + "/join").as(host).send();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.json().getJsonObject("participant").getString("role")).isEqualTo("HOST");
    }

    @Test
    void creatorJoiningAgainKeepsTheParticipantAndGetsANewTicket() {
        String callId = kaiwa.createCall(host).getString("id");

        JoinedParticipant first = kaiwa.join(host, callId);
        JoinedParticipant second = kaiwa.join(host, callId);

        assertThat(second.participantId()).isEqualTo(first.participantId());
        assertThat(second.ticket()).isNotEqualTo(first.ticket());
        assertThat(kaiwa.participants(host, callId)).extracting(participant -> participant.getString("id"))
                .containsExactly(first.participantId());
    }

    @Test
    void guestJoinsWithAnInviteAsTheInvitedPerson() {
        String callId = kaiwa.createCall(host).getString("id");
        JsonObject invite = kaiwa.invite(host, callId, CallRequests.invite("Mei Suzuki")
                .add("email", "mei@example.com").add("role", "VIEWER").build());

        JoinedParticipant guest = kaiwa.joinWithInvite(invite.getString("token"), callId);

        JsonObject participant = guest.participant();
        assertThat(participant.getString("callId")).isEqualTo(callId);
        assertThat(participant.getString("displayName")).isEqualTo("Mei Suzuki");
        assertThat(participant.getString("email")).isEqualTo("mei@example.com");
        assertThat(participant.getString("role")).isEqualTo("VIEWER");
        assertThat(participant.getString("status")).isEqualTo("JOINING");
        assertThat(Times.isAbsent(participant, "subject")).as("subject of a guest").isTrue();
        assertThat(guest.ticket()).isNotBlank();
        assertThat(guest.bearerToken()).isNotBlank();
    }

    @Test
    void singleUseInviteUsedAgainReturnsTheSameParticipantWithANewTicket() {
        String callId = kaiwa.createCall(host).getString("id");
        String token = kaiwa.invite(host, callId, CallRequests.guestInvite().add("singleUse", true).build())
                .getString("token");

        JoinedParticipant first = kaiwa.joinWithInvite(token, callId);
        JoinedParticipant second = kaiwa.joinWithInvite(token, callId);

        assertThat(second.participantId()).isEqualTo(first.participantId());
        assertThat(second.ticket()).isNotEqualTo(first.ticket());
        assertThat(kaiwa.participants(host, callId)).hasSize(2);
    }

    @Test
    void multiUseInviteLetsInANewParticipantEachTime() {
        String callId = kaiwa.createCall(host).getString("id");
        String token = kaiwa.invite(host, callId).getString("token");

        JoinedParticipant first = kaiwa.joinWithInvite(token, callId);
        JoinedParticipant second = kaiwa.joinWithInvite(token, callId);

        assertThat(second.participantId()).isNotEqualTo(first.participantId());
        assertThat(kaiwa.participants(host, callId)).extracting(participant -> participant.getString("id"))
                .contains(first.participantId(), second.participantId());
    }

    @Test
    void fullCallRefusesAnotherParticipant() {
        String callId = kaiwa.createCall(host, CallRequests.videoCall().add("maxParticipants", 2).build()).getString("id");
        String token = kaiwa.invite(host, callId).getString("token");
        kaiwa.join(host, callId);
        kaiwa.joinWithInvite(token, callId);

        ApiResponse third = kaiwa.joinWithInviteRequest(token, callId).send();

        assertProblem(third, 409, "CALL_FULL");
        assertThat(kaiwa.join(host, callId).participant().getString("role"))
                .as("someone already in a full call may join again").isEqualTo("HOST");
    }

    @Test
    void pausedCallRefusesJoins() {
        String callId = kaiwa.startedCall(host).getString("id");
        String token = kaiwa.invite(host, callId).getString("token");
        kaiwa.move(host, callId, "pause");

        assertProblem(kaiwa.joinWithInviteRequest(token, callId).send(), 409, "CALL_PAUSED");
        assertProblem(api.post("/calls/" + callId + "/join").as(host).send(), 409, "CALL_PAUSED");
    }

    @Test
    void endedCallRefusesJoins() {
        String callId = kaiwa.startedCall(host).getString("id");
        kaiwa.move(host, callId, "end");

        assertProblem(api.post("/calls/" + callId + "/join").as(host).send(), 409, "CALL_ALREADY_ENDED");
    }

    @Test
    void cancelledCallRefusesJoins() {
        String callId = kaiwa.createCall(host).getString("id");
        kaiwa.move(host, callId, "cancel");

        assertProblem(api.post("/calls/" + callId + "/join").as(host).send(), 409, "CALL_ALREADY_ENDED");
    }

    @Test
    void forgedInvitesAreInvalid() {
        String callId = kaiwa.createCall(host).getString("id");
        String realToken = kaiwa.invite(host, callId).getString("token");
        String realInviteId = api.get("/calls/" + callId + "/invites").as(host).send().expectStatus(200).items()
                .getJsonObject(0).getString("id");

        for (String forged : List.of("not-a-token", Jwts.tampered(realToken),
                Jwts.forgedInviteToken(callId, realInviteId))) {
            assertProblem(kaiwa.joinWithInviteRequest(forged, callId).send(), 401, "INVITE_INVALID");
        }
    }

    @Test
    void inviteOfAnotherCallIsInvalid() {
        String callId = kaiwa.createCall(host).getString("id");
        String otherCallId = kaiwa.createCall(host).getString("id");
        String tokenOfOtherCall = kaiwa.invite(host, otherCallId).getString("token");

        assertProblem(kaiwa.joinWithInviteRequest(tokenOfOtherCall, callId).send(), 401, "INVITE_INVALID");
    }

    @Test
    void participantTokenIsNoInvite() {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant creator = kaiwa.join(host, callId);

        assertProblem(kaiwa.joinWithInviteRequest(creator.bearerToken(), callId).send(), 401, "INVITE_INVALID");
    }

    @Test
    void removedGuestCannotComeBackWithTheSameInvite() {
        String callId = kaiwa.createCall(host).getString("id");
        String token = kaiwa.invite(host, callId, CallRequests.guestInvite().add("singleUse", true).build())
                .getString("token");
        JoinedParticipant guest = kaiwa.joinWithInvite(token, callId);
        api.delete("/calls/" + callId + "/participants/" + guest.participantId()).as(host).send().expectStatus(200);

        assertProblem(kaiwa.joinWithInviteRequest(token, callId).send(), 409, "PARTICIPANT_REMOVED");
    }

    @Test
    void removedSsoUserCannotComeBack() {
        String callId = kaiwa.createCall(host).getString("id");
        TestUser admin = organization.admin();
        JoinedParticipant joinedAdmin = kaiwa.join(admin, callId);
        api.delete("/calls/" + callId + "/participants/" + joinedAdmin.participantId()).as(host).send()
                .expectStatus(200);

        assertProblem(api.post("/calls/" + callId + "/join").as(admin).send(), 409, "PARTICIPANT_REMOVED");
    }

    @Test
    void organizationAdminJoinsAsModerator() {
        String callId = kaiwa.createCall(host).getString("id");
        TestUser admin = organization.admin();

        JoinedParticipant joined = kaiwa.join(admin, callId);

        assertThat(joined.participant().getString("role")).isEqualTo("MODERATOR");
        assertThat(joined.participant().getString("subject")).isEqualTo(admin.subject());
    }

    @Test
    void ssoUserInvitedByEmailJoinsWithTheRoleOfTheInvite() {
        String callId = kaiwa.createCall(host).getString("id");
        TestUser user = organization.user();
        kaiwa.invite(host, callId, CallRequests.invite("Invited colleague").add("email", user.email())
                .add("role", "CO_HOST").build());

        JoinedParticipant joined = kaiwa.join(user, callId);

        assertThat(joined.participant().getString("role")).isEqualTo("CO_HOST");
        assertThat(joined.participant().getString("subject")).isEqualTo(user.subject());
    }

    @Test
    void ssoUserWithoutAnInviteCannotJoin() {
        String callId = kaiwa.createCall(host).getString("id");
        TestUser user = organization.user();
        kaiwa.invite(host, callId, CallRequests.invite("Someone else").add("email", "someone.else@example.com").build());

        for (TestUser outsider : List.of(user, organization.host(), Organization.fresh().admin())) {
            assertOneOf(api.post("/calls/" + callId + "/join").as(outsider).send(),
                    problem(403, "FORBIDDEN"), problem(404, "CALL_NOT_FOUND"));
        }
        assertThat(kaiwa.participants(host, callId)).hasSize(1);
    }

    @Test
    void joinWithoutCredentialsIsUnauthenticated() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse emptyBody = api.post("/calls/" + callId + "/join").json(JsonValue.EMPTY_JSON_OBJECT).send();
        ApiResponse noBody = api.post("/calls/" + callId + "/join").send();

        assertProblemWithAnyCode(emptyBody, 401, "UNAUTHENTICATED", "INVITE_INVALID");
        assertProblemWithAnyCode(noBody, 401, "UNAUTHENTICATED", "INVITE_INVALID");
    }

    @Test
    void joiningAnUnknownCallIsNotFound() {
        ApiResponse response = api.post("/calls/" + "D".repeat(20) + Organization.uniqueSuffix() + "/join").as(host)
                .send();

        assertProblem(response, 404, "CALL_NOT_FOUND");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"displayName missing", "displayName too long", "email", "expiresIn too short",
            "expiresIn too long", "role unknown"})
    void invalidInviteIsRejectedNamingTheField(String fault) {
        String callId = kaiwa.createCall(host).getString("id");
        JsonObject body = switch (fault) {
            case "displayName missing" -> Json.createObjectBuilder().add("role", "VIEWER").build();
            case "displayName too long" -> CallRequests.invite("x".repeat(201)).build();
            case "email" -> CallRequests.guestInvite().add("email", "not-an-email").build();
            case "expiresIn too short" -> CallRequests.guestInvite().add("expiresIn", 59).build();
            case "expiresIn too long" -> CallRequests.guestInvite().add("expiresIn", 2_592_001).build();
            case "role unknown" -> CallRequests.guestInvite().add("role", "OWNER").build();
            default -> throw new IllegalArgumentException(fault);
        };

        ApiResponse response = api.post("/calls/" + callId + "/invites").as(host).json(body).send();

        assertFieldError(response, fault.split(" ")[0]);
        assertThat(api.get("/calls/" + callId + "/invites").as(host).send().expectStatus(200).items()).isEmpty();
    }
}
