package dev.kaiwa.it.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.ApiResponse;
import dev.kaiwa.it.CallRequests;
import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.JoinedParticipant;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.Problems;
import dev.kaiwa.it.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consent and recording through signaling and REST: the consent step, the policy rules, recorder starts
 * and acknowledgements, and what withdrawals and unconsented joins stop.
 */
class ConsentAndRecordingIT {
    private static final Duration QUIET = Duration.ofMillis(1500);

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
    void requiredPolicyHoldsEveryoneInTheConsentStepAndRecordsOnceTheyGrant() {
        String callId = call("REQUIRED");
        JoinedParticipant hostJoin = kaiwa.join(host, callId);
        SignalingClient hostSocket = signaling.sendJoin(hostJoin);

        JsonObject waiting = hostSocket.await("waiting");
        assertThat(waiting.getString("reason")).isEqualTo("consent");
        JsonObject notices = waiting.getJsonObject("notices");
        assertThat(notices.getJsonObject("texts").getJsonObject("RECORDING").getString("ja")).isNotBlank();
        assertThat(notices.getJsonObject("texts").getJsonObject("RECORDING").getString("en")).contains("recorded");
        String version = notices.getString("version");
        assertThat(kaiwa.participant(host, callId, hostJoin.participantId()).getString("status")).isEqualTo("WAITING");
        hostSocket.assertNothing("welcome", Duration.ZERO);

        hostSocket.send(Messages.consent("RECORDING", true, version));

        JsonObject welcome = hostSocket.await("welcome");
        assertThat(welcome.getJsonObject("consent").getJsonObject("yours").getBoolean("RECORDING")).isTrue();
        JsonObject started = hostSocket.awaitMatching("recording start for the host", recording("STARTING"));
        assertThat(started.getString("uploadToken")).isNotBlank();
        JsonObject recording = started.getJsonObject("recording");
        assertThat(recording.getString("kind")).isEqualTo("COMPOSITE");
        assertThat(recording.getString("recorderId")).isEqualTo(hostJoin.participantId());

        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        SignalingClient guestSocket = signaling.sendJoin(guest);
        assertThat(guestSocket.await("waiting").getString("reason")).isEqualTo("consent");
        hostSocket.assertNothingMatching("peer-joined of the guest", Peers.peerJoined(guest.participantId()), QUIET);

        guestSocket.send(Messages.consent("RECORDING", true, version));

        JsonObject guestWelcome = guestSocket.await("welcome");
        assertThat(guestWelcome.getJsonArray("recordings")).hasSize(1);
        hostSocket.awaitMatching("peer-joined of the guest", Peers.peerJoined(guest.participantId()));
        assertThat(api.get("/calls/" + callId + "/consents").as(host).send().expectStatus(200).items()).hasSize(2);
    }

