package dev.kaiwa.it.kill;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.kaiwa.it.CallRequests;
import dev.kaiwa.it.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The REST steps of the kill test against its own server, authenticated as SSO test users ({@code dev.kaiwa.it}
 * mints their tokens with the test issuer's key, which that server trusts too): a host makes the call the seeded
 * recordings belong to, an admin starts and reads purge runs. Each answer describes itself in assertion messages.
 */
final class AdminApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI root;

    AdminApi(URI baseUrl) {
        this.root = baseUrl.resolve("/api/v1/");
    }

    /** An answer: status, media type (lower case, no parameters) and body. */
    record Answer(String request, int status, String mediaType, String body) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
            catch (JsonException e) {
                throw new AssertionError("Expected a JSON object from " + this, e);
            }
        }

        Answer expectStatus(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected status " + expected + " from " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + mediaType + " " + body;
        }
    }

    /** A call scheduled tomorrow, made by {@code host}; returns its id. */
    String createCall(TestUser host) {
        return send(host, "POST", "calls", CallRequests.videoCall().build().toString()).expectStatus(201).json()
                .getString("id");
    }

    /** The id of the call's HOST participant (its creator). */
    String hostParticipant(TestUser host, String callId) {
        return send(host, "GET", "calls/" + callId + "/participants", null).expectStatus(200).json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(participant -> participant.getString("role").equals("HOST"))
                .map(participant -> participant.getString("id"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("call " + callId + " has no HOST participant"));
    }

    /** {@code POST /admin/purge-runs}, with {@code ?chunkSize=} unless it is null. */
    Answer startPurge(TestUser admin, String chunkSize) {
        String path = "admin/purge-runs" + (chunkSize == null ? "" : "?chunkSize=" + URLEncoder.encode(chunkSize, UTF_8));
        return send(admin, "POST", path, null);
    }

    /** {@code GET /admin/purge-runs/{id}}: the run, or empty on 404. */
    Optional<JsonObject> purgeRun(TestUser admin, long executionId) {
        Answer answer = send(admin, "GET", "admin/purge-runs/" + executionId, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.expectStatus(200).json());
    }

    private Answer send(TestUser user, String method, String path, String json) {
        URI uri = root.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + user.bearerToken())
                .header("Accept", "application/json, application/problem+json;q=0.9")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
            String mediaType = response.headers().firstValue("Content-Type")
                    .map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
            return new Answer(method + " " + uri, response.statusCode(), mediaType, response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + uri + " was interrupted", e);
        }
    }
}
