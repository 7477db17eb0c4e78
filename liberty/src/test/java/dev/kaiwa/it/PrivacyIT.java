package dev.kaiwa.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kaiwa.it.signaling.ConnectedParticipant;
import dev.kaiwa.it.signaling.Messages;
import dev.kaiwa.it.signaling.Signaling;
import dev.kaiwa.it.signaling.Sockets;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Data-subject requests against the assembled server: a guest invited by e-mail joins a call, consents,
 * chats and is recorded; their organization's admin exports what Kaiwa holds about them (JSON and ZIP) and
 * erases it: their recordings are deleted (a legally held one is kept), their participant, invite and chat
 * are anonymized, and asking again finds nothing left. Nobody else may ask, and another organization's admin
 * learns nothing.
 */
class PrivacyIT {
    private static final int CHUNKS = 4;
    private static final Duration RECORDED = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final TestUser admin = organization.admin();
    private final Sockets sockets = new Sockets();
    private final Signaling signaling = new Signaling(kaiwa, sockets);

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void exportHoldsWhatTheGuestDidInTheCallAsJson() {
        Interview interview = interview();
        List<Started> individual = startRecordings(interview, "INDIVIDUAL");
        List<Started> composite = startRecordings(interview, "COMPOSITE");
        Started guestsOwn = recordingOf(individual, interview.guest().id());

        ApiResponse response = api.post("/privacy/exports").as(admin)
                .json(Json.createObjectBuilder().add("email", interview.guestEmail().toUpperCase()).build()).send();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.mediaType()).isEqualTo("application/json");
        assertThat(response.header("Cache-Control")).contains("no-store");
        JsonObject export = response.json();
        assertThat(export.getString("organization")).isEqualTo(organization.name());
        assertThat(export.getJsonObject("person").getString("email")).isEqualTo(interview.guestEmail());
        assertGuestsExport(export, interview, guestsOwn.id(), composite.get(0).id());
        assertThat(export.getJsonArray("chatTemplates")).isEmpty();
    }

    @Test
    void exportAsZipHoldsTheWholeExportAndOneFilePerSection() {
        Interview interview = interview();
        Started composite = startRecordings(interview, "COMPOSITE").get(0);
        Started guestsOwn = recordingOf(startRecordings(interview, "INDIVIDUAL"), interview.guest().id());
        JsonObject body = Json.createObjectBuilder().add("email", interview.guestEmail()).build();

        HttpResponse<byte[]> byAccept = exportRequest(admin, body, "application/zip");
        HttpResponse<byte[]> byField = exportRequest(admin, Json.createObjectBuilder(body).add("format", "ZIP").build(),
                "application/json");

        for (HttpResponse<byte[]> response : List.of(byAccept, byField)) {
            assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/zip"));
            assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                    assertThat(disposition).contains("attachment").doesNotContain(interview.guestEmail()));
            Map<String, String> entries = unzip(response.body());
            assertThat(entries.keySet()).containsExactly("export.json", "participations.json", "calls.json",
                    "invites.json", "consents.json", "chat-messages.json", "chat-templates.json", "events.json",
                    "recordings.json");
            JsonObject export = object(entries.get("export.json"));
            assertGuestsExport(export, interview, guestsOwn.id(), composite.id());
            for (String section : List.of("participations", "calls", "invites", "consents", "events", "recordings")) {
                assertThat(array(entries.get(section + ".json"))).as(section).isEqualTo(export.getJsonArray(section));
            }
            assertThat(array(entries.get("chat-messages.json"))).isEqualTo(export.getJsonArray("chatMessages"));
        }
    }

    @Test
    void exportOfAHostBySubjectHasTheCallTheyCreated() {
        Interview interview = interview();

        JsonObject export = api.post("/privacy/exports").as(admin)
                .json(Json.createObjectBuilder().add("subject", host.subject()).build()).send().expectStatus(200).json();

        assertThat(export.getJsonArray("participations").getValuesAs(JsonObject.class))
                .extracting(participation -> participation.getString("id")).containsExactly(interview.host().id());
        JsonObject call = export.getJsonArray("calls").getJsonObject(0);
        assertThat(call.getString("id")).isEqualTo(interview.callId());
        assertThat(call.getBoolean("createdByThem")).isTrue();
        assertThat(export.getJsonArray("chatMessages")).isEmpty();
    }

    @Test
    void erasureDeletesTheirRecordingsKeepsAHeldOneAndAnonymizesTheRest() {
        Interview interview = interview();
        List<Started> individual = startRecordings(interview, "INDIVIDUAL");
        Started composite = startRecordings(interview, "COMPOSITE").get(0);
        Eventually.sleep(RECORDED);
        individual.forEach(this::stop);
        stop(composite);
        Started guestsOwn = recordingOf(individual, interview.guest().id());
        Started hostsOwn = recordingOf(individual, interview.host().id());
        uploadUntilReady(guestsOwn);
        uploadUntilReady(composite);
        assertThat(download(host, composite.id()).statusCode()).isEqualTo(206);
        assertThat(storedFiles(composite.id())).isNotEmpty();
        Started held = startRecordings(interview, "COMPOSITE").get(0);
        stop(held);
        api.post("/recordings/" + held.id() + "/legal-hold").as(admin)
                .json(Json.createObjectBuilder().add("reason", "litigation 2026-17").build()).send().expectStatus(200);

        JsonObject report = erase(admin, Json.createObjectBuilder().add("email", interview.guestEmail()).build());

        Map<String, String> actions = actions(report);
        assertThat(actions).containsEntry("RECORDING " + guestsOwn.id(), "DELETED")
                .containsEntry("RECORDING " + composite.id(), "DELETED")
                .containsEntry("RECORDING " + held.id(), "KEPT_LEGAL_HOLD")
                .containsEntry("PARTICIPANT " + interview.guest().id(), "ANONYMIZED")
                .containsEntry("INVITE " + interview.inviteId(), "ANONYMIZED")
                .doesNotContainKey("RECORDING " + hostsOwn.id())
                .doesNotContainKey("PARTICIPANT " + interview.host().id());
        assertThat(actions.entrySet()).filteredOn(item -> item.getKey().startsWith("CHAT_MESSAGE "))
                .singleElement().satisfies(item -> assertThat(item.getValue()).isEqualTo("ANONYMIZED"));
        for (Started erased : List.of(guestsOwn, composite)) {
            JsonObject recording = api.get("/recordings/" + erased.id()).as(host).send().expectStatus(200).json();
            assertThat(recording.getString("status")).isEqualTo("DELETED");
            assertThat(recording.getString("deletedReason")).isEqualTo("ERASURE");
            assertThat(download(host, erased.id()).statusCode()).as("download of an erased recording").isEqualTo(410);
            assertThat(storedFiles(erased.id())).as("stored files of an erased recording").isEmpty();
        }
        JsonObject kept = api.get("/recordings/" + held.id()).as(host).send().expectStatus(200).json();
        assertThat(kept.getString("status")).isEqualTo("PROCESSING");
        assertThat(kept.getJsonObject("legalHold").getString("reason")).isEqualTo("litigation 2026-17");
        assertThat(api.get("/recordings/" + hostsOwn.id()).as(host).send().expectStatus(200).json()
                .getString("status")).as("the host's own recording").isNotEqualTo("DELETED");

        JsonObject participant = kaiwa.participant(host, interview.callId(), interview.guest().id());
        assertThat(participant.getString("displayName")).isEqualTo("Erased participant");
        assertThat(participant.containsKey("email") && !participant.isNull("email")).as("email left").isFalse();
        assertThat(kaiwa.participant(host, interview.callId(), interview.host().id()).getString("displayName"))
                .isEqualTo(host.name());
        List<JsonObject> chat = api.get("/calls/" + interview.callId() + "/chat").as(host).send().expectStatus(200)
                .items().getValuesAs(JsonObject.class);
        assertThat(chat).filteredOn(message -> interview.guest().id().equals(message.getString("from")))
                .singleElement().satisfies(message -> {
                    assertThat(message.getString("text")).isEqualTo("[erased]");
                    assertThat(message.getString("displayName")).isEqualTo("Erased participant");
                });
        assertThat(chat).extracting(message -> message.getString("text")).doesNotContain(interview.guestsMessage());
        JsonObject invite = api.get("/calls/" + interview.callId() + "/invites").as(host).send().expectStatus(200)
                .items().getValuesAs(JsonObject.class).stream()
                .filter(candidate -> candidate.getString("id").equals(interview.inviteId())).findFirst().orElseThrow();
        assertThat(invite.getString("displayName")).isEqualTo("Erased participant");
        assertThat(invite.containsKey("email") && !invite.isNull("email")).isFalse();
        assertThat(api.get("/calls/" + interview.callId() + "/consents").as(host).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class)).as("the consent ledger is kept as evidence")
                .anyMatch(row -> row.getString("participantId").equals(interview.guest().id()));

        JsonObject again = erase(admin, Json.createObjectBuilder().add("email", interview.guestEmail()).build());
        assertThat(again.getJsonArray("items")).as("nothing left").isEmpty();
        JsonObject export = api.post("/privacy/exports").as(admin)
                .json(Json.createObjectBuilder().add("email", interview.guestEmail()).build()).send().expectStatus(200)
                .json();
        assertThat(export.getJsonArray("participations")).isEmpty();
        assertThat(export.getJsonArray("recordings")).isEmpty();
        assertThat(export.getJsonArray("chatMessages")).isEmpty();

        List<JsonObject> trail = api.get("/audit").as(organization.auditor()).query("limit", 100).send()
                .expectStatus(200).items().getValuesAs(JsonObject.class);
        String reference = "sha256:" + HexFormat.of().formatHex(sha256(interview.guestEmail().toLowerCase(Locale.ROOT)
                .getBytes(UTF_8)));
        assertThat(trail).filteredOn(entry -> entry.getJsonObject("resource").getString("type").equals("DATA_SUBJECT"))
                .extracting(entry -> entry.getString("action"), entry -> entry.getJsonObject("resource").getString("id"),
                        entry -> entry.getJsonObject("actor").getString("id"))
                .containsExactlyInAnyOrder(tuple("PRIVACY_ERASURE", reference, admin.subject()),
                        tuple("PRIVACY_ERASURE", reference, admin.subject()),
                        tuple("PRIVACY_EXPORT", reference, admin.subject()));
        assertThat(trail).filteredOn(entry -> entry.getString("action").equals("RECORDING_DELETED"))
                .extracting(entry -> entry.getJsonObject("resource").getString("id"),
                        entry -> entry.getJsonObject("details").getString("reason"))
                .containsExactlyInAnyOrder(tuple(guestsOwn.id(), "ERASURE"), tuple(composite.id(), "ERASURE"));
        assertThat(trail.toString()).as("the address is nowhere in the trail")
                .doesNotContainIgnoringCase(interview.guestEmail());
    }

    @Test
    void onlyTheOrganizationsAdminsMayAsk() {
        Interview interview = interview();
        JsonObject body = Json.createObjectBuilder().add("email", interview.guestEmail()).build();

        for (Credential refused : List.of(host, organization.auditor(), organization.user())) {
            Problems.assertProblem(api.post("/privacy/exports").as(refused).json(body).send(), 403, "FORBIDDEN");
            Problems.assertProblem(api.post("/privacy/erasures").as(refused).json(body).send(), 403, "FORBIDDEN");
        }
        Problems.assertProblem(api.post("/privacy/exports").as(interview.guest()).json(body).send(), 401,
                "UNAUTHENTICATED");
        Problems.assertProblem(api.post("/privacy/erasures").json(body).send(), 401, "UNAUTHENTICATED");
        assertThat(kaiwa.participant(host, interview.callId(), interview.guest().id()).getString("displayName"))
                .isEqualTo(interview.guestName());
    }

    @Test
    void anotherOrganizationsAdminLearnsNothingAndErasesNothing() {
        Interview interview = interview();
        startRecordings(interview, "COMPOSITE");
        TestUser otherAdmin = Organization.fresh().admin();
        JsonObject byEmail = Json.createObjectBuilder().add("email", interview.guestEmail()).build();
        JsonObject bySubject = Json.createObjectBuilder().add("subject", host.subject()).build();

        JsonObject export = api.post("/privacy/exports").as(otherAdmin).json(byEmail).send().expectStatus(200).json();
        JsonObject hostsExport = api.post("/privacy/exports").as(otherAdmin).json(bySubject).send().expectStatus(200)
                .json();
        JsonObject report = erase(otherAdmin, byEmail);

        for (JsonObject nothing : List.of(export, hostsExport)) {
            for (String section : List.of("participations", "calls", "invites", "consents", "chatMessages",
                    "chatTemplates", "events", "recordings")) {
                assertThat(nothing.getJsonArray(section)).as(section).isEmpty();
            }
        }
        assertThat(report.getJsonArray("items")).isEmpty();
        assertThat(kaiwa.participant(host, interview.callId(), interview.guest().id()).getString("displayName"))
                .isEqualTo(interview.guestName());
        assertThat(api.get("/calls/" + interview.callId() + "/recordings").as(host).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class)).extracting(recording -> recording.getString("status"))
                .doesNotContain("DELETED");
    }

    @Test
    void badRequestsAreValidationProblems() {
        JsonObject both = Json.createObjectBuilder().add("subject", "someone").add("email", "someone@example.com").build();
        for (String path : List.of("/privacy/exports", "/privacy/erasures")) {
            Problems.assertFieldError(api.post(path).as(admin).json(both).send(), "subject");
            Problems.assertFieldError(api.post(path).as(admin).json(JsonValue.EMPTY_JSON_OBJECT).send(), "email");
            Problems.assertFieldError(api.post(path).as(admin)
                    .json(Json.createObjectBuilder().add("email", "not an address").build()).send(), "email");
            Problems.assertFieldError(api.post(path).as(admin)
                    .json(Json.createObjectBuilder().add("email", "a".repeat(320) + "@example.com").build()).send(),
                    "email");
            Problems.assertFieldError(api.post(path).as(admin)
                    .json(Json.createObjectBuilder().add("subject", "s".repeat(256)).build()).send(), "subject");
            Problems.assertProblemWithAnyCode(api.post(path).as(admin).body("{\"subject\": 42}", "application/json")
                    .send(), 400, "MALFORMED_REQUEST", "VALIDATION_FAILED");
        }
        Problems.assertFieldError(api.post("/privacy/exports").as(admin)
                .json(Json.createObjectBuilder().add("subject", "someone").add("format", "CSV").build()).send(),
                "format");
    }

    @Test
    void openApiDocumentDescribesBothRequests() {
        JsonObject paths = ApiClient.server().get("/openapi").query("format", "JSON").header("Accept", "application/json")
                .send().expectStatus(200).json().getJsonObject("paths");

        JsonObject export = paths.getJsonObject("/api/v1/privacy/exports").getJsonObject("post");
        JsonObject erasure = paths.getJsonObject("/api/v1/privacy/erasures").getJsonObject("post");
        assertThat(export.getJsonObject("responses").getJsonObject("200").getJsonObject("content").keySet())
                .contains("application/json", "application/zip");
        assertThat(export.getJsonObject("requestBody").toString()).contains("hanako@example.com");
        assertThat(erasure.getString("description")).contains("KEPT_LEGAL_HOLD");
    }

    // ---------------------------------------------------------------- the scenario

    /**
     * An OPTIONAL-policy call in progress: the host and a guest invited by e-mail are connected, both granted
     * recording, and the guest sent one chat message.
     */
    private Interview interview() {
        String title = "Interview " + Organization.uniqueSuffix();
        JsonObject call = kaiwa.createCall(host, CallRequests.videoCall().add("title", title)
                .add("settings", Json.createObjectBuilder().add("recording", "OPTIONAL")).build());
        String callId = kaiwa.move(host, call.getString("id"), "start").getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        String guestName = "Hanako " + Organization.uniqueSuffix();
        String guestEmail = "hanako-" + Organization.uniqueSuffix() + "@example.com";
        JsonObject invite = kaiwa.invite(host, callId, CallRequests.invite(guestName).add("email", guestEmail)
                .add("role", "PARTICIPANT").build());
        ConnectedParticipant guest = signaling.connect(kaiwa.joinWithInvite(invite.getString("token"), callId));
        String version = hostInRoom.welcome().getJsonObject("consent").getJsonObject("notices").getString("version");
        hostInRoom.send(Messages.consent("RECORDING", true, version));
        guest.send(Messages.consent("RECORDING", true, version));
        for (ConnectedParticipant who : List.of(hostInRoom, guest)) {
            hostInRoom.socket().awaitMatching("consent of " + who.id(), message -> "consent".equals(message.getString("type"))
                    && who.id().equals(message.getString("participantId")));
        }
        String text = "My number is 090-" + Organization.uniqueSuffix().substring(0, 4);
        guest.send(Messages.chat(text));
        hostInRoom.socket().awaitMatching("the guest's message", message -> "chat".equals(message.getString("type"))
                && text.equals(message.getString("text", null)));
        return new Interview(callId, title, hostInRoom, guest, guestName, guestEmail, invite.getString("id"), text);
    }

    private record Interview(String callId, String title, ConnectedParticipant host, ConnectedParticipant guest,
            String guestName, String guestEmail, String inviteId, String guestsMessage) {
    }

    private record Started(String id, String recorderId, String participantId, String uploadToken) {
    }

    /** Starts recordings of {@code kind}; every recorder acknowledges and they are RECORDING. */
    private List<Started> startRecordings(Interview interview, String kind) {
        List<JsonObject> items = api.post("/calls/" + interview.callId() + "/recordings").as(host)
                .json(Json.createObjectBuilder().add("kind", kind).add("quality", "LOW").build()).send()
                .expectStatus(201).items().getValuesAs(JsonObject.class);
        List<Started> started = new ArrayList<>();
        for (JsonObject item : items) {
            String id = item.getString("id");
            ConnectedParticipant recorder = item.getString("recorderId").equals(interview.guest().id())
                    ? interview.guest() : interview.host();
            JsonObject push = recorder.socket().awaitMatching("start of " + id + " pushed to its recorder",
                    message -> recordingMessage(message, id, "STARTING") && message.containsKey("uploadToken"));
            recorder.send(Messages.recorder(id, "started"));
            interview.host().socket().awaitMatching(id + " recording", message -> recordingMessage(message, id,
                    "RECORDING"));
            started.add(new Started(id, recorder.id(), item.getString("participantId", null),
                    push.getString("uploadToken")));
        }
        return started;
    }

    private static Started recordingOf(List<Started> individual, String participantId) {
        return individual.stream().filter(started -> participantId.equals(started.participantId())).findFirst()
                .orElseThrow(() -> new AssertionError("no individual recording of " + participantId));
    }

    private void stop(Started recording) {
        api.post("/recordings/" + recording.id() + "/stop").as(host).send().expectStatus(200);
    }

    /** The recorder uploads four chunks of real MediaRecorder output and completes; the server finalizes. */
    private void uploadUntilReady(Started recording) {
        for (int seq = 0; seq < CHUNKS; seq++) {
            byte[] chunk = sampleChunk(seq);
            HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(TestServer.apiUrl() + "/recordings/"
                            + recording.id() + "/chunks/" + seq))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + recording.uploadToken())
                    .header("Content-Type", "video/webm")
                    .header("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(sha256(chunk)) + ":")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)), HttpResponse.BodyHandlers.ofString(UTF_8));
            assertThat(put.statusCode()).as("chunk %d: %s", seq, put.body()).isEqualTo(201);
        }
        HttpResponse<String> completed = send(HttpRequest.newBuilder(URI.create(TestServer.apiUrl() + "/recordings/"
                        + recording.id() + "/complete"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + recording.uploadToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"chunks\":" + CHUNKS + "}")),
                HttpResponse.BodyHandlers.ofString(UTF_8));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(202);
        String status = Eventually.await("recording " + recording.id() + " READY", Duration.ofSeconds(30),
                () -> api.get("/recordings/" + recording.id()).as(host).send().expectStatus(200).json()
                        .getString("status"),
                candidate -> !"PROCESSING".equals(candidate));
        assertThat(status).isEqualTo("READY");
    }

    // ---------------------------------------------------------------- assertions and requests

    private void assertGuestsExport(JsonObject export, Interview interview, String guestsRecording,
            String compositeRecording) {
        JsonObject participation = only(export.getJsonArray("participations"), "participation");
        assertThat(participation.getString("id")).isEqualTo(interview.guest().id());
        assertThat(participation.getString("callId")).isEqualTo(interview.callId());
        assertThat(participation.getString("displayName")).isEqualTo(interview.guestName());
        assertThat(participation.getString("email")).isEqualTo(interview.guestEmail());
        assertThat(participation.getString("inviteId")).isEqualTo(interview.inviteId());
        assertThat(participation.getString("joinedAt")).isNotBlank();
        JsonObject call = only(export.getJsonArray("calls"), "call");
        assertThat(call.getString("id")).isEqualTo(interview.callId());
        assertThat(call.getString("title")).isEqualTo(interview.title());
        assertThat(call.getString("startedAt")).isNotBlank();
        assertThat(call.getBoolean("createdByThem")).isFalse();
        assertThat(export.getJsonArray("invites").getValuesAs(JsonObject.class)).extracting(invite -> invite.getString("id"))
                .containsExactly(interview.inviteId());
        assertThat(export.getJsonArray("consents").getValuesAs(JsonObject.class)).singleElement().satisfies(consent -> {
            assertThat(consent.getString("participantId")).isEqualTo(interview.guest().id());
            assertThat(consent.getString("purpose")).isEqualTo("RECORDING");
            assertThat(consent.getBoolean("granted")).isTrue();
            assertThat(consent.getString("noticeText")).isNotBlank();
        });
        assertThat(export.getJsonArray("chatMessages").getValuesAs(JsonObject.class))
                .extracting(message -> message.getString("text")).containsExactly(interview.guestsMessage());
        assertThat(export.getJsonArray("events").getValuesAs(JsonObject.class))
                .extracting(event -> event.getString("type")).contains("JOINED", "CONSENT_GRANTED");
        Map<String, String> recordings = new LinkedHashMap<>();
        export.getJsonArray("recordings").getValuesAs(JsonObject.class)
                .forEach(recording -> recordings.put(recording.getString("id"), recording.getString("relation")));
        assertThat(recordings).containsExactlyInAnyOrderEntriesOf(Map.of(guestsRecording, "OF_THEM",
                compositeRecording, "APPEARS_IN"));
        assertThat(export.toString()).as("nothing of the host").doesNotContain(host.email()).doesNotContain(host.name());
    }

    private JsonObject erase(TestUser who, JsonObject body) {
        ApiResponse response = api.post("/privacy/erasures").as(who).json(body).send();
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        return response.json();
    }

    /** "TYPE id" → action of every item of an erasure report; an item listed twice fails the test. */
    private static Map<String, String> actions(JsonObject report) {
        Map<String, String> actions = new LinkedHashMap<>();
        for (JsonObject item : report.getJsonArray("items").getValuesAs(JsonObject.class)) {
            String key = item.getString("type") + " " + item.getString("id");
            assertThat(actions.put(key, item.getString("action"))).as("listed twice: " + key).isNull();
        }
        return actions;
    }

    private static HttpResponse<byte[]> exportRequest(TestUser who, JsonObject body, String accept) {
        return send(HttpRequest.newBuilder(URI.create(TestServer.apiUrl() + "/privacy/exports"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + who.bearerToken())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), UTF_8)), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> download(Credential who, String recordingId) {
        return send(HttpRequest.newBuilder(URI.create(TestServer.apiUrl() + "/recordings/" + recordingId + "/content"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + who.bearerToken())
                .header("Range", "bytes=0-9")
                .GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request.build(), handler);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The files the server's recording store holds for a recording (their paths name it by id). */
    private static List<Path> storedFiles(String recordingId) {
        Path root = Path.of(System.getProperty("kaiwa.storage-dir", "target/it-data/storage"));
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(path -> path.toString().contains(recordingId)).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list the storage directory " + root.toAbsolutePath(), e);
        }
    }

    private static Map<String, String> unzip(byte[] zip) {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), UTF_8));
            }
        }
        catch (IOException e) {
            throw new AssertionError("not a ZIP archive", e);
        }
        return entries;
    }

    private static JsonObject object(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonArray array(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }

    private static byte[] sampleChunk(int seq) {
        try (InputStream in = PrivacyIT.class.getResourceAsStream("/media/video-vp8-opus/" + seq + ".webm")) {
            if (in == null) {
                throw new IllegalStateException("test resource media/video-vp8-opus/" + seq + ".webm is missing");
            }
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean recordingMessage(JsonObject message, String recordingId, String status) {
        if (!"recording".equals(message.getString("type", null))) {
            return false;
        }
        JsonObject recording = message.getJsonObject("recording");
        return recordingId.equals(recording.getString("id")) && status.equals(recording.getString("status"));
    }

    private static JsonObject only(JsonArray array, String what) {
        assertThat(array).as(what).hasSize(1);
        return array.getJsonObject(0);
    }
}
