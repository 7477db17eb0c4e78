package dev.kaiwa.it.signaling;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.ApiResponse;
import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.Problems;
import dev.kaiwa.it.ServerDatabase;
import dev.kaiwa.it.TestUser;
import dev.kaiwa.it.WebhookReceiver;
import dev.kaiwa.it.WebhookReceiver.Received;
import dev.kaiwa.it.signaling.Recorder.Started;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retention purge on the assembled server, end to end: recordings made through signaling and the upload
 * become READY (announced as {@code recording.ready}), one is put under legal hold, all of them are made due
 * by moving their expiry into the past in the server's database, and an admin starts a purge run over REST.
 * The held recording stays READY and downloadable; the others are DELETED for RETENTION, their media gone;
 * the run's counts are exact; the audit trail names the system, the admin and the run; the organization's
 * receiver gets signed {@code recording.deleted} and one {@code purge.completed}. A held recording cannot be
 * deleted by hand, and an erasure keeps it.
 */
class RetentionPurgeIT {
    private static final Duration RUN_PATIENCE = Duration.ofMinutes(3);
    private static final Duration DELIVERY_PATIENCE = Duration.ofSeconds(60);
    private static final String HOOK = "/hooks/retention";
    private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final TestUser admin = organization.admin();
    private final TestUser auditor = organization.auditor();
    private final Sockets sockets = new Sockets();
    private final Recorder recorder = new Recorder(kaiwa, new Signaling(kaiwa, sockets));
    private final WebhookReceiver receiver = WebhookReceiver.start();

    @AfterEach
    void close() {
        sockets.close();
        receiver.close();
    }

