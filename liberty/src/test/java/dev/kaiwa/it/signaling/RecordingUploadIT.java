package dev.kaiwa.it.signaling;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.CallRequests;
import dev.kaiwa.it.Credential;
import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.Problems;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A browser recorder's upload as the server sees it: chunks in any order, idempotent and checksummed,
 * completion, finalization to READY, encrypted storage and the ranged download with its access rules.
 */
class RecordingUploadIT {
    private static final int CHUNKS = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

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
    void uploadInAnyOrderBecomesAReadySeekableEncryptedRecording() {
        Started started = recording(Duration.ofSeconds(5));
        List<byte[]> chunks = sampleChunks();

        for (int seq : new int[] {3, 1, 0, 2}) {
            HttpResponse<String> put = putChunk(started.uploadToken(), started.id(), seq, chunks.get(seq),
                    digest(chunks.get(seq)));
            assertThat(put.statusCode()).as("chunk %d: %s", seq, put.body()).isEqualTo(201);
        }
        HttpResponse<String> again = putChunk(started.uploadToken(), started.id(), 1, chunks.get(1), digest(chunks.get(1)));
        assertThat(again.statusCode()).as("the same chunk again").isEqualTo(200);
        assertProblem(putChunk(started.uploadToken(), started.id(), 1, chunks.get(2), digest(chunks.get(2))), 409,
                "CHUNK_CONFLICT");
        assertProblem(putChunk(started.uploadToken(), started.id(), 4, chunks.get(0), digest(chunks.get(1))), 400,
                "CHUNK_DIGEST_MISMATCH");
        assertProblem(complete(started.uploadToken(), started.id(), CHUNKS + 1), 409, "CHUNKS_MISSING");

        HttpResponse<String> completed = complete(started.uploadToken(), started.id(), CHUNKS);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(202);

        JsonObject ready = Eventually.await("recording READY", Duration.ofSeconds(30),
                () -> api.get("/recordings/" + started.id()).as(host).send().expectStatus(200).json(),
                recording -> !"PROCESSING".equals(recording.getString("status")));
        assertThat(ready.getString("status")).as(ready.toString()).isEqualTo("READY");
        assertThat(ready.getJsonNumber("durationMillis").longValue()).isBetween(1000L, 6000L);
        assertThat(ready.getString("expiresAt")).isNotBlank();
        started.host().socket().awaitMatching("READY announced", recordingStatus("READY"));

        HttpResponse<byte[]> whole = download(host, started.id(), null);
        assertThat(whole.statusCode()).isEqualTo(200);
        byte[] media = whole.body();
        assertThat(media.length).isEqualTo(ready.getJsonNumber("sizeBytes").longValue());
        assertThat(Arrays.copyOf(media, 4)).as("EBML magic").containsExactly(0x1A, 0x45, 0xDF, 0xA3);
        assertThat(HexFormat.of().formatHex(sha256(media))).isEqualTo(ready.getString("checksumSha256"));
        assertThat(whole.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("video/webm"));
        assertThat(whole.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).contains("attachment").contains(started.id() + ".webm"));
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");

