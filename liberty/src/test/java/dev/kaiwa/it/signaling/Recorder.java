package dev.kaiwa.it.signaling;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.CallRequests;
import dev.kaiwa.it.Credential;
import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.TestServer;
import dev.kaiwa.it.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Plays a host's browser recorder against the server: a call where the host and a guest consent, a composite
 * recording the host's "browser" acknowledges and the host stops, the upload of four timeslice chunks of a real
 * MediaRecorder recording (VP8 + Opus) with their digests, the completion, and the download.
 */
public final class Recorder {
    public static final int CHUNKS = 4;
    /** How long finalization may take on a busy machine. */
    public static final Duration READY_PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Kaiwa kaiwa;
    private final ApiClient api;
    private final Signaling signaling;

    public Recorder(Kaiwa kaiwa, Signaling signaling) {
        this.kaiwa = kaiwa;
        this.api = kaiwa.api();
        this.signaling = signaling;
    }

    /** A recording being made and stopped by the host after {@code length}, in a new call of the host's. */
    public record Started(String callId, String id, String uploadToken, ConnectedParticipant host,
            ConnectedParticipant guest) {
    }

    /** A host and a guest consent, the host's "browser" records for {@code length}, then the host stops it. */
    public Started record(TestUser host, Duration length) {
        return record(host, length, CallRequests.videoCall()
                .add("settings", Json.createObjectBuilder().add("recording", "OPTIONAL")).build());
    }

    /** The same in a call created with {@code callBody} (its recording policy must allow recording). */
    public Started record(TestUser host, Duration length, JsonObject callBody) {
        JsonObject call = kaiwa.createCall(host, callBody);
        String callId = kaiwa.move(host, call.getString("id"), "start").getString("id");
        ConnectedParticipant hostInRoom = signaling.connectHost(host, callId);
        ConnectedParticipant guest = signaling.connectGuest(host, callId);
        String version = hostInRoom.welcome().getJsonObject("consent").getJsonObject("notices").getString("version");
        hostInRoom.send(Messages.consent("RECORDING", true, version));
        guest.send(Messages.consent("RECORDING", true, version));
        for (ConnectedParticipant who : List.of(hostInRoom, guest)) {
            hostInRoom.socket().awaitMatching("consent of " + who.id(), message -> "consent".equals(message.getString("type"))
                    && who.id().equals(message.getString("participantId")));
        }
        api.post("/calls/" + callId + "/recordings").as(host).json(Json.createObjectBuilder().add("quality", "LOW").build())
                .send().expectStatus(201);
        JsonObject push = hostInRoom.socket().awaitMatching("start pushed", recordingStatus("STARTING"));
        String recordingId = push.getJsonObject("recording").getString("id");
        hostInRoom.send(Messages.recorder(recordingId, "started"));
        hostInRoom.socket().awaitMatching("recording", recordingStatus("RECORDING"));
        Eventually.sleep(length);
        api.post("/recordings/" + recordingId + "/stop").as(host).send().expectStatus(200);
        return new Started(callId, recordingId, push.getString("uploadToken"), hostInRoom, guest);
    }

    /** Uploads every chunk in order and completes the upload. */
    public void uploadAll(Started started) {
        List<byte[]> chunks = sampleChunks();
        for (int seq = 0; seq < CHUNKS; seq++) {
            assertThat(putChunk(started.uploadToken(), started.id(), seq, chunks.get(seq), digest(chunks.get(seq)))
                    .statusCode()).isEqualTo(201);
        }
        assertThat(complete(started.uploadToken(), started.id(), CHUNKS).statusCode()).isEqualTo(202);
    }

    /** Waits until the recording is finalized; returns it (READY, or FAILED if finalization failed). */
    public JsonObject awaitFinished(Credential reader, String recordingId) {
        return Eventually.await("recording " + recordingId + " finalized", READY_PATIENCE,
                () -> api.get("/recordings/" + recordingId).as(reader).send().expectStatus(200).json(),
                recording -> !"PROCESSING".equals(recording.getString("status")));
    }

    /** Records for a few seconds, uploads and waits until READY; returns the recording. */
    public Started readyRecording(TestUser host) {
        Started started = record(host, Duration.ofSeconds(5));
        uploadAll(started);
        JsonObject finished = awaitFinished(host, started.id());
        assertThat(finished.getString("status")).as(finished.toString()).isEqualTo("READY");
        return started;
    }

    /** Four timeslice chunks of a real MediaRecorder recording (VP8 + Opus). */
    public static List<byte[]> sampleChunks() {
        List<byte[]> chunks = new ArrayList<>();
        for (int seq = 0; seq < CHUNKS; seq++) {
            try (InputStream in = Recorder.class.getResourceAsStream("/media/video-vp8-opus/" + seq + ".webm")) {
                if (in == null) {
                    throw new IllegalStateException("test resource media/video-vp8-opus/" + seq + ".webm is missing");
                }
                chunks.add(in.readAllBytes());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return chunks;
    }

    /** The files the server stores for the recording (their paths name it by id). */
    public static List<Path> storedFiles(String recordingId) {
        Path root = Path.of(System.getProperty("kaiwa.storage-dir", "target/it-data/storage"));
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(path -> path.toString().contains(recordingId)).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list the storage directory " + root.toAbsolutePath(), e);
        }
    }

    public static HttpResponse<String> putChunk(String token, String recordingId, int seq, byte[] body, String digest) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.apiUrl() + "/recordings/" + recordingId
                        + "/chunks/" + seq))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "video/webm")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (digest != null) {
            request.header("Content-Digest", "sha-256=:" + digest + ":");
        }
        return send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    }

    public static HttpResponse<String> complete(String token, String recordingId, int chunks) {
        return send(HttpRequest.newBuilder(URI.create(TestServer.apiUrl() + "/recordings/" + recordingId + "/complete"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"chunks\":" + chunks + "}")), HttpResponse.BodyHandlers
                .ofString(UTF_8));
    }

    /** {@code GET /recordings/{id}/content}, with a Range header when {@code range} is not null. */
    public static HttpResponse<byte[]> download(Credential who, String recordingId, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.apiUrl() + "/recordings/" + recordingId
                        + "/content"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + who.bearerToken())
                .GET();
        if (range != null) {
            request.header("Range", range);
        }
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The base64 SHA-256 of {@code content}, as Content-Digest carries it. */
    public static String digest(byte[] content) {
        return Base64.getEncoder().encodeToString(sha256(content));
    }

    public static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code recording} message whose recording has {@code status}. */
    public static Predicate<JsonObject> recordingStatus(String status) {
        return message -> "recording".equals(message.getString("type", null))
                && status.equals(message.getJsonObject("recording").getString("status"));
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
}