    @Test
    void purgeDeletesDueRecordingsKeepsTheHeldOneAndAuditsAndAnnouncesIt() {
        String secret = api.post("/webhooks").as(admin).json(Json.createObjectBuilder().add("url", receiver.url(HOOK))
                .add("events", Json.createArrayBuilder().add("recording.ready").add("recording.deleted")
                        .add("purge.completed")).build()).send().expectStatus(201).json().getString("secret");
        // Whatever an earlier, interrupted test left due goes now, so the measured run purges only this test's.
        assertThat(finished(startPurge()).getString("status")).isEqualTo("COMPLETED");

        Started held = recorder.readyRecording(host);
        Started first = recorder.readyRecording(host);
        Started second = recorder.readyRecording(host);
        List<String> purged = List.of(first.id(), second.id());
        long purgedBytes = sizeOf(first.id()) + sizeOf(second.id());

        List<Received> ready = receiver.await(HOOK, 3, DELIVERY_PATIENCE);
        assertThat(ready).extracting(Received::type).containsOnly("recording.ready");
        assertThat(ready).extracting(request -> request.data().getString("recordingId"))
                .containsExactlyInAnyOrder(held.id(), first.id(), second.id());
        assertThat(ready).allSatisfy(request -> {
            assertThat(request.signedWith(secret)).as("signature of %s", request.body()).isTrue();
            assertThat(request.data().getJsonNumber("sizeBytes").longValue()).isPositive();
            assertThat(request.data().getString("sha256")).matches("[0-9a-f]{64}");
        });

        api.post("/recordings/" + held.id() + "/legal-hold").as(admin)
                .json(Json.createObjectBuilder().add("reason", "Litigation 2026-17").build()).send().expectStatus(200);
        OffsetDateTime yesterday = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        for (Started recording : List.of(held, first, second)) {
            assertThat(ServerDatabase.update("UPDATE kw_recording SET expires_at = ? WHERE id = ?", yesterday,
                    recording.id())).as("expiry of %s moved", recording.id()).isEqualTo(1);
        }

        ApiResponse started = startPurge();
        long executionId = started.json().getJsonNumber("executionId").longValueExact();
        JsonObject run = finished(started);

        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(started.header("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/api/v1/admin/purge-runs/" + executionId));
        assertThat(counts(run)).as("the run's counts (a step that had nothing to write counts nothing)")
                .containsExactlyInAnyOrderEntriesOf(Map.of("recordingsExpired", 2L, "recordingsDeleted", 2L,
                        "missingBlobs", 0L, "bytesFreed", purgedBytes, "callsChatPurged", 0L, "chatMessagesDeleted", 0L,
                        "organizationsAnnounced", 1L));
        assertThat(run.getString("startedBy")).isEqualTo("user:" + admin.subject());

        JsonObject kept = recording(held.id());
        assertThat(kept.getString("status")).isEqualTo("READY");
        assertThat(kept.getJsonObject("legalHold").getString("reason")).isEqualTo("Litigation 2026-17");
        assertThat(Recorder.download(admin, held.id(), "bytes=0-9").statusCode()).as("held media downloads")
                .isEqualTo(206);
        assertThat(Recorder.storedFiles(held.id())).isNotEmpty();
        for (String id : purged) {
            JsonObject gone = recording(id);
            assertThat(gone.getString("status")).isEqualTo("DELETED");
            assertThat(gone.getString("deletedReason")).isEqualTo("RETENTION");
            HttpResponse<byte[]> content = Recorder.download(admin, id, null);
            assertThat(content.statusCode()).as("content of purged %s", id).isEqualTo(410);
            assertThat(new String(content.body(), UTF_8)).contains("\"RECORDING_GONE\"");
            assertThat(Recorder.storedFiles(id)).as("stored files of purged %s", id).isEmpty();
        }

        List<Received> announced = receiver.await(HOOK, 6, DELIVERY_PATIENCE);
        assertThat(announced).allSatisfy(request -> assertThat(request.signedWith(secret))
                .as("signature of %s", request.body()).isTrue());
        assertThat(ofType(announced, "recording.deleted"))
                .extracting(data -> data.getString("recordingId"), data -> data.getString("reason"))
                .containsExactlyInAnyOrder(tuple(first.id(), "RETENTION"), tuple(second.id(), "RETENTION"));
        assertThat(ofType(announced, "purge.completed")).singleElement().satisfies(data -> {
            assertThat(data.getJsonNumber("executionId").longValueExact()).isEqualTo(executionId);
            assertThat(data.getJsonNumber("instanceId").longValueExact())
                    .isEqualTo(run.getJsonNumber("instanceId").longValueExact());
            assertThat(data.getJsonNumber("recordingsDeleted").longValueExact()).isEqualTo(2);
            assertThat(data.getJsonNumber("missingBlobs").longValueExact()).isZero();
            assertThat(data.getJsonNumber("bytesFreed").longValueExact()).isEqualTo(purgedBytes);
        });

        Problems.assertProblem(api.delete("/recordings/" + held.id()).as(admin).send(), 409, "LEGAL_HOLD_ACTIVE");
        Problems.assertProblem(api.delete("/recordings/" + held.id()).as(host).send(), 409, "LEGAL_HOLD_ACTIVE");
        JsonObject erasure = api.post("/privacy/erasures").as(admin)
                .json(Json.createObjectBuilder().add("subject", host.subject()).build()).send().expectStatus(200).json();
        assertThat(erasure.getJsonArray("items").getValuesAs(JsonObject.class))
                .filteredOn(item -> item.getString("type").equals("RECORDING"))
                .extracting(item -> item.getString("id"), item -> item.getString("action"))
                .containsExactlyInAnyOrder(tuple(held.id(), "KEPT_LEGAL_HOLD"), tuple(first.id(), "ALREADY_ERASED"),
                        tuple(second.id(), "ALREADY_ERASED"));
        assertThat(recording(held.id()).getString("status")).as("kept by the erasure").isEqualTo("READY");
        assertThat(Recorder.download(admin, held.id(), "bytes=0-9").statusCode()).isEqualTo(206);

        api.delete("/recordings/" + held.id() + "/legal-hold").as(admin).query("reason", "settled").send()
                .expectStatus(200);
        JsonObject deleted = api.delete("/recordings/" + held.id()).as(admin).send().expectStatus(200).json();
        assertThat(deleted.getString("deletedReason")).isEqualTo("MANUAL");
        Received manual = Eventually.await("recording.deleted of the held recording", DELIVERY_PATIENCE,
                () -> receiver.requests(HOOK).stream().filter(request -> request.type().equals("recording.deleted")
                        && request.data().getString("recordingId").equals(held.id())).toList(),
                requests -> !requests.isEmpty()).get(0);
        assertThat(manual.data().getString("reason")).isEqualTo("MANUAL");
        assertThat(manual.signedWith(secret)).isTrue();
        assertThat(ofType(receiver.requests(HOOK), "purge.completed")).as("one announcement of the run").hasSize(1);

        assertAudited(executionId, purged, held.id());
    }