    @Test
    void declinedConsentUnderRequiredKeepsThePersonOut() {
        String callId = call("REQUIRED");
        ConnectedParticipant hostInRoom = grantedHost(callId);
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        SignalingClient guestSocket = signaling.sendJoin(guest);
        String version = guestSocket.await("waiting").getJsonObject("notices").getString("version");

        guestSocket.send(Messages.consent("RECORDING", false, version));

        guestSocket.awaitMatching("its own decision", message -> "consent".equals(message.getString("type"))
                && !message.getBoolean("granted"));
        guestSocket.assertNothing("welcome", QUIET);
        hostInRoom.socket().assertNothingMatching("peer-joined", Peers.peerJoined(guest.participantId()), Duration.ZERO);
        guestSocket.send(Messages.chat("let me in"));
        guestSocket.awaitError("FORBIDDEN");
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getString("status")).isEqualTo("WAITING");
    }

    @Test
    void outdatedNoticeVersionIsRefusedAndTheSocketStaysOpen() {
        String callId = call("REQUIRED");
        SignalingClient hostSocket = signaling.sendJoin(kaiwa.join(host, callId));
        hostSocket.await("waiting");

        hostSocket.send(Messages.consent("RECORDING", true, "1999-1"));

        hostSocket.awaitError("CONSENT_NOTICE_OUTDATED");
        hostSocket.assertOpen();
        hostSocket.assertNothing("welcome", QUIET);
    }

    @Test
    void optionalRecordingNeedsEveryPublishersConsent() {
        String callId = call("OPTIONAL");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        String version = hostInRoom.welcome().getJsonObject("consent").getJsonObject("notices").getString("version");

        ApiResponse refused = api.post("/calls/" + callId + "/recordings").as(host).json(composite()).send();
        JsonObject problem = Problems.assertProblem(refused, 409, "CONSENT_REQUIRED");
        assertThat(problem.getString("detail")).contains(hostInRoom.id()).contains(guest.id());

        hostInRoom.send(Messages.consent("RECORDING", true, version));
        decideOverRest(guest, true, version);
        hostInRoom.socket().awaitMatching("guest's consent", decision(guest.id(), true));

        JsonObject started = api.post("/calls/" + callId + "/recordings").as(host).json(composite()).send()
                .expectStatus(201).json().getJsonArray("items").getJsonObject(0);
        assertThat(started.getString("status")).isEqualTo("STARTING");
        String recordingId = started.getString("id");
        JsonObject push = hostInRoom.socket().awaitMatching("start pushed to the recorder", recording("STARTING"));
        assertThat(push.getString("uploadToken")).isNotBlank();
        JsonObject guestView = guest.socket().awaitMatching("recording state for the guest", recording("STARTING"));
        assertThat(guestView.containsKey("uploadToken")).as("only the recorder gets the upload token").isFalse();

        hostInRoom.send(Messages.recorder(recordingId, "started"));

        guest.socket().awaitMatching("recording now", recording("RECORDING"));
        JsonObject stored = api.get("/recordings/" + recordingId).as(host).send().expectStatus(200).json();
        assertThat(stored.getString("status")).isEqualTo("RECORDING");
        assertThat(stored.getString("startedAt")).isNotBlank();
        Problems.assertProblem(api.post("/calls/" + callId + "/recordings").as(host).json(composite()).send(), 409,
                "RECORDING_ACTIVE");
    }

    @Test
    void withdrawalStopsTheCompositeRecordingAtOnce() {
        String callId = call("OPTIONAL");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        String recordingId = recordingRunning(callId, hostInRoom, guest);

        guest.send(Messages.consent("RECORDING", false, version(hostInRoom)));

        JsonObject stopped = hostInRoom.socket().awaitMatching("stop pushed", recording("PROCESSING"))
                .getJsonObject("recording");
        assertThat(stopped.getString("stopReason")).isEqualTo("CONSENT_WITHDRAWN");
        JsonObject stored = api.get("/recordings/" + recordingId).as(host).send().expectStatus(200).json();
        assertThat(stored.getString("status")).isEqualTo("PROCESSING");
        assertThat(stored.getString("stopReason")).isEqualTo("CONSENT_WITHDRAWN");
        List<JsonObject> ledger = api.get("/calls/" + callId + "/consents").as(host).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);
        assertThat(ledger).filteredOn(row -> row.getString("participantId").equals(guest.id()))
                .extracting(row -> row.getBoolean("granted")).containsExactly(true, false);
    }

    @Test
    void withdrawalStopsOnlyTheWithdrawersIndividualRecording() {
        String callId = call("OPTIONAL");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        String version = version(hostInRoom);
        hostInRoom.send(Messages.consent("RECORDING", true, version));
        guest.send(Messages.consent("RECORDING", true, version));
        hostInRoom.socket().awaitMatching("guest's consent", decision(guest.id(), true));
        List<JsonObject> started = api.post("/calls/" + callId + "/recordings").as(host)
                .json(Json.createObjectBuilder().add("kind", "INDIVIDUAL").build()).send().expectStatus(201).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(started).extracting(r -> r.getString("recorderId")).containsExactlyInAnyOrder(hostInRoom.id(), guest.id());
        for (JsonObject recording : started) {
            ConnectedParticipant recorder = recording.getString("recorderId").equals(guest.id()) ? guest : hostInRoom;
            recorder.send(Messages.recorder(recording.getString("id"), "started"));
        }
        Eventually.await("both recording", Duration.ofSeconds(10), () -> statuses(callId),
                statuses -> statuses.size() == 2 && statuses.stream().allMatch("RECORDING"::equals));

        guest.send(Messages.consent("RECORDING", false, version));

        List<JsonObject> recordings = Eventually.await("the guest's recording stopped", Duration.ofSeconds(10),
                () -> api.get("/calls/" + callId + "/recordings").as(host).send().expectStatus(200).items()
                        .getValuesAs(JsonObject.class),
                all -> all.stream().anyMatch(r -> !"RECORDING".equals(r.getString("status"))));
        for (JsonObject recording : recordings) {
            boolean guests = recording.getString("participantId").equals(guest.id());
            assertThat(recording.getString("status")).as("recording of " + recording.getString("participantId"))
                    .isEqualTo(guests ? "PROCESSING" : "RECORDING");
        }
    }

    @Test
    void joinerWhoDeclinesUnderOptionalStopsTheRecording() {
        String callId = call("OPTIONAL");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        String recordingId = recordingRunning(callId, hostInRoom, guest);
        JoinedParticipant late = kaiwa.guest(host, callId, "PARTICIPANT");
        SignalingClient lateSocket = signaling.sendJoin(late);
        assertThat(lateSocket.await("waiting").getString("reason")).isEqualTo("consent");

        lateSocket.send(Messages.consent("RECORDING", false, version(hostInRoom)));

        lateSocket.await("welcome");
        JsonObject stopped = hostInRoom.socket().awaitMatching("stop pushed", recording("PROCESSING"))
                .getJsonObject("recording");
        assertThat(stopped.getString("id")).isEqualTo(recordingId);
        assertThat(stopped.getString("stopReason")).isEqualTo("UNCONSENTED_JOIN");
    }

    @Test
    void joinerWhoGrantsUnderOptionalLeavesTheRecordingRunning() {
        String callId = call("OPTIONAL");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        String recordingId = recordingRunning(callId, hostInRoom, guest);
        JoinedParticipant late = kaiwa.guest(host, callId, "PARTICIPANT");
        SignalingClient lateSocket = signaling.sendJoin(late);
        lateSocket.await("waiting");

        lateSocket.send(Messages.consent("RECORDING", true, version(hostInRoom)));

        assertThat(lateSocket.await("welcome").getJsonArray("recordings").getJsonObject(0).getString("status"))
                .isEqualTo("RECORDING");
        hostInRoom.socket().assertNothingMatching("a stop", recording("PROCESSING"), QUIET);
        assertThat(api.get("/recordings/" + recordingId).as(host).send().expectStatus(200).json().getString("status"))
                .isEqualTo("RECORDING");
    }

    @Test
    void requiredWithdrawalSendsThePersonBackToTheConsentStep() {
        String callId = call("REQUIRED");
        ConnectedParticipant hostInRoom = grantedHost(callId);
        JsonObject start = hostInRoom.socket().awaitMatching("automatic start", recording("STARTING"));
        hostInRoom.send(Messages.recorder(start.getJsonObject("recording").getString("id"), "started"));
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        SignalingClient guestSocket = signaling.sendJoin(guest);
        String version = guestSocket.await("waiting").getJsonObject("notices").getString("version");
        guestSocket.send(Messages.consent("RECORDING", true, version));
        guestSocket.await("welcome");

        guestSocket.send(Messages.consent("RECORDING", false, version));

        guestSocket.awaitMatching("back in the consent step", message -> "waiting".equals(message.getString("type"))
                && "consent".equals(message.getString("reason")));
        hostInRoom.socket().awaitMatching("peer-left of the guest", Peers.peerLeft(guest.participantId()));
        hostInRoom.socket().awaitMatching("composite stopped", message -> recording("PROCESSING").test(message)
                && "CONSENT_WITHDRAWN".equals(message.getJsonObject("recording").getString("stopReason")));
        assertThat(kaiwa.participant(host, callId, guest.participantId()).getString("status")).isEqualTo("WAITING");
    }

    @Test
    void startIsRefusedWithoutARecorderOrWhenTheCallRecordsNothing() {
        String optional = call("OPTIONAL");
        Problems.assertProblem(api.post("/calls/" + optional + "/recordings").as(host).json(composite()).send(), 409,
                "RECORDER_UNAVAILABLE");
        String off = call("OFF");
        Problems.assertProblem(api.post("/calls/" + off + "/recordings").as(host).json(composite()).send(), 409,
                "RECORDING_DISABLED");
        Problems.assertFieldError(api.post("/calls/" + optional + "/recordings").as(host)
                .json(Json.createObjectBuilder().add("quality", "ULTRA").build()).send(), "quality");
    }

    @Test
    void recorderThatNeverAnswersFailsTheRecording() {
        String callId = call("OPTIONAL");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        hostInRoom.send(Messages.consent("RECORDING", true, version(hostInRoom)));
        hostInRoom.socket().awaitMatching("own consent", decision(hostInRoom.id(), true));
        String recordingId = api.post("/calls/" + callId + "/recordings").as(host).json(composite()).send()
                .expectStatus(201).json().getJsonArray("items").getJsonObject(0).getString("id");

        hostInRoom.socket().awaitMatching("failure", recording("FAILED"), Duration.ofSeconds(15));

        JsonObject failed = api.get("/recordings/" + recordingId).as(host).send().expectStatus(200).json();
        assertThat(failed.getString("failureReason")).contains("acknowledge");
    }

    @Test
    void participantsDecideOverRestAndReadOnlyTheirOwnRows() {
        String callId = call("OPTIONAL");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        String version = version(hostInRoom);
        hostInRoom.send(Messages.consent("TRANSCRIPTION", true, version));
        hostInRoom.socket().awaitMatching("own consent", decision(hostInRoom.id(), true));

        JsonObject row = decideOverRest(guest, true, version);
        decideOverRest(guest, false, version);

        assertThat(row.getString("noticeText")).isNotBlank();
        assertThat(row.getString("channel")).isEqualTo("REST");
        assertThat(row.getInt("seq")).isEqualTo(1);
        List<JsonObject> own = api.get("/calls/" + callId + "/consents").bearer(guest.bearerToken()).send()
                .expectStatus(200).items().getValuesAs(JsonObject.class);
        assertThat(own).extracting(r -> r.getString("participantId")).containsOnly(guest.id());
        assertThat(own).extracting(r -> r.getBoolean("granted")).containsExactly(true, false);
        List<JsonObject> all = api.get("/calls/" + callId + "/consents").as(host).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);
        assertThat(all).extracting(r -> r.getString("participantId")).contains(guest.id(), hostInRoom.id());
        Problems.assertProblem(api.post("/calls/" + callId + "/consents").bearer(guest.bearerToken())
                .json(consentBody("RECORDING", true, "0")).send(), 409, "CONSENT_NOTICE_OUTDATED");
        Problems.assertFieldError(api.post("/calls/" + callId + "/consents").bearer(guest.bearerToken())
                .json(consentBody("EVERYTHING", true, version)).send(), "purpose");
    }

    // ---------------------------------------------------------------- helpers

    private String call(String policy) {
        JsonObject call = kaiwa.createCall(host, CallRequests.videoCall()
                .add("settings", Json.createObjectBuilder().add("recording", policy))
                .build());
        return kaiwa.move(host, call.getString("id"), "start").getString("id");
    }

    /** Under REQUIRED: the host joins, grants and is welcomed. */
    private ConnectedParticipant grantedHost(String callId) {
        JoinedParticipant hostJoin = kaiwa.join(host, callId);
        SignalingClient socket = signaling.sendJoin(hostJoin);
        String version = socket.await("waiting").getJsonObject("notices").getString("version");
        socket.send(Messages.consent("RECORDING", true, version));
        return new ConnectedParticipant(hostJoin, socket, socket.await("welcome"));
    }

    /** Both grant, the host starts a composite recording and its browser acknowledges it. */
    private String recordingRunning(String callId, ConnectedParticipant hostInRoom, ConnectedParticipant guest) {
        String version = version(hostInRoom);
        hostInRoom.send(Messages.consent("RECORDING", true, version));
        guest.send(Messages.consent("RECORDING", true, version));
        hostInRoom.socket().awaitMatching("guest's consent", decision(guest.id(), true));
        hostInRoom.socket().awaitMatching("host's consent", decision(hostInRoom.id(), true));
        String recordingId = api.post("/calls/" + callId + "/recordings").as(host).json(composite()).send()
                .expectStatus(201).json().getJsonArray("items").getJsonObject(0).getString("id");
        hostInRoom.socket().awaitMatching("start pushed", recording("STARTING"));
        hostInRoom.send(Messages.recorder(recordingId, "started"));
        guest.socket().awaitMatching("recording now", recording("RECORDING"));
        return recordingId;
    }

    private JsonObject decideOverRest(ConnectedParticipant participant, boolean granted, String version) {
        return api.post("/calls/" + participant.callId() + "/consents").bearer(participant.bearerToken())
                .json(consentBody("RECORDING", granted, version)).send().expectStatus(201).json();
    }

    private static JsonObject consentBody(String purpose, boolean granted, String version) {
        return Json.createObjectBuilder().add("purpose", purpose).add("granted", granted).add("noticeVersion", version)
                .add("language", "ja").build();
    }

    private List<String> statuses(String callId) {
        return api.get("/calls/" + callId + "/recordings").as(host).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class).stream().map(r -> r.getString("status")).toList();
    }

    private static String version(ConnectedParticipant participant) {
        return participant.welcome().getJsonObject("consent").getJsonObject("notices").getString("version");
    }

    private static JsonObject composite() {
        return Json.createObjectBuilder().add("kind", "COMPOSITE").add("quality", "LOW").build();
    }

    private static Predicate<JsonObject> recording(String status) {
        return message -> "recording".equals(message.getString("type", null))
                && status.equals(message.getJsonObject("recording").getString("status"));
    }

    private static Predicate<JsonObject> decision(String participantId, boolean granted) {
        return message -> "consent".equals(message.getString("type", null))
                && participantId.equals(message.getString("participantId", null))
                && message.getBoolean("granted") == granted;
    }
}
