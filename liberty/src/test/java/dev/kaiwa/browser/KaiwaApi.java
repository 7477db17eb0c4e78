package dev.kaiwa.browser;

import static java.util.Objects.requireNonNull;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The REST steps that put a call where a browser can join it: a host (a test SSO user) creates and starts a
 * call, invites guests, and gets a signaling ticket for itself; and the recording steps a host takes (start,
 * stop, read, download). Each step asserts its status, so a failing
 * test names the request that went wrong.
 */
public final class KaiwaApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String ORGANIZATION = "browser-tests";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String apiRoot = BrowserTestSettings.baseUrl() + "/api/v1";

    /** Set once the server said it is ready; the fact outlives one test, the wait need not repeat. */
    private static volatile boolean serverReady;

    public KaiwaApi() {
        awaitServerReady();
    }

    /** A host user of its own (rate limits are per user), with a token minted now. */
    public record Host(String subject, String name, String token) {
        public Host {
            requireNonNull(subject, "subject is null");
            requireNonNull(token, "token is null");
        }
    }

    /** What {@code POST /calls/{id}/join} answered that a browser needs. */
    public record Joined(String participantId, String ticket) {
    }

    public static Host newHost(String name) {
        String subject = "browser-host-" + UUID.randomUUID();
        return new Host(subject, name, SsoTokens.host(subject, name, ORGANIZATION));
    }

    /**
     * A VIDEO call, started at once (so it is IN_PROGRESS whenever the browsers get there). Scheduled an hour
     * ahead: a call scheduled for now turns MISSED within seconds on the test server if nobody has joined yet.
     */
    public String startedCall(Host host, String title, boolean waitingRoom) {
        return startedCall(host, title, waitingRoom, "OFF");
    }

    /** The same with a recording policy: OFF, OPTIONAL or REQUIRED. */
    public String startedCall(Host host, String title, boolean waitingRoom, String recordingPolicy) {
        JsonObject body = Json.createObjectBuilder()
                .add("title", title)
                .add("type", "VIDEO")
                .add("scheduledAt", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString())
                .add("settings", Json.createObjectBuilder().add("waitingRoom", waitingRoom).add("screenShare", true)
                        .add("recording", recordingPolicy))
                .build();
        String callId = send(host, "POST", "/calls", body, 201).getString("id");
        send(host, "POST", "/calls/" + callId + "/start", null, 200);
        return callId;
    }

    /** An invite token for a guest with {@code role}; the guest's join link is /call/{id}#invite=token. */
    public String invite(Host host, String callId, String displayName, String role) {
        JsonObject body = Json.createObjectBuilder()
                .add("displayName", displayName)
                .add("role", role)
                .build();
        return send(host, "POST", "/calls/" + callId + "/invites", body, 201).getString("token");
    }

    /** The host joins with its SSO token: a single-use ticket that expires within seconds on the test server. */
    public Joined joinAsHost(Host host, String callId) {
        JsonObject answer = send(host, "POST", "/calls/" + callId + "/join", JsonObject.EMPTY_JSON_OBJECT, 200);
        return new Joined(answer.getJsonObject("participant").getString("id"), answer.getString("ticket"));
    }

    /** The host ends the call for everyone; its participants, invites and tickets end with it. */
    public void endCall(Host host, String callId) {
        send(host, "POST", "/calls/" + callId + "/end", null, 200);
    }

    /** Starts a recording of {@code kind} and {@code quality}; returns the (single) recording it started. */
    JsonObject startRecording(Host host, String callId, String kind, String quality) {
        JsonObject body = Json.createObjectBuilder().add("kind", kind).add("quality", quality).build();
        JsonArray items = send(host, "POST", "/calls/" + callId + "/recordings", body, 201).getJsonArray("items");
        if (items.size() != 1) {
            throw new AssertionError("expected one recording to start, the server started " + items);
        }
        return items.getJsonObject(0);
    }

    JsonObject stopRecording(Host host, String recordingId) {
        return send(host, "POST", "/recordings/" + recordingId + "/stop", null, 200);
    }

    JsonObject recording(Host host, String recordingId) {
        return send(host, "GET", "/recordings/" + recordingId, null, 200);
    }

    /**
     * Polls the recording until it is {@code status}; fails at once if it became FAILED (with the server's reason)
     * and after {@code timeout} with the last state seen.
     */
    JsonObject awaitRecording(Host host, String recordingId, String status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = recording(host, recordingId);
        while (!status.equals(last.getString("status"))) {
            if ("FAILED".equals(last.getString("status")) && !"FAILED".equals(status)) {
                throw new AssertionError("recording " + recordingId + " FAILED instead of becoming " + status + ": " + last);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("recording " + recordingId + " did not become " + status + " within "
                        + timeout.toSeconds() + " s; last seen: " + last);
            }
            pause(Duration.ofMillis(500));
            last = recording(host, recordingId);
        }
        return last;
    }

    /** Downloads a READY recording's media; fails unless the answer is 200 with a WebM content type. */
    byte[] downloadRecording(Host host, String recordingId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiRoot + "/recordings/" + recordingId + "/content"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + host.token())
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new AssertionError("GET /recordings/" + recordingId + "/content failed: " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the download of " + recordingId, e);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !contentType.matches("(video|audio)/webm.*")) {
            String start = new String(response.body(), 0, Math.min(response.body().length, 300), StandardCharsets.UTF_8);
            throw new AssertionError("GET /recordings/" + recordingId + "/content answered " + response.statusCode()
                    + " " + contentType + " instead of 200 with WebM media: " + start);
        }
        return response.body();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    /**
     * Waits for {@code /health/ready} to answer 200. On a loaded machine Liberty reports itself started while
     * the application is still starting (CWWKZ0022W after 30 s), and the build starts the tests then.
     */
    private void awaitServerReady() {
        if (serverReady) {
            return;
        }
        URI ready = URI.create(BrowserTestSettings.baseUrl() + "/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    serverReady = true;
                    return;
                }
                last = response.statusCode() + " " + response.body();
            }
            catch (IOException e) {
                last = e.toString();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
        }
        throw new AssertionError("The server at " + ready + " was not ready within " + READY_TIMEOUT.toSeconds() + " s: " + last);
    }

    private JsonObject send(Host host, String method, String path, JsonObject body, int expectedStatus) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiRoot + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + host.token())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " instead of "
                    + expectedStatus + ": " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
