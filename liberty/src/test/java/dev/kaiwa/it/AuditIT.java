package dev.kaiwa.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.signaling.ConnectedParticipant;
import dev.kaiwa.it.signaling.Messages;
import dev.kaiwa.it.signaling.Signaling;
import dev.kaiwa.it.signaling.Sockets;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of the assembled server: what REST and signaling actions leave in it, who may read it,
 * and a verification that finds a row changed directly in the database.
 */
class AuditIT {
    /** What the test server's trusted proxy (loopback, {@code kaiwa.trusted-proxies}) says it forwarded. */
    private static final String FORWARDED_FOR = "203.0.113.50, 198.51.100.23";
    private static final String FORWARDED_CLIENT = "198.51.100.23";

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final TestUser auditor = organization.auditor();
    private final TestUser admin = organization.admin();
    private final Sockets sockets = new Sockets();
    private final Signaling signaling = new Signaling(kaiwa, sockets);

    /**
     * The build hands over once the server reports itself started, which on a busy machine can be before the
     * application is (Liberty stops waiting for it after 30 s); readiness includes the database migration.
     */
    @BeforeAll
    static void applicationIsReady() {
        ApiClient server = ApiClient.server();
        Eventually.await("the application to be ready", Duration.ofMinutes(3), Duration.ofSeconds(1),
                () -> server.get("/health/ready").send().status(), status -> status == 200);
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void consentRecordingParticipantInviteAndCallActionsAreAuditedInOrder() {
        String callId = startedCall();
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        String version = hostInRoom.welcome().getJsonObject("consent").getJsonObject("notices").getString("version");
        hostInRoom.send(Messages.consent("RECORDING", true, version));
        hostInRoom.socket().awaitMatching("host's consent", decision(hostInRoom.id()));

        Problems.assertProblem(api.post("/calls/" + callId + "/recordings").as(host).json(composite()).send(), 409,
                "CONSENT_REQUIRED");
        api.post("/calls/" + callId + "/consents").bearer(guest.bearerToken()).header("X-Forwarded-For", FORWARDED_FOR)
                .json(consent(version)).send().expectStatus(201);
        String recordingId = api.post("/calls/" + callId + "/recordings").as(host).json(composite()).send()
                .expectStatus(201).json().getJsonArray("items").getJsonObject(0).getString("id");
        api.post("/recordings/" + recordingId + "/stop").as(host).send().expectStatus(200);
        api.patch("/calls/" + callId + "/participants/" + guest.id()).as(host)
                .json(Json.createObjectBuilder().add("role", "MODERATOR").build()).send().expectStatus(200);
        String inviteId = kaiwa.invite(host, callId).getString("id");
        api.delete("/calls/" + callId + "/invites/" + inviteId).as(host).send().expectStatus(200);
        api.delete("/calls/" + callId + "/participants/" + guest.id()).as(host).send().expectStatus(200);
        kaiwa.move(admin, callId, "end");

        List<JsonObject> trail = oldestFirst(all(auditor));

        assertThat(trail).extracting(entry -> entry.getString("action")).containsExactly("CONSENT_GRANTED",
                "CONSENT_GRANTED", "RECORDING_STARTED", "RECORDING_STOPPED", "PARTICIPANT_ROLE_CHANGED",
                "INVITE_REVOKED", "PARTICIPANT_REMOVED", "CALL_ENDED");
        assertThat(trail).extracting(entry -> entry.getJsonNumber("sequence").longValue()).isSorted()
                .doesNotHaveDuplicates();
        assertThat(trail).allSatisfy(entry -> assertThat(entry.getString("organization"))
                .isEqualTo(organization.name()));
        JsonObject hostConsent = trail.get(0);
        assertThat(actor(hostConsent)).containsExactly("PARTICIPANT", hostInRoom.id(), "HOST");
        assertThat(hostConsent.getJsonObject("details").getString("channel")).isEqualTo("SIGNALING");
        assertThat(hostConsent.getString("clientAddress")).as("over signaling: the address that requested the ticket")
                .isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        JsonObject guestConsent = trail.get(1);
        assertThat(actor(guestConsent)).containsExactly("PARTICIPANT", guest.id(), "PARTICIPANT");
        assertThat(guestConsent.getString("clientAddress")).as("named by the trusted proxy")
                .isEqualTo(FORWARDED_CLIENT);
        assertThat(guestConsent.getJsonObject("resource").getString("type")).isEqualTo("CONSENT");
        assertThat(guestConsent.getJsonObject("details")).containsEntry("callId", Json.createValue(callId))
                .containsEntry("participantId", Json.createValue(guest.id()))
                .containsEntry("purpose", Json.createValue("RECORDING"))
                .containsEntry("channel", Json.createValue("REST"));
        JsonObject started = trail.get(2);
        assertThat(actor(started)).containsExactly("USER", host.subject(), "kaiwa-host");
        assertThat(started.getJsonObject("resource").getString("id")).isEqualTo(recordingId);
        assertThat(started.getString("clientAddress")).as("the test's own address").isIn("127.0.0.1",
                "0:0:0:0:0:0:0:1");
        assertThat(trail.get(3).getJsonObject("details").getString("reason")).isEqualTo("REQUESTED");
        assertThat(trail.get(4).getJsonObject("details").getString("to")).isEqualTo("MODERATOR");
        assertThat(trail.get(5).getJsonObject("resource").getString("id")).isEqualTo(inviteId);
        assertThat(actor(trail.get(7))).containsExactly("USER", admin.subject(), "kaiwa-admin");
        assertThat(trail.get(7).getJsonObject("resource").getString("id")).isEqualTo(callId);
        String everything = trail.toString();
        assertThat(everything).as("ids only, no personal data").doesNotContain(host.email(), host.name(),
                guest.displayName(), hostInRoom.displayName());
    }

    @Test
    void auditorsFilterByActionResourceActorAndTime() {
        String first = startedCall();
        kaiwa.move(host, first, "end");
        String second = kaiwa.createCall(host).getString("id");
        kaiwa.move(admin, second, "cancel");
        List<JsonObject> trail = oldestFirst(all(auditor));
        assertThat(trail).hasSize(2);

        assertThat(resourceIds(query("action", "CALL_CANCELLED"))).containsExactly(second);
        assertThat(resourceIds(api.get("/audit").as(auditor).query("resourceType", "CALL").query("resourceId", first)
                .send().expectStatus(200).items().getValuesAs(JsonObject.class))).containsExactly(first);
        assertThat(resourceIds(query("actor", admin.subject()))).containsExactly(second);
        assertThat(resourceIds(query("from", trail.get(1).getString("occurredAt")))).containsExactly(second);
        assertThat(query("to", trail.get(0).getString("occurredAt"))).isEmpty();
        assertThat(query("resourceType", "RECORDING")).isEmpty();
        JsonObject page = api.get("/audit").as(admin).query("limit", 1).send().expectStatus(200).json();
        assertThat(resourceIds(page.getJsonArray("items").getValuesAs(JsonObject.class))).containsExactly(second);
        assertThat(resourceIds(api.get("/audit").as(admin).query("limit", 1).query("cursor", page.getString("nextCursor"))
                .send().expectStatus(200).items().getValuesAs(JsonObject.class))).containsExactly(first);
    }

    @Test
    void onlyTheOrganizationsAuditorsAndAdminsReadItsTrail() {
        String callId = kaiwa.createCall(host).getString("id");
        kaiwa.move(host, callId, "cancel");
        Organization other = Organization.fresh();

        Problems.assertProblem(api.get("/audit").as(host).send(), 403, "FORBIDDEN");
        Problems.assertProblem(api.get("/audit").as(organization.user()).send(), 403, "FORBIDDEN");
        Problems.assertProblem(api.get("/audit/verify").as(host).send(), 403, "FORBIDDEN");
        Problems.assertProblem(api.get("/audit").send(), 401, "UNAUTHENTICATED");
        assertThat(api.get("/audit").as(other.auditor()).query("resourceId", callId).send().expectStatus(200).items())
                .isEmpty();
        assertThat(api.get("/audit").as(other.admin()).send().expectStatus(200).items()).isEmpty();
        assertThat(all(auditor)).singleElement()
                .satisfies(entry -> assertThat(entry.getString("action")).isEqualTo("CALL_CANCELLED"));
    }

    @Test
    void badFiltersAreFieldErrors() {
        Problems.assertFieldError(api.get("/audit").as(auditor).query("action", "EVERYTHING").send(), "action");
        Problems.assertFieldError(api.get("/audit").as(auditor).query("resourceType", "ROOM").send(), "resourceType");
        Problems.assertFieldError(api.get("/audit").as(auditor).query("from", "yesterday").send(), "from");
        Problems.assertFieldError(api.get("/audit").as(auditor).query("limit", 0).send(), "limit");
        Problems.assertFieldError(api.get("/audit").as(auditor).query("cursor", "not-a-cursor").send(), "cursor");
        Problems.assertFieldError(api.get("/audit/verify").as(auditor).query("anchorSequence", 1).send(),
                "anchorHash");
        Problems.assertFieldError(api.get("/audit/verify").as(auditor).query("anchorSequence", 1)
                .query("anchorHash", "abc").send(), "anchorHash");
        Problems.assertFieldError(api.get("/audit/verify").as(auditor).query("anchorSequence", "x")
                .query("anchorHash", "ab".repeat(32)).send(), "anchorSequence");
    }

    @Test
    void verificationFindsARowChangedInTheDatabaseAndTheAnchorKeepsHolding() {
        String callId = kaiwa.createCall(host).getString("id");
        kaiwa.move(host, callId, "cancel");
        long sequence = all(auditor).get(0).getJsonNumber("sequence").longValue();
        JsonObject intact = verify(auditor);
        assertThat(intact.getBoolean("valid")).as("valid before: %s", intact).isTrue();
        assertThat(intact.getJsonNumber("entries").longValue()).isEqualTo(intact.getJsonNumber("headSequence")
                .longValue()).isGreaterThanOrEqualTo(sequence);
        assertThat(intact.getString("headHash")).matches("[0-9a-f]{64}");
        long anchorSequence = intact.getJsonNumber("headSequence").longValue();
        String anchorHash = intact.getString("headHash");
        String actorId = ServerDatabase.queryText("SELECT actor_id FROM kw_audit_entry WHERE seq = ?", sequence)
                .orElseThrow();
        assertThat(actorId).isEqualTo(host.subject());

        JsonObject tampered;
        try {
            assertThat(ServerDatabase.update("UPDATE kw_audit_entry SET actor_id = ? WHERE seq = ?", "mallory",
                    sequence)).isEqualTo(1);
            tampered = verify(auditor);
        }
        finally {
            ServerDatabase.update("UPDATE kw_audit_entry SET actor_id = ? WHERE seq = ?", actorId, sequence);
        }

        assertThat(tampered.getBoolean("valid")).isFalse();
        assertThat(tampered.getJsonNumber("firstBrokenSequence").longValue()).isEqualTo(sequence);
        assertThat(tampered.getString("reason")).isEqualTo("CONTENT_ALTERED");
        assertThat(tampered.getString("detail")).contains(Long.toString(sequence)).doesNotContain("mallory");
        JsonObject restored = api.get("/audit/verify").as(admin).query("anchorSequence", anchorSequence)
                .query("anchorHash", anchorHash).send().expectStatus(200).json();
        assertThat(restored.getBoolean("valid")).as("valid again: %s", restored).isTrue();
        assertThat(restored.getBoolean("anchorChecked")).isTrue();
        JsonObject wrongAnchor = api.get("/audit/verify").as(admin).query("anchorSequence", anchorSequence)
                .query("anchorHash", "ab".repeat(32)).send().expectStatus(200).json();
        assertThat(wrongAnchor.getBoolean("valid")).isFalse();
        assertThat(wrongAnchor.getString("reason")).isEqualTo("ANCHOR_MISMATCH");
        assertThat(wrongAnchor.getJsonNumber("firstBrokenSequence").longValue()).isEqualTo(anchorSequence);
    }

    private String startedCall() {
        JsonObject call = kaiwa.createCall(host, CallRequests.videoCall()
                .add("settings", Json.createObjectBuilder().add("recording", "OPTIONAL")).build());
        return kaiwa.move(host, call.getString("id"), "start").getString("id");
    }

    private JsonObject verify(TestUser reader) {
        return api.get("/audit/verify").as(reader).send().expectStatus(200).json();
    }

    private List<JsonObject> query(String name, String value) {
        return api.get("/audit").as(auditor).query(name, value).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);
    }

