package dev.kaiwa.it;

import static dev.kaiwa.it.Problems.assertProblem;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.WebhookReceiver.Received;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: an organization's admin subscribes a receiver on loopback (the test server allows
 * http), things happen to calls, and the receiver gets signed deliveries, retried when it fails. The test
 * server polls for deliveries twice a second and retries after a fifth of a second, doubling.
 */
class WebhookIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser admin = organization.admin();
    private final TestUser host = organization.host();
    private final WebhookReceiver receiver = WebhookReceiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void callStartAndEndAreDeliveredSignedWithTheSubscriptionsSecret() {
        JsonObject webhook = subscribe(admin, receiver.url("/hooks/calls"), "call.started", "call.ended");
        String secret = webhook.getString("secret");
        String callId = kaiwa.startedCall(host).getString("id");
        kaiwa.move(host, callId, "end");

        List<Received> requests = receiver.await("/hooks/calls", 2, PATIENCE);

        assertThat(WebhookReceiver.types(requests)).containsExactlyInAnyOrder("call.started", "call.ended");
        for (Received request : requests) {
            assertSigned(request, secret);
            JsonObject body = request.json();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.header("Kaiwa-Webhook-Id")).isEqualTo(body.getString("id"));
            assertThat(request.header("Kaiwa-Webhook-Event")).isEqualTo(body.getString("type"));
            assertThat(request.header("Kaiwa-Webhook-Attempt")).isEqualTo("1");
            assertThat(body.getString("organizationId")).isEqualTo(organization.name());
            assertThat(Times.instant(body, "occurredAt")).isBetween(Instant.now().minus(PATIENCE), Instant.now());
            assertThat(request.data().getString("callId")).isEqualTo(callId);
        }
        JsonObject ended = requests.stream().filter(request -> request.type().equals("call.ended")).findFirst()
                .orElseThrow().data();
        assertThat(ended.getString("status")).isEqualTo("ENDED");
        assertThat(ended.getJsonNumber("durationSeconds").longValue()).isGreaterThanOrEqualTo(0);
        List<JsonObject> log = awaitDeliveries(webhook, deliveries -> deliveries.size() == 2
                && deliveries.stream().allMatch(delivery -> delivery.getString("status").equals("DELIVERED")));
        assertThat(log).allSatisfy(delivery -> {
            assertThat(delivery.getInt("attempts")).isEqualTo(1);
            assertThat(delivery.getInt("lastStatusCode")).isEqualTo(204);
            assertThat(delivery.containsKey("nextAttemptAt")).isFalse();
        });
        assertThat(log).extracting(delivery -> delivery.getString("id"))
                .containsExactlyInAnyOrderElementsOf(requests.stream()
                        .map(request -> request.header("Kaiwa-Webhook-Delivery")).toList());
    }

    @Test
    void failedDeliveryIsRetriedUntilTheReceiverTakesIt() {
        receiver.failFirst("/hooks/flaky", 2);
        JsonObject webhook = subscribe(admin, receiver.url("/hooks/flaky"), "call.started");
        String secret = webhook.getString("secret");
        kaiwa.startedCall(host);

        List<Received> requests = receiver.await("/hooks/flaky", 3, PATIENCE);

        assertThat(requests).extracting(Received::answered).containsExactly(500, 500, 204);
        assertThat(requests).extracting(request -> request.header("Kaiwa-Webhook-Attempt")).containsExactly("1", "2", "3");
        assertThat(requests).extracting(Received::body).containsOnly(requests.get(0).body());
        assertThat(requests).extracting(request -> request.header("Kaiwa-Webhook-Id"))
                .containsOnly(requests.get(0).json().getString("id"));
        requests.forEach(request -> assertSigned(request, secret));
        assertThat(requests.get(1).receivedAt()).isAfter(requests.get(0).receivedAt());
        JsonObject delivery = awaitDeliveries(webhook, deliveries -> deliveries.size() == 1
                && deliveries.get(0).getString("status").equals("DELIVERED")).get(0);
        assertThat(delivery.getInt("attempts")).isEqualTo(3);
        assertThat(delivery.getInt("lastStatusCode")).isEqualTo(204);
        JsonObject detail = api.get("/webhooks/" + webhook.getString("id") + "/deliveries/" + delivery.getString("id"))
                .as(admin).send().expectStatus(200).json();
        assertThat(detail.getJsonArray("attemptLog").getValuesAs(JsonObject.class))
                .extracting(attempt -> attempt.getInt("statusCode")).containsExactly(500, 500, 204);
        assertThat(detail.getJsonArray("attemptLog").getJsonObject(0).getString("error")).isEqualTo("HTTP 500");
        assertThat(detail.getJsonObject("payload").getString("type")).isEqualTo("call.started");
    }

    @Test
    void deliveryFailsOnceItsAttemptsAreUsedUp() {
        int maxAttempts = Integer.parseInt(TestServer.setting("kaiwa.webhook.max-attempts"));
        receiver.failAlways("/hooks/down");
        JsonObject webhook = subscribe(admin, receiver.url("/hooks/down"), "call.started");
        kaiwa.startedCall(host);

        JsonObject delivery = awaitDeliveries(webhook, deliveries -> deliveries.size() == 1
                && deliveries.get(0).getString("status").equals("FAILED")).get(0);

        assertThat(delivery.getInt("attempts")).isEqualTo(maxAttempts);
        assertThat(delivery.getInt("lastStatusCode")).isEqualTo(500);
        assertThat(delivery.getString("lastError")).isEqualTo("HTTP 500");
        assertThat(delivery.containsKey("nextAttemptAt")).isFalse();
        assertThat(receiver.requests("/hooks/down")).hasSize(maxAttempts);
        JsonObject failed = api.get("/webhooks/" + webhook.getString("id") + "/deliveries").as(admin)
                .query("status", "FAILED").send().expectStatus(200).json();
        assertThat(failed.getJsonArray("items")).hasSize(1);
    }

    @Test
    void missedCallAndWithdrawnConsentAreDelivered() {
        JsonObject webhook = subscribe(admin, receiver.url("/hooks/misc"), "call.missed", "consent.withdrawn");
        String missedCallId = kaiwa.createCall(host, CallRequests.call("VIDEO", Instant.now().minusSeconds(1)).build())
                .getString("id");
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant guest = kaiwa.guest(host, callId, "PARTICIPANT");
        String version = api.get("/calls/" + callId + "/consents/notices").bearer(guest.bearerToken()).send()
                .expectStatus(200).json().getString("version");
        api.post("/calls/" + callId + "/consents").bearer(guest.bearerToken())
                .json(Json.createObjectBuilder().add("purpose", "RECORDING").add("granted", false)
                        .add("noticeVersion", version).add("language", "en").build())
                .send().expectStatus(201);

        List<Received> requests = receiver.await("/hooks/misc", 2, PATIENCE);

        Received missed = requests.stream().filter(request -> request.type().equals("call.missed")).findFirst().orElseThrow();
        Received withdrawn = requests.stream().filter(request -> request.type().equals("consent.withdrawn")).findFirst()
                .orElseThrow();
        assertThat(missed.data().getString("callId")).isEqualTo(missedCallId);
        assertThat(withdrawn.data().getString("callId")).isEqualTo(callId);
        assertThat(withdrawn.data().getString("participantId")).isEqualTo(guest.participantId());
        assertThat(withdrawn.data().getString("purpose")).isEqualTo("RECORDING");
        assertSigned(missed, webhook.getString("secret"));
    }

    @Test
    void eventsGoOnlyToTheOrganizationsOwnActiveSubscriptions() {
        JsonObject paused = subscribe(admin, receiver.url("/hooks/paused"), "call.started");
        api.patch("/webhooks/" + paused.getString("id")).as(admin).json(Json.createObjectBuilder().add("active", false)
                .build()).send().expectStatus(200);
        subscribe(Organization.fresh().admin(), receiver.url("/hooks/other"), "call.started");
        subscribe(admin, receiver.url("/hooks/ended-only"), "call.ended");
        subscribe(admin, receiver.url("/hooks/started"), "call.started");

        kaiwa.startedCall(host);
        receiver.await("/hooks/started", 1, PATIENCE);
        // The other subscriptions were due in the same pass as the one that got its delivery.
        Eventually.sleep(Duration.ofSeconds(2));

        assertThat(receiver.requests("/hooks/paused")).isEmpty();
        assertThat(receiver.requests("/hooks/other")).isEmpty();
        assertThat(receiver.requests("/hooks/ended-only")).isEmpty();
    }

    @Test
    void rotatedSecretSignsTheDeliveriesThatFollow() {
        JsonObject webhook = subscribe(admin, receiver.url("/hooks/rotated"), "call.started");
        JsonObject rotated = api.post("/webhooks/" + webhook.getString("id") + "/rotate-secret").as(admin).send()
                .expectStatus(200).json();
        JsonObject chosen = api.post("/webhooks/" + webhook.getString("id") + "/rotate-secret").as(admin)
                .json(Json.createObjectBuilder().add("secret", "a-secret-the-admin-chose-123").build()).send()
                .expectStatus(200).json();
        kaiwa.startedCall(host);

        Received request = receiver.await("/hooks/rotated", 1, PATIENCE).get(0);

        assertThat(rotated.getString("secret")).startsWith("whsec_").isNotEqualTo(webhook.getString("secret"));
        assertThat(chosen.getString("secret")).isEqualTo("a-secret-the-admin-chose-123");
        assertSigned(request, "a-secret-the-admin-chose-123");
        assertThat(signatureMatches(request, webhook.getString("secret"))).isFalse();
    }

    @Test
    void adminManagesSubscriptionsAndSeesTheSecretOnlyWhenItIsSet() {
        var created = api.post("/webhooks").as(admin).json(Json.createObjectBuilder()
                .add("url", "https://hr." + organization.name() + ".example/hooks")
                .add("events", Json.createArrayBuilder().add("recording.ready").add("call.started"))
                .add("description", "ATS").build()).send().expectStatus(201);
        JsonObject webhook = created.json();
        String id = webhook.getString("id");
        String location = created.header("Location").orElseThrow();

        JsonObject read = api.get("/webhooks/" + id).as(admin).send().expectStatus(200).json();
        JsonObject patched = api.patch("/webhooks/" + id).as(admin).json(Json.createObjectBuilder()
                .add("active", false).add("description", "").build()).send().expectStatus(200).json();
        JsonObject replaced = api.put("/webhooks/" + id).as(admin).json(Json.createObjectBuilder()
                .add("url", "https://hr." + organization.name() + ".example/v2")
                .add("events", Json.createArrayBuilder().add("purge.completed").add("recording.deleted")).build())
                .send().expectStatus(200).json();
        List<JsonObject> listed = api.get("/webhooks").as(admin).send().expectStatus(200).items()
                .getValuesAs(JsonObject.class);
        api.delete("/webhooks/" + id).as(admin).send().expectStatus(204);

        assertThat(location).endsWith("/api/v1/webhooks/" + id);
        assertThat(webhook.getString("secret")).startsWith("whsec_");
        assertThat(webhook.getJsonArray("events").getValuesAs(JsonString::getString))
                .containsExactly("call.started", "recording.ready");
        assertThat(webhook.getBoolean("active")).isTrue();
        assertThat(read.containsKey("secret")).isFalse();
        assertThat(read.getString("description")).isEqualTo("ATS");
        assertThat(patched.getBoolean("active")).isFalse();
        assertThat(patched.containsKey("description")).isFalse();
        assertThat(replaced.getString("url")).endsWith("/v2");
        assertThat(replaced.getBoolean("active")).isTrue();
        assertThat(replaced.getJsonArray("events").getValuesAs(JsonString::getString))
                .containsExactly("recording.deleted", "purge.completed");
        assertThat(listed).extracting(item -> item.getString("id")).containsExactly(id);
        assertProblem(api.get("/webhooks/" + id).as(admin).send(), 404, "WEBHOOK_NOT_FOUND");
    }

    @Test
    void onlyTheOrganizationsAdminsMayUseWebhooks() {
        String id = subscribe(admin, receiver.url("/hooks/roles"), "call.started").getString("id");
        JsonObject body = subscriptionBody(receiver.url("/hooks/roles"), "call.started");

        for (TestUser user : List.of(host, organization.auditor(), organization.user())) {
            assertProblem(api.post("/webhooks").as(user).json(body).send(), 403, "FORBIDDEN");
            assertProblem(api.get("/webhooks").as(user).send(), 403, "FORBIDDEN");
            assertProblem(api.get("/webhooks/" + id).as(user).send(), 403, "FORBIDDEN");
            assertProblem(api.get("/webhooks/" + id + "/deliveries").as(user).send(), 403, "FORBIDDEN");
        }
        assertProblem(api.get("/webhooks").send(), 401, "UNAUTHENTICATED");
    }

    @Test
    void anotherOrganizationsSubscriptionIsNotFound() {
        String id = subscribe(admin, receiver.url("/hooks/private"), "call.started").getString("id");
        TestUser stranger = Organization.fresh().admin();

        assertProblem(api.get("/webhooks/" + id).as(stranger).send(), 404, "WEBHOOK_NOT_FOUND");
        assertProblem(api.patch("/webhooks/" + id).as(stranger).json(Json.createObjectBuilder().add("active", false)
                .build()).send(), 404, "WEBHOOK_NOT_FOUND");
        assertProblem(api.put("/webhooks/" + id).as(stranger)
                .json(subscriptionBody(receiver.url("/hooks/stolen"), "call.started")).send(), 404, "WEBHOOK_NOT_FOUND");
        assertProblem(api.post("/webhooks/" + id + "/rotate-secret").as(stranger).send(), 404, "WEBHOOK_NOT_FOUND");
        assertProblem(api.get("/webhooks/" + id + "/deliveries").as(stranger).send(), 404, "WEBHOOK_NOT_FOUND");
        assertProblem(api.delete("/webhooks/" + id).as(stranger).send(), 404, "WEBHOOK_NOT_FOUND");
        assertThat(api.get("/webhooks").as(stranger).send().expectStatus(200).items()).isEmpty();
        assertThat(api.get("/webhooks/" + id).as(admin).send().expectStatus(200).json().getBoolean("active")).isTrue();
    }

    @Test
    void badSubscriptionsAreRefusedWithProblems() {
        JsonObject badUrl = assertProblem(api.post("/webhooks").as(admin)
                .json(subscriptionBody("ftp://hr.example.com/hooks", "call.started")).send(), 400, "WEBHOOK_URL_INVALID");
        JsonObject unknownEvent = assertProblem(api.post("/webhooks").as(admin)
                .json(subscriptionBody("https://hr.example.com/hooks", "call.started", "call.exploded")).send(),
                400, "WEBHOOK_EVENT_UNKNOWN");
        JsonObject credentials = assertProblem(api.post("/webhooks").as(admin)
                .json(subscriptionBody("https://user:pass@hr.example.com/hooks", "call.started")).send(),
                400, "WEBHOOK_URL_INVALID");

        assertThat(Problems.fields(badUrl)).containsExactly("url");
        assertThat(Problems.fields(unknownEvent)).containsExactly("events[1]");
        assertThat(Problems.fields(credentials)).containsExactly("url");
        Problems.assertFieldError(api.post("/webhooks").as(admin).json(Json.createObjectBuilder()
                .add("url", "https://hr.example.com/hooks").build()).send(), "events");
        Problems.assertFieldError(api.post("/webhooks").as(admin).json(Json.createObjectBuilder()
                .add("url", "https://hr.example.com/hooks").add("events", Json.createArrayBuilder().add("call.started"))
                .add("secret", "too-short").build()).send(), "secret");
        assertProblem(api.post("/webhooks").as(admin).body("{\"url\": ", "application/json").send(), 400,
                "MALFORMED_REQUEST");
        assertProblem(api.post("/webhooks").as(admin).json(Json.createObjectBuilder()
                .add("url", "https://hr.example.com/hooks").add("events", "call.started").build()).send(), 400,
                "MALFORMED_REQUEST");
        String id = subscribe(admin, "https://hr.example.com/hooks", "call.started").getString("id");
        Problems.assertFieldError(api.put("/webhooks/" + id).as(admin)
                .json(Json.createObjectBuilder(subscriptionBody("https://hr.example.com/hooks", "call.started"))
                        .add("secret", "a-secret-of-enough-length-123").build()).send(), "secret");
        Problems.assertFieldError(api.get("/webhooks/" + id + "/deliveries").as(admin).query("status", "LOST").send(),
                "status");
        assertThat(api.get("/webhooks").as(admin).send().expectStatus(200).items()).hasSize(1);
    }

    private JsonObject subscribe(TestUser user, String url, String... events) {
        return api.post("/webhooks").as(user).json(subscriptionBody(url, events)).send().expectStatus(201).json();
    }

    private static JsonObject subscriptionBody(String url, String... events) {
        JsonArrayBuilder names = Json.createArrayBuilder();
        for (String event : events) {
            names.add(event);
        }
        return Json.createObjectBuilder().add("url", url).add("events", names).build();
    }

    private List<JsonObject> awaitDeliveries(JsonObject webhook, Predicate<List<JsonObject>> done) {
        return Eventually.await("deliveries of webhook " + webhook.getString("id"), PATIENCE,
                () -> api.get("/webhooks/" + webhook.getString("id") + "/deliveries").as(admin).send().expectStatus(200)
                        .items().getValuesAs(JsonObject.class), done);
    }

    /** Checks the v1 signature the way README tells receivers to: HMAC-SHA256 of "timestamp.body", hex. */
    private static void assertSigned(Received request, String secret) {
        long timestamp = Long.parseLong(request.header("Kaiwa-Webhook-Timestamp"));
        assertThat(Instant.ofEpochSecond(timestamp)).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
        assertThat(request.header("Kaiwa-Webhook-Signature")).startsWith("v1=");
        assertThat(signatureMatches(request, secret)).as("signature of %s", request).isTrue();
    }

    private static boolean signatureMatches(Received request, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            byte[] expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal(
                    (request.header("Kaiwa-Webhook-Timestamp") + "." + request.body()).getBytes(UTF_8)))).getBytes(UTF_8);
            return MessageDigest.isEqual(expected, request.header("Kaiwa-Webhook-Signature").getBytes(UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
