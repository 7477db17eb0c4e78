package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Creating, reading, changing and listing calls over REST. */
class CallApiIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();

    @Test
    void createCallAnswersCreatedWithLocationAndTheScheduledCall() {
        Instant scheduledAt = CallRequests.tomorrow();
        JsonObject body = Json.createObjectBuilder()
                .add("title", "Onboarding interview")
                .add("type", "VOICE")
                .add("scheduledAt", scheduledAt.toString())
                .build();

        ApiResponse response = api.post("/calls").as(host).json(body).send();

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.mediaType()).isEqualTo("application/json");
        JsonObject call = response.json();
        String id = call.getString("id");
        assertThat(id).matches("[A-Za-z0-9_-]{32}");
        // The contract's <base>: the server's own address, or the public URL it is reached at.
        assertThat(response.header("Location")).hasValueSatisfying(location -> assertThat(location)
                .isIn(TestServer.apiUrl() + "/calls/" + id, TestServer.publicUrl() + "/api/v1/calls/" + id));
        assertThat(call.getString("title")).isEqualTo("Onboarding interview");
        assertThat(call.getString("type")).isEqualTo("VOICE");
        assertThat(call.getString("status")).isEqualTo("SCHEDULED");
        assertThat(call.getString("organization")).isEqualTo(organization.name());
        assertThat(call.getString("createdBy")).isEqualTo(host.subject());
        assertThat(Times.instant(call, "createdAt")).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(Times.instant(call, "scheduledAt")).isEqualTo(scheduledAt);
        assertThat(Times.isAbsent(call, "startedAt")).as("startedAt of %s", call).isTrue();
        assertThat(Times.isAbsent(call, "endedAt")).as("endedAt of %s", call).isTrue();
        assertThat(call.getJsonNumber("durationSeconds").longValue()).isZero();
        assertThat(call.getInt("maxParticipants")).isEqualTo(10);
        JsonObject settings = call.getJsonObject("settings");
        assertThat(settings.getString("recording")).isIn("OFF", "OPTIONAL", "REQUIRED");
        assertThat(settings.getJsonObject("transcription").keySet()).contains("enabled", "language");
        assertThat(settings.keySet()).contains("screenShare", "waitingRoom");
    }

    @Test
    void createCallKeepsEveryFieldItWasGiven() {
        JsonObject metadata = Json.createObjectBuilder()
                .add("ticket", "T-17")
                .add("priority", 2)
                .add("tags", Json.createArrayBuilder().add("sales").add("apac"))
                .build();
        JsonObject body = CallRequests.call("SCREEN_SHARE", CallRequests.tomorrow())
                .add("title", "Quarterly review")
                .add("maxParticipants", 4)
                .add("settings", Json.createObjectBuilder()
                        .add("recording", "REQUIRED")
                        .add("transcription", Json.createObjectBuilder().add("enabled", true).add("language", "ja"))
                        .add("screenShare", false)
                        .add("waitingRoom", true))
                .add("externalRef", "crm-" + Organization.uniqueSuffix())
                .add("metadata", metadata)
                .add("retentionDays", 90)
                .build();

        JsonObject created = kaiwa.createCall(host, body);
        JsonObject read = kaiwa.getCall(host, created.getString("id"));

        for (JsonObject call : List.of(created, read)) {
            assertThat(call.getString("title")).isEqualTo("Quarterly review");
            assertThat(call.getString("type")).isEqualTo("SCREEN_SHARE");
            assertThat(Times.instant(call, "scheduledAt")).isEqualTo(Instant.parse(body.getString("scheduledAt")));
            assertThat(call.getInt("maxParticipants")).isEqualTo(4);
            JsonObject settings = call.getJsonObject("settings");
            assertThat(settings.getString("recording")).isEqualTo("REQUIRED");
            assertThat(settings.getJsonObject("transcription").getBoolean("enabled")).isTrue();
            assertThat(settings.getJsonObject("transcription").getString("language")).isEqualTo("ja");
            assertThat(settings.getBoolean("screenShare")).isFalse();
            assertThat(settings.getBoolean("waitingRoom")).isTrue();
            assertThat(call.getString("externalRef")).isEqualTo(body.getString("externalRef"));
            assertThat(call.getJsonObject("metadata")).isEqualTo(metadata);
            assertThat(call.getInt("retentionDays")).isEqualTo(90);
        }
        assertThat(read.getString("id")).isEqualTo(created.getString("id"));
        assertThat(read.getString("createdAt")).isEqualTo(created.getString("createdAt"));
    }

    @Test
    void repeatingCreateWithTheSameIdempotencyKeyReturnsTheSameCall() {
        String key = "create-" + Organization.uniqueSuffix();
        String externalRef = "crm-" + Organization.uniqueSuffix();
        JsonObject body = CallRequests.videoCall().add("externalRef", externalRef).build();

        ApiResponse first = api.post("/calls").as(host).header("Idempotency-Key", key).json(body).send();
        ApiResponse second = api.post("/calls").as(host).header("Idempotency-Key", key).json(body).send();

        assertThat(first.status()).as(first.describe()).isEqualTo(201);
        assertThat(second.status()).as(second.describe()).isIn(200, 201);
        assertThat(second.json().getString("id")).isEqualTo(first.json().getString("id"));
        List<JsonObject> listed = api.get("/calls").as(host).query("externalRef", externalRef).send().expectStatus(200)
                .items().getValuesAs(JsonObject.class);
        assertThat(listed).extracting(call -> call.getString("id")).containsExactly(first.json().getString("id"));
    }

    @Test
    void concurrentCreatesWithTheSameIdempotencyKeyMakeOneCall() throws Exception {
        String key = "create-" + Organization.uniqueSuffix();
        String externalRef = "crm-" + Organization.uniqueSuffix();
        JsonObject body = CallRequests.videoCall().add("externalRef", externalRef).build();
        int requests = 6;
        ExecutorService executor = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiResponse>> responses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                responses.add(executor.submit(() -> {
                    start.await();
                    return api.post("/calls").as(host).header("Idempotency-Key", key).json(body).send();
                }));
            }
            start.countDown();

            Set<String> ids = new HashSet<>();
            for (Future<ApiResponse> response : responses) {
                ApiResponse done = response.get(60, TimeUnit.SECONDS);
                assertThat(done.status()).as(done.describe()).isIn(200, 201);
                ids.add(done.json().getString("id"));
            }
            assertThat(ids).hasSize(1);
            assertThat(listIds("externalRef", externalRef)).containsExactlyElementsOf(ids);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void createWithoutIdempotencyKeyCreatesANewCallEachTime() {
        JsonObject body = CallRequests.videoCall().build();

        String first = kaiwa.createCall(host, body).getString("id");
        String second = kaiwa.createCall(host, body).getString("id");

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void idempotencyKeysOfDifferentUsersDoNotCollide() {
        String key = "create-" + Organization.uniqueSuffix();
        TestUser otherHost = organization.host();

        JsonObject mine = api.post("/calls").as(host).header("Idempotency-Key", key).json(CallRequests.videoCall().build())
                .send().expectStatus(201).json();
        JsonObject theirs = api.post("/calls").as(otherHost).header("Idempotency-Key", key)
                .json(CallRequests.videoCall().build()).send().expectStatus(201).json();

        assertThat(theirs.getString("id")).isNotEqualTo(mine.getString("id"));
        assertThat(theirs.getString("createdBy")).isEqualTo(otherHost.subject());
    }

    @Test
    void adminsCreateCalls() {
        TestUser admin = organization.admin();

        JsonObject call = kaiwa.createCall(admin);

        assertThat(call.getString("createdBy")).isEqualTo(admin.subject());
        assertThat(call.getString("organization")).isEqualTo(organization.name());
    }

    @Test
    void plainUsersCannotCreateCalls() {
        ApiResponse response = api.post("/calls").as(organization.user()).json(CallRequests.videoCall().build()).send();

        assertProblem(response, 403, "FORBIDDEN");
    }

    @Test
    void auditorsCannotCreateCalls() {
        ApiResponse response = api.post("/calls").as(organization.auditor()).json(CallRequests.videoCall().build()).send();

        assertProblem(response, 403, "FORBIDDEN");
    }

    @Test
    void createCallWithoutTokenIsUnauthenticated() {
        ApiResponse response = api.post("/calls").json(CallRequests.videoCall().build()).send();

        assertProblem(response, 401, "UNAUTHENTICATED");
    }

    @Test
    void createCallWithoutOrganizationClaimIsForbidden() {
        ApiResponse response = api.post("/calls").bearer(Jwts.withoutOrganization(host))
                .json(CallRequests.videoCall().build()).send();

        assertProblem(response, 403, "ORGANIZATION_MISSING");
    }

    @Test
    void updateMergesTheGivenFieldsIntoAScheduledCall() {
        JsonObject created = kaiwa.createCall(host, CallRequests.call("VIDEO", CallRequests.tomorrow())
                .add("maxParticipants", 5)
                .add("externalRef", "crm-before")
                .build());
        String callId = created.getString("id");
        Instant rescheduled = CallRequests.tomorrow().plus(Duration.ofHours(3));

        JsonObject updated = api.patch("/calls/" + callId).as(host)
                .json(Json.createObjectBuilder()
                        .add("title", "Rescheduled interview")
                        .add("scheduledAt", rescheduled.toString())
                        .build())
                .send().expectStatus(200).json();

        assertThat(updated.getString("title")).isEqualTo("Rescheduled interview");
        assertThat(Times.instant(updated, "scheduledAt")).isEqualTo(rescheduled);
        assertThat(updated.getString("type")).isEqualTo("VIDEO");
        assertThat(updated.getInt("maxParticipants")).isEqualTo(5);
        assertThat(updated.getString("externalRef")).isEqualTo("crm-before");
        assertThat(updated.getString("status")).isEqualTo("SCHEDULED");
        assertThat(kaiwa.getCall(host, callId).getString("title")).isEqualTo("Rescheduled interview");
        assertThat(kaiwa.eventTypes(host, callId)).containsExactly("CREATED", "UPDATED");
    }

    @Test
    void updateMergesNestedSettings() {
        String callId = kaiwa.createCall(host, CallRequests.videoCall()
                .add("settings", Json.createObjectBuilder()
                        .add("recording", "OPTIONAL")
                        .add("transcription", Json.createObjectBuilder().add("enabled", true).add("language", "en"))
                        .add("screenShare", true)
                        .add("waitingRoom", false))
                .build()).getString("id");

        JsonObject updated = api.patch("/calls/" + callId).as(host)
                .json(Json.createObjectBuilder()
                        .add("settings", Json.createObjectBuilder().add("waitingRoom", true))
                        .build())
                .send().expectStatus(200).json();

        JsonObject settings = updated.getJsonObject("settings");
        assertThat(settings.getBoolean("waitingRoom")).isTrue();
        assertThat(settings.getString("recording")).isEqualTo("OPTIONAL");
        assertThat(settings.getJsonObject("transcription").getBoolean("enabled")).isTrue();
        assertThat(settings.getBoolean("screenShare")).isTrue();
    }

    @Test
    void updateOfAStartedCallIsRejected() {
        String callId = kaiwa.startedCall(host).getString("id");

        ApiResponse response = api.patch("/calls/" + callId).as(host)
                .json(Json.createObjectBuilder().add("title", "Too late").build()).send();

        assertProblem(response, 409, "CALL_NOT_SCHEDULED");
        assertThat(kaiwa.getCall(host, callId).getString("title")).isNotEqualTo("Too late");
    }

    @Test
    void updateOfAnEndedCallIsRejected() {
        String callId = kaiwa.startedCall(host).getString("id");
        kaiwa.move(host, callId, "end");

        ApiResponse response = api.patch("/calls/" + callId).as(host)
                .json(Json.createObjectBuilder().add("title", "Too late").build()).send();

        assertProblem(response, 409, "CALL_NOT_SCHEDULED");
    }

    @Test
    void unknownCallIsNotFound() {
        String unknownId = "A".repeat(16) + Organization.uniqueSuffix() + "BBBB";

        assertProblem(api.get("/calls/" + unknownId).as(host).send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.patch("/calls/" + unknownId).as(host).json(Json.createObjectBuilder().add("title", "x").build())
                .send(), 404, "CALL_NOT_FOUND");
        assertProblem(api.post("/calls/" + unknownId + "/start").as(host).send(), 404, "CALL_NOT_FOUND");
    }

    @Test
    void listShowsNewestCreatedFirstAcrossPagesWithoutDuplicates() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(kaiwa.createCall(host).getString("id"));
        }

        List<String> paged = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            ApiRequest request = api.get("/calls").as(host).query("limit", 2);
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            JsonObject page = request.send().expectStatus(200).json();
            List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
            pageSizes.add(items.size());
            items.forEach(call -> paged.add(call.getString("id")));
            cursor = page.getString("nextCursor", null);
            assertThat(pageSizes).as("pages so far").hasSizeLessThanOrEqualTo(3);
        }
        while (cursor != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst);
        List<String> onePage = api.get("/calls").as(host).query("limit", 100).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class).stream().map(call -> call.getString("id")).toList();
        assertThat(onePage).isEqualTo(paged);
    }

    @Test
    void listReturnsTwentyCallsPerPageByDefault() {
        for (int i = 0; i < 21; i++) {
            kaiwa.createCall(host);
        }

        JsonObject firstPage = api.get("/calls").as(host).send().expectStatus(200).json();
        JsonObject secondPage = api.get("/calls").as(host).query("cursor", firstPage.getString("nextCursor")).send()
                .expectStatus(200).json();

        assertThat(firstPage.getJsonArray("items")).hasSize(20);
        assertThat(secondPage.getJsonArray("items")).hasSize(1);
        assertThat(Times.isAbsent(secondPage, "nextCursor")).as("nextCursor of the last page").isTrue();
    }

    @Test
    void listFiltersByStatus() {
        String started = kaiwa.startedCall(host).getString("id");
        String scheduled = kaiwa.createCall(host).getString("id");
        String cancelled = kaiwa.createCall(host).getString("id");
        kaiwa.move(host, cancelled, "cancel");

        assertThat(listIds("status", "IN_PROGRESS")).containsExactly(started);
        assertThat(listIds("status", "SCHEDULED")).containsExactly(scheduled);
        assertThat(listIds("status", "CANCELLED")).containsExactly(cancelled);
        assertThat(listIds("status", "ENDED")).isEmpty();
    }

    @Test
    void listFiltersByExternalReference() {
        String reference = "crm-" + Organization.uniqueSuffix();
        String referenced = kaiwa.createCall(host, CallRequests.videoCall().add("externalRef", reference).build())
                .getString("id");
        kaiwa.createCall(host, CallRequests.videoCall().add("externalRef", reference + "-other").build());
        kaiwa.createCall(host);

        assertThat(listIds("externalRef", reference)).containsExactly(referenced);
    }

    @Test
    void listFiltersScheduledTimeByFromAndTo() {
        Instant day = CallRequests.tomorrow();
        String first = kaiwa.createCall(host, CallRequests.call("VIDEO", day).build()).getString("id");
        String second = kaiwa.createCall(host, CallRequests.call("VIDEO", day.plus(Duration.ofDays(1))).build())
                .getString("id");
        String third = kaiwa.createCall(host, CallRequests.call("VIDEO", day.plus(Duration.ofDays(2))).build())
                .getString("id");
        Instant betweenFirstAndSecond = day.plus(Duration.ofHours(12));
        Instant betweenSecondAndThird = day.plus(Duration.ofHours(36));

        List<String> window = api.get("/calls").as(host)
                .query("from", betweenFirstAndSecond).query("to", betweenSecondAndThird).send().expectStatus(200)
                .items().getValuesAs(JsonObject.class).stream().map(call -> call.getString("id")).toList();

        assertThat(window).containsExactly(second);
        assertThat(listIds("from", betweenFirstAndSecond.toString())).containsExactly(third, second);
        assertThat(listIds("to", betweenFirstAndSecond.toString())).containsExactly(first);
    }

    @Test
    void listShowsOnlyCallsTheHostCreatedOrTakesPartIn() {
        String own = kaiwa.createCall(host).getString("id");
        kaiwa.createCall(organization.host());

        assertThat(api.get("/calls").as(host).send().expectStatus(200).items().getValuesAs(JsonObject.class))
                .extracting(call -> call.getString("id"))
                .containsExactly(own);
    }

    private List<String> listIds(String parameter, String value) {
        return api.get("/calls").as(host).query(parameter, value).query("limit", 100).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class).stream().map(call -> call.getString("id")).toList();
    }
}