        HttpResponse<byte[]> middle = download(host, started.id(), "bytes=100-1123");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(media, 100, 1124));
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 100-1123/" + media.length);
        HttpResponse<byte[]> tail = download(host, started.id(), "bytes=-500");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(media, media.length - 500, media.length));
        assertThat(download(host, started.id(), "bytes=" + media.length + "-").statusCode()).isEqualTo(416);

        assertStoredEncrypted(started.id(), chunks.get(0), media);
    }

    @Test
    void onlyHostsAdminsAndAuditorsDownload() {
        Started started = recording(Duration.ofSeconds(5));
        uploadAll(started);
        Eventually.await("recording READY", Duration.ofSeconds(30),
                () -> api.get("/recordings/" + started.id()).as(host).send().expectStatus(200).json().getString("status"),
                "READY"::equals);

        assertThat(download(organization.admin(), started.id(), "bytes=0-9").statusCode()).isEqualTo(206);
        assertThat(download(organization.auditor(), started.id(), "bytes=0-9").statusCode()).isEqualTo(206);
        assertThat(download(started.guest().joined(), started.id(), "bytes=0-9").statusCode())
                .as("a plain participant").isEqualTo(403);
        Organization other = Organization.fresh();
        assertThat(download(other.admin(), started.id(), "bytes=0-9").statusCode()).as("another organization")
                .isEqualTo(404);
        assertThat(download(organization.user(), started.id(), "bytes=0-9").statusCode())
                .as("someone of the organization outside the call").isEqualTo(404);
        assertThat(kaiwa.eventTypes(host, started.callId())).contains("RECORDING_DOWNLOADED");
    }

    @Test
    void mediaLongerThanTheRecordingIsRefused() {
        Started started = recording(Duration.ZERO);
        for (int seq = 0; seq < CHUNKS; seq++) {
            byte[] chunk = sampleChunks().get(seq);
            assertThat(putChunk(started.uploadToken(), started.id(), seq, chunk, digest(chunk)).statusCode()).isEqualTo(201);
        }

        assertProblem(complete(started.uploadToken(), started.id(), CHUNKS), 400, "MEDIA_TOO_LONG");

        JsonObject failed = api.get("/recordings/" + started.id()).as(host).send().expectStatus(200).json();
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("failureReason")).contains("longer");
    }

    @Test
    void uploadsNeedTheRecordersToken() {
        Started started = recording(Duration.ZERO);
        byte[] chunk = sampleChunks().get(0);

        assertProblem(putChunk(started.guest().bearerToken(), started.id(), 0, chunk, digest(chunk)), 403, "FORBIDDEN");
        assertProblem(putChunk(null, started.id(), 0, chunk, digest(chunk)), 401, "UNAUTHENTICATED");
        assertProblem(putChunk(started.host().bearerToken(), started.id(), 0, chunk, null), 400, "VALIDATION_FAILED");
        HttpResponse<String> byParticipantToken = putChunk(started.host().bearerToken(), started.id(), 0, chunk,
                digest(chunk));
        assertThat(byParticipantToken.statusCode()).as("the recorder's participant token").isEqualTo(201);
    }

    // ---------------------------------------------------------------- helpers

    /** A host and a guest consent, the host's "browser" records for {@code length}, then the host stops it. */
    private Started recording(Duration length) {
        JsonObject call = kaiwa.createCall(host, CallRequests.videoCall()
                .add("settings", Json.createObjectBuilder().add("recording", "OPTIONAL")).build());
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

    private void uploadAll(Started started) {
        List<byte[]> chunks = sampleChunks();
        for (int seq = 0; seq < CHUNKS; seq++) {
            assertThat(putChunk(started.uploadToken(), started.id(), seq, chunks.get(seq), digest(chunks.get(seq)))
                    .statusCode()).isEqualTo(201);
        }
        assertThat(complete(started.uploadToken(), started.id(), CHUNKS).statusCode()).isEqualTo(202);
    }

    private record Started(String callId, String id, String uploadToken, ConnectedParticipant host,
            ConnectedParticipant guest) {
    }

    /** Four timeslice chunks of a real MediaRecorder recording (VP8 + Opus). */
    private static List<byte[]> sampleChunks() {
        List<byte[]> chunks = new ArrayList<>();
        for (int seq = 0; seq < CHUNKS; seq++) {
            try (InputStream in = RecordingUploadIT.class.getResourceAsStream("/media/video-vp8-opus/" + seq + ".webm")) {
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

    /** No stored file contains the plaintext of a chunk or of the finished media. */
    private static void assertStoredEncrypted(String recordingId, byte[] chunk, byte[] media) {
        Path root = Path.of(System.getProperty("kaiwa.storage-dir", "target/it-data/storage"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(path -> path.toString().contains(recordingId)).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list the storage directory " + root.toAbsolutePath(), e);
        }
        assertThat(files).as("stored files of the recording under " + root).isNotEmpty();
        byte[] chunkSlice = Arrays.copyOfRange(chunk, 200, 264);
        byte[] mediaSlice = Arrays.copyOfRange(media, media.length / 2, media.length / 2 + 64);
        for (Path file : files) {
            byte[] stored;
            try {
                stored = Files.readAllBytes(file);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(indexOf(stored, chunkSlice)).as("chunk plaintext in " + file).isNegative();
            assertThat(indexOf(stored, mediaSlice)).as("media plaintext in " + file).isNegative();
            assertThat(indexOf(stored, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})).as("EBML magic in " + file)
                    .isNotZero();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static HttpResponse<String> putChunk(String token, String recordingId, int seq, byte[] body, String digest) {
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

    private static HttpResponse<String> complete(String token, String recordingId, int chunks) {
        return send(HttpRequest.newBuilder(URI.create(TestServer.apiUrl() + "/recordings/" + recordingId + "/complete"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"chunks\":" + chunks + "}")), HttpResponse.BodyHandlers
                .ofString(UTF_8));
    }

    private static HttpResponse<byte[]> download(Credential who, String recordingId, String range) {
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

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(Problems.PROBLEM_JSON));
        assertThat(Json.createReader(new java.io.StringReader(response.body())).readObject().getString("code"))
                .isEqualTo(code);
    }

    private static String digest(byte[] content) {
        return Base64.getEncoder().encodeToString(sha256(content));
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Predicate<JsonObject> recordingStatus(String status) {
        return message -> "recording".equals(message.getString("type", null))
                && status.equals(message.getJsonObject("recording").getString("status"));
    }
}