    private void assertAudited(long executionId, List<String> purged, String heldId) {
        assertThat(audit("RECORDING_PURGED"))
                .extracting(entry -> entry.getJsonObject("resource").getString("id"),
                        entry -> entry.getJsonObject("actor").getString("type"),
                        entry -> entry.getJsonObject("details").getString("reason"),
                        entry -> entry.getJsonObject("details").getString("jobExecutionId"))
                .containsExactlyInAnyOrder(tuple(purged.get(0), "SYSTEM", "RETENTION", Long.toString(executionId)),
                        tuple(purged.get(1), "SYSTEM", "RETENTION", Long.toString(executionId)));
        assertThat(audit("RECORDING_PURGED")).allSatisfy(entry ->
                assertThat(entry.containsKey("clientAddress") && !entry.isNull("clientAddress")).isFalse());
        assertThat(audit("LEGAL_HOLD_SET")).singleElement().satisfies(entry -> {
            assertThat(actor(entry)).containsExactly("USER", admin.subject(), "kaiwa-admin");
            assertThat(entry.getJsonObject("resource").getString("id")).isEqualTo(heldId);
            assertThat(entry.getJsonObject("details").getString("reason")).isEqualTo("Litigation 2026-17");
            assertThat(entry.getString("clientAddress")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
        assertThat(audit("LEGAL_HOLD_CLEARED")).singleElement().satisfies(entry ->
                assertThat(entry.getJsonObject("details").getString("reason")).isEqualTo("settled"));
        assertThat(audit("RECORDING_DELETED")).singleElement().satisfies(entry -> {
            assertThat(actor(entry)).containsExactly("USER", admin.subject(), "kaiwa-admin");
            assertThat(entry.getJsonObject("resource").getString("id")).isEqualTo(heldId);
            assertThat(entry.getJsonObject("details").getString("reason")).isEqualTo("MANUAL");
        });
        assertThat(audit("PURGE_RUN_STARTED")).as("the clearing run and the measured one")
                .extracting(entry -> entry.getJsonObject("resource").getString("id")).hasSize(2)
                .contains(Long.toString(executionId));
        assertThat(audit("PURGE_RUN_STARTED")).allSatisfy(entry ->
                assertThat(actor(entry)).containsExactly("USER", admin.subject(), "kaiwa-admin"));
        assertThat(audit("PRIVACY_ERASURE")).singleElement().satisfies(entry ->
                assertThat(entry.getJsonObject("resource").getString("id")).isEqualTo(host.subject()));
        JsonObject verification = api.get("/audit/verify").as(auditor).send().expectStatus(200).json();
        assertThat(verification.getBoolean("valid")).as(verification.toString()).isTrue();
    }

    private ApiResponse startPurge() {
        return api.post("/admin/purge-runs").as(admin).send().expectStatus(202);
    }

    private JsonObject finished(ApiResponse started) {
        long executionId = started.json().getJsonNumber("executionId").longValueExact();
        return Eventually.await("purge run " + executionId + " to finish", RUN_PATIENCE, Duration.ofMillis(500),
                () -> api.get("/admin/purge-runs/" + executionId).as(admin).send().expectStatus(200).json(),
                run -> FINISHED.contains(run.getString("status")));
    }

    private JsonObject recording(String id) {
        return api.get("/recordings/" + id).as(admin).send().expectStatus(200).json();
    }

    private long sizeOf(String recordingId) {
        return recording(recordingId).getJsonNumber("sizeBytes").longValueExact();
    }

    private List<JsonObject> audit(String action) {
        return api.get("/audit").as(auditor).query("action", action).query("limit", 100).send().expectStatus(200)
                .items().getValuesAs(JsonObject.class);
    }

    /** The run's counts, every count the job keeps included (0 when its step wrote nothing). */
    private static Map<String, Long> counts(JsonObject run) {
        Map<String, Long> counts = new TreeMap<>();
        for (String key : List.of("recordingsExpired", "recordingsDeleted", "missingBlobs", "bytesFreed",
                "callsChatPurged", "chatMessagesDeleted", "organizationsAnnounced")) {
            counts.put(key, 0L);
        }
        run.getJsonObject("counts").forEach((key, value) -> counts.put(key, Long.parseLong(value.toString())));
        return counts;
    }

    private static List<JsonObject> ofType(List<Received> requests, String type) {
        List<JsonObject> data = new ArrayList<>();
        requests.stream().filter(request -> request.type().equals(type)).forEach(request -> data.add(request.data()));
        return data;
    }

    private static List<String> actor(JsonObject entry) {
        JsonObject actor = entry.getJsonObject("actor");
        return List.of(actor.getString("type"), actor.getString("id"), actor.getString("role"));
    }
}