    /** The whole trail the reader may see, newest first, following the cursor. */
    private List<JsonObject> all(TestUser reader) {
        List<JsonObject> entries = new ArrayList<>();
        String cursor = null;
        do {
            ApiRequest request = api.get("/audit").as(reader).query("limit", 100);
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            JsonObject page = request.send().expectStatus(200).json();
            entries.addAll(page.getJsonArray("items").getValuesAs(JsonObject.class));
            cursor = page.getString("nextCursor", null);
        }
        while (cursor != null);
        return entries;
    }

    private static List<JsonObject> oldestFirst(List<JsonObject> newestFirst) {
        List<JsonObject> entries = new ArrayList<>(newestFirst);
        Collections.reverse(entries);
        return entries;
    }

    private static List<String> resourceIds(List<JsonObject> entries) {
        return entries.stream().map(entry -> entry.getJsonObject("resource").getString("id")).toList();
    }

    private static List<String> actor(JsonObject entry) {
        JsonObject actor = entry.getJsonObject("actor");
        return List.of(actor.getString("type"), actor.getString("id"), actor.getString("role"));
    }

    private static JsonObject composite() {
        return Json.createObjectBuilder().add("kind", "COMPOSITE").add("quality", "LOW").build();
    }

    private static JsonObject consent(String version) {
        return Json.createObjectBuilder().add("purpose", "RECORDING").add("granted", true).add("noticeVersion", version)
                .add("language", "en").build();
    }

    private static Predicate<JsonObject> decision(String participantId) {
        return message -> "consent".equals(message.getString("type", null))
                && participantId.equals(message.getString("participantId", null));
    }
}
