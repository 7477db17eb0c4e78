package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertAcceptedOrClientProblem;
import static dev.kaiwa.it.Problems.assertClientProblem;
import static dev.kaiwa.it.Problems.assertFieldError;
import static dev.kaiwa.it.Problems.assertOneOf;
import static dev.kaiwa.it.Problems.assertProblem;
import static dev.kaiwa.it.Problems.assertProblemWithAnyCode;
import static dev.kaiwa.it.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a client sends, the answer is a problem with a stable code (and the field at fault),
 * never a 500, a stack trace or an HTML error page.
 */
class BadInputIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();

    @ParameterizedTest(name = "body: {0}")
    @ValueSource(strings = {"{\"title\": \"Interview\",", "{title: 'Interview'}", "not json at all", "[]", "42",
            "\"a string\"", "null", "{\"title\": \"x\"} trailing", ""})
    void malformedCallBodyIsRejected(String body) {
        ApiResponse response = api.post("/calls").as(host).body(body, "application/json").send();

        assertProblemWithAnyCode(response, 400, "MALFORMED_REQUEST", "VALIDATION_FAILED");
        assertNoCallCreated();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"maxParticipants as text", "maxParticipants as fraction", "settings as text",
            "screenShare as text", "transcription as array", "metadata as text", "metadata as array",
            "retentionDays as boolean", "title as object", "type as number"})
    void wrongJsonTypesAreRejected(String fault) {
        JsonObjectBuilder body = CallRequests.videoCall();
        switch (fault) {
            case "maxParticipants as text" -> body.add("maxParticipants", "ten");
            case "maxParticipants as fraction" -> body.add("maxParticipants", 2.5);
            case "settings as text" -> body.add("settings", "on");
            case "screenShare as text" -> body.add("settings", Json.createObjectBuilder().add("screenShare", "yes"));
            case "transcription as array" -> body.add("settings", Json.createObjectBuilder()
                    .add("transcription", Json.createArrayBuilder().add(true)));
            case "metadata as text" -> body.add("metadata", "key=value");
            case "metadata as array" -> body.add("metadata", Json.createArrayBuilder().add(1));
            case "retentionDays as boolean" -> body.add("retentionDays", true);
            case "title as object" -> body.add("title", Json.createObjectBuilder().add("text", "Interview"));
            case "type as number" -> body.add("type", 1);
            default -> throw new IllegalArgumentException(fault);
        }

        ApiResponse response = api.post("/calls").as(host).json(body.build()).send();

        assertProblemWithAnyCode(response, 400, "MALFORMED_REQUEST", "VALIDATION_FAILED");
        assertNoCallCreated();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"title missing", "title empty", "title too long", "type missing", "type unknown",
            "maxParticipants below two", "maxParticipants above a hundred", "settings.recording unknown",
            "settings.transcription.language unknown", "scheduledAt not an instant", "externalRef too long",
            "metadata too long", "retentionDays zero", "retentionDays above ten years"})
    void invalidCallFieldIsNamed(String fault) {
        JsonObjectBuilder body = CallRequests.videoCall();
        switch (fault) {
            case "title missing" -> body.remove("title");
            case "title empty" -> body.add("title", "");
            case "title too long" -> body.add("title", "t".repeat(201));
            case "type missing" -> body.remove("type");
            case "type unknown" -> body.add("type", "HOLOGRAM");
            case "maxParticipants below two" -> body.add("maxParticipants", 1);
            case "maxParticipants above a hundred" -> body.add("maxParticipants", 101);
            case "settings.recording unknown" -> body.add("settings", Json.createObjectBuilder().add("recording",
                    "SOMETIMES"));
            case "settings.transcription.language unknown" -> body.add("settings", Json.createObjectBuilder()
                    .add("transcription", Json.createObjectBuilder().add("enabled", true).add("language", "fr")));
            case "scheduledAt not an instant" -> body.add("scheduledAt", "next tuesday");
            case "externalRef too long" -> body.add("externalRef", "r".repeat(201));
            case "metadata too long" -> body.add("metadata", Json.createObjectBuilder().add("notes", "n".repeat(4_001)));
            case "retentionDays zero" -> body.add("retentionDays", 0);
            case "retentionDays above ten years" -> body.add("retentionDays", 3_651);
            default -> throw new IllegalArgumentException(fault);
        }

        ApiResponse response = api.post("/calls").as(host).json(body.build()).send();

        assertFieldError(response, fault.split(" ")[0]);
        assertNoCallCreated();
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        JsonObject body = Json.createObjectBuilder()
                .add("type", "VIDEO")
                .add("maxParticipants", 1)
                .add("retentionDays", 0)
                .build();

        JsonObject problem = assertFieldError(api.post("/calls").as(host).json(body).send(), "title");

        assertThat(Problems.fields(problem)).contains("title", "maxParticipants", "retentionDays");
        assertThat(problem.getJsonArray("errors")).allSatisfy(error ->
                assertThat(error.asJsonObject().getString("message", "")).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"singleUse as text", "expiresIn as text", "expiresIn as fraction", "displayName as number",
            "role as object"})
    void wrongJsonTypesInAnInviteAreRejected(String fault) {
        String callId = kaiwa.createCall(host).getString("id");
        JsonObjectBuilder body = CallRequests.guestInvite();
        switch (fault) {
            case "singleUse as text" -> body.add("singleUse", "yes");
            case "expiresIn as text" -> body.add("expiresIn", "an hour");
            case "expiresIn as fraction" -> body.add("expiresIn", 3600.5);
            case "displayName as number" -> body.add("displayName", 42);
            case "role as object" -> body.add("role", Json.createObjectBuilder().add("name", "VIEWER"));
            default -> throw new IllegalArgumentException(fault);
        }

        ApiResponse response = api.post("/calls/" + callId + "/invites").as(host).json(body.build()).send();

        assertProblemWithAnyCode(response, 400, "MALFORMED_REQUEST", "VALIDATION_FAILED");
        assertThat(api.get("/calls/" + callId + "/invites").as(host).send().expectStatus(200).items()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"audio as text", "hand as number", "media as array", "role as number"})
    void wrongJsonTypesInAParticipantChangeAreRejected(String fault) {
        String callId = kaiwa.createCall(host).getString("id");
        JoinedParticipant creator = kaiwa.join(host, callId);
        JsonObject body = switch (fault) {
            case "audio as text" -> Json.createObjectBuilder()
                    .add("media", Json.createObjectBuilder().add("audio", "off")).build();
            case "hand as number" -> Json.createObjectBuilder()
                    .add("media", Json.createObjectBuilder().add("hand", 1)).build();
            case "media as array" -> Json.createObjectBuilder().add("media", Json.createArrayBuilder().add(false)).build();
            case "role as number" -> Json.createObjectBuilder().add("role", 0).build();
            default -> throw new IllegalArgumentException(fault);
        };

        ApiResponse response = api.patch("/calls/" + callId + "/participants/" + creator.participantId()).as(host)
                .json(body).send();

        assertProblemWithAnyCode(response, 400, "MALFORMED_REQUEST", "VALIDATION_FAILED");
        assertThat(kaiwa.participant(host, callId, creator.participantId()).getJsonObject("media"))
                .isEqualTo(creator.participant().getJsonObject("media"));
    }

    @Test
    void overlongInviteEmailIsNamed() {
        String callId = kaiwa.createCall(host).getString("id");
        String email = "a".repeat(330) + "@example.com";

        ApiResponse response = api.post("/calls/" + callId + "/invites").as(host)
                .json(CallRequests.guestInvite().add("email", email).build()).send();

        assertFieldError(response, "email");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"name", "subject", "organization", "email"})
    void oversizedClaimsAreNeverAServerError(String claim) {
        String longText = "c".repeat(400);
        TestUser oversized = switch (claim) {
            case "name" -> new TestUser(host.subject(), host.organization(), host.groups(), longText, host.email());
            case "subject" -> new TestUser("host-" + longText, host.organization(), host.groups(), host.name(), null);
            case "organization" -> new TestUser(host.subject(), "org-" + longText, host.groups(), host.name(),
                    host.email());
            case "email" -> new TestUser(host.subject(), host.organization(), host.groups(), host.name(),
                    longText + "@example.com");
            default -> throw new IllegalArgumentException(claim);
        };

        ApiResponse created = api.post("/calls").as(oversized).json(CallRequests.videoCall().build()).send();

        if (assertAcceptedOrClientProblem(created)) {
            String callId = created.json().getString("id");
            assertAcceptedOrClientProblem(api.post("/calls/" + callId + "/join").as(oversized).send());
            assertAcceptedOrClientProblem(api.get("/calls").as(oversized).send());
        }
    }

    @Test
    void overlongIdempotencyKeyIsRefused() {
        ApiResponse response = api.post("/calls").as(host).header("Idempotency-Key", "k".repeat(1_000))
                .json(CallRequests.videoCall().build()).send();

        assertClientProblem(response);
        assertNoCallCreated();
    }

    @Test
    void overlongQueryTextIsNeverAServerError() {
        ApiResponse response = api.get("/calls").as(host).query("externalRef", "r".repeat(5_000)).send();

        if (assertAcceptedOrClientProblem(response)) {
            assertThat(response.items()).isEmpty();
        }
    }

    @Test
    void invalidUpdateIsNamedAndChangesNothing() {
        JsonObject call = kaiwa.createCall(host);
        String callId = call.getString("id");

        ApiResponse response = api.patch("/calls/" + callId).as(host)
                .json(Json.createObjectBuilder().add("title", "Fine").add("maxParticipants", 0).build()).send();

        assertFieldError(response, "maxParticipants");
        assertThat(kaiwa.getCall(host, callId).getString("title")).isEqualTo(call.getString("title"));
    }

    @Test
    void malformedUpdateIsRejected() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = api.patch("/calls/" + callId).as(host).body("{\"title\": ", "application/json").send();

        assertProblemWithAnyCode(response, 400, "MALFORMED_REQUEST", "VALIDATION_FAILED");
    }

    @Test
    void oversizedTitleIsRejected() {
        ApiResponse response = api.post("/calls").as(host)
                .json(CallRequests.videoCall().add("title", "t".repeat(1_000_000)).build()).send();

        assertClientProblem(response);
        assertNoCallCreated();
    }

    @Test
    void bodyThatIsNoJsonIsRejected() {
        ApiResponse response = api.post("/calls").as(host).body("title=Interview&type=VIDEO", "text/plain").send();

        assertClientProblem(response);
        assertNoCallCreated();
    }

    @ParameterizedTest(name = "call id {0}")
    @ValueSource(strings = {"x", "null", "0", "not-a-call-id%21", "%E3%81%82", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "%27%20OR%20%271%27%3D%271"})
    void malformedCallIdIsNotFound(String callId) {
        assertProblem(api.get("/calls/" + callId).as(host).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.post("/calls/" + callId + "/start").as(host).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.get("/calls/" + callId + "/participants").as(host).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.post("/calls/" + callId + "/join").as(host).send(), 404, "CALL_NOT_FOUND");
    }

    @Test
    void veryLongCallIdIsNotFound() {
        assertProblem(api.get("/calls/" + "a".repeat(2_000)).as(host).send(), 404, "CALL_NOT_FOUND");
    }

    @ParameterizedTest(name = "participant id {0}")
    @ValueSource(strings = {"x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "%27%3B--"})
    void malformedParticipantAndInviteIdsAreNotFound(String id) {
        String callId = kaiwa.createCall(host).getString("id");

        assertProblem(api.patch("/calls/" + callId + "/participants/" + id).as(host)
                .json(Json.createObjectBuilder().add("role", "VIEWER").build()).send(), 404, "PARTICIPANT_NOT_FOUND");
        assertProblem(api.delete("/calls/" + callId + "/participants/" + id).as(host).send(), 404,
                "PARTICIPANT_NOT_FOUND");
        assertProblem(api.delete("/calls/" + callId + "/invites/" + id).as(host).send(), 404, "INVITE_NOT_FOUND");
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "-1", "101", "1000000", "abc", "1.5", "99999999999999999999"})
    void limitOutsideOneToAHundredIsRejected(String limit) {
        assertFieldError(api.get("/calls").as(host).query("limit", limit).send(), "limit");
    }

    @ParameterizedTest(name = "cursor={0}")
    @ValueSource(strings = {"!!!", "Zm9v", "bm90LmEuY3Vyc29y", "MTIzLjQ1Ng", "not a cursor at all",
            "LTEuLTEuYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE"})
    void cursorThatWasNeverHandedOutIsRejected(String cursor) {
        assertFieldError(api.get("/calls").as(host).query("cursor", cursor).send(), "cursor");
    }

    @Test
    void eventListRejectsBadCursorAndLimit() {
        String callId = kaiwa.createCall(host).getString("id");

        assertFieldError(api.get("/calls/" + callId + "/events").as(host).query("cursor", "!!!").send(), "cursor");
        assertFieldError(api.get("/calls/" + callId + "/events").as(host).query("limit", 0).send(), "limit");
        assertFieldError(api.get("/calls/" + callId + "/events").as(host).query("limit", "many").send(), "limit");
    }

    @Test
    void unknownStatusFilterIsRejected() {
        String callId = kaiwa.createCall(host).getString("id");

        assertFieldError(api.get("/calls").as(host).query("status", "DONE").send(), "status");
        assertFieldError(api.get("/calls/" + callId + "/participants").as(host).query("status", "GONE").send(),
                "status");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"from=yesterday", "to=2024-13-45T00:00:00Z", "from=2024-01-01T25:00:00Z", "to=tomorrow"})
    void scheduledRangeThatIsNoInstantIsRejected(String parameter) {
        String[] nameAndValue = parameter.split("=", 2);

        assertFieldError(api.get("/calls").as(host).query(nameAndValue[0], nameAndValue[1]).send(), nameAndValue[0]);
    }

    @Test
    void analyticsRejectsRangesThatAreNoInstantsOrBackwards() {
        TestUser admin = organization.admin();

        assertFieldError(api.get("/analytics").as(admin).query("from", "last week").send(), "from");
        assertFieldError(api.get("/analytics").as(admin).query("to", "now").send(), "to");
        JsonObject backwards = assertProblem(api.get("/analytics").as(admin)
                .query("from", "2025-02-01T00:00:00Z").query("to", "2025-01-01T00:00:00Z").send(), 400,
                "VALIDATION_FAILED");
        assertThat(Problems.fields(backwards)).containsAnyOf("from", "to");
    }

    @Test
    void queryTextIsNeverInterpretedAsSql() {
        kaiwa.createCall(host, CallRequests.videoCall().add("externalRef", "crm-1").build());

        ApiResponse response = api.get("/calls").as(host).query("externalRef", "' OR '1'='1").send();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.items()).isEmpty();
    }

    @Test
    void unsignedExpiredOrForeignTokensAreUnauthenticated() {
        List<String> tokens = List.of(
                Jwts.expired(host),
                Jwts.withIssuer(host, "https://evil.example.com/issuer"),
                Jwts.signedWithAnotherKey(host),
                unsecuredToken(host),
                "not.a.jwt",
                "garbage");

        for (String token : tokens) {
            assertProblem(api.get("/calls").bearer(token).send(), 401, "UNAUTHENTICATED");
            assertProblem(api.post("/calls").bearer(token).json(CallRequests.videoCall().build()).send(), 401,
                    "UNAUTHENTICATED");
        }
        assertNoCallCreated();
    }

    @Test
    void expiredTokenCannotJoin() {
        String callId = kaiwa.createCall(host).getString("id");

        assertProblem(api.post("/calls/" + callId + "/join").bearer(Jwts.expired(host)).send(), 401, "UNAUTHENTICATED");
        assertProblem(api.get("/analytics").bearer(Jwts.signedWithAnotherKey(host)).send(), 401, "UNAUTHENTICATED");
    }

    @Test
    void authorizationThatIsNoBearerTokenIsUnauthenticated() {
        assertProblem(api.get("/calls").header("Authorization", "Bearer").send(), 401, "UNAUTHENTICATED");
        assertProblem(api.get("/calls").header("Authorization", "Token abc").send(), 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "join body {0}")
    @ValueSource(strings = {"{\"inviteToken\": 5}", "{\"inviteToken\": [\"a\"]}", "{\"inviteToken\": ",
            "[\"token\"]"})
    void malformedJoinBodyIsRejected(String body) {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = api.post("/calls/" + callId + "/join").body(body, "application/json").send();

        assertClientProblem(response);
        assertThat(response.status()).isIn(400, 401);
    }

    @Test
    void hugeInviteTokenIsRefused() {
        String callId = kaiwa.createCall(host).getString("id");

        ApiResponse response = kaiwa.joinWithInviteRequest("x".repeat(10_000), callId).send();

        // Either refused as too long to be a token, or as a token that does not verify.
        JsonObject problem = assertOneOf(response, problem(400, "VALIDATION_FAILED"), problem(401, "INVITE_INVALID"));
        if (response.status() == 400) {
            assertThat(Problems.fields(problem)).contains("inviteToken");
        }
    }

    @Test
    void unknownEndpointIsAProblem() {
        assertProblem(api.get("/no-such-resource").as(host).send(), 404, "RESOURCE_NOT_FOUND");
        assertProblem(api.get("/calls/" + kaiwa.createCall(host).getString("id") + "/no-such-thing").as(host).send(),
                404, "RESOURCE_NOT_FOUND");
    }

    @Test
    void unsupportedMethodIsAProblem() {
        assertClientProblem(api.delete("/calls").as(host).send());
        assertClientProblem(api.patch("/analytics").as(host).json(Json.createObjectBuilder().build()).send());
    }

    private void assertNoCallCreated() {
        assertThat(api.get("/calls").as(host).send().expectStatus(200).items()).as("calls of %s", host.subject())
                .isEmpty();
    }

    private static String unsecuredToken(TestUser user) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(Jwts.ISSUER)
                .audience(Jwts.AUDIENCE)
                .subject(user.subject())
                .claim("upn", user.subject())
                .claim("groups", user.groups())
                .claim("org", user.organization())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build();
        return new PlainJWT(new PlainHeader(), claims).serialize();
    }
}
