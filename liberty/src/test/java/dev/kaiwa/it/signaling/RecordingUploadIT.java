package dev.kaiwa.it.signaling;

import static dev.kaiwa.it.signaling.Recorder.CHUNKS;
import static dev.kaiwa.it.signaling.Recorder.complete;
import static dev.kaiwa.it.signaling.Recorder.digest;
import static dev.kaiwa.it.signaling.Recorder.download;
import static dev.kaiwa.it.signaling.Recorder.putChunk;
import static dev.kaiwa.it.signaling.Recorder.recordingStatus;
import static dev.kaiwa.it.signaling.Recorder.sampleChunks;
import static dev.kaiwa.it.signaling.Recorder.sha256;
import static dev.kaiwa.it.signaling.Recorder.storedFiles;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.ApiClient;
import dev.kaiwa.it.Eventually;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.Problems;
import dev.kaiwa.it.TestUser;
import dev.kaiwa.it.signaling.Recorder.Started;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A browser recorder's upload as the server sees it: chunks in any order, idempotent and checksummed,
 * completion, finalization to READY, encrypted storage and the ranged download with its access rules.
 */
class RecordingUploadIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final ApiClient api = kaiwa.api();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final Sockets sockets = new Sockets();
    private final Signaling signaling = new Signaling(kaiwa, sockets);
    private final Recorder recorder = new Recorder(kaiwa, signaling);

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void uploadInAnyOrderBecomesAReadySeekableEncryptedRecording() {
        Started started = recorder.record(host, Duration.ofSeconds(5));
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
        Started started = recorder.record(host, Duration.ofSeconds(5));
        recorder.uploadAll(started);
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
        Started started = recorder.record(host, Duration.ZERO);
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
        Started started = recorder.record(host, Duration.ZERO);
        byte[] chunk = sampleChunks().get(0);

        assertProblem(putChunk(started.guest().bearerToken(), started.id(), 0, chunk, digest(chunk)), 403, "FORBIDDEN");
        assertProblem(putChunk(null, started.id(), 0, chunk, digest(chunk)), 401, "UNAUTHENTICATED");
        assertProblem(putChunk(started.host().bearerToken(), started.id(), 0, chunk, null), 400, "VALIDATION_FAILED");
        HttpResponse<String> byParticipantToken = putChunk(started.host().bearerToken(), started.id(), 0, chunk,
                digest(chunk));
        assertThat(byParticipantToken.statusCode()).as("the recorder's participant token").isEqualTo(201);
    }

    @Test
    void aLegalHoldBlocksDeletionUntilAnAdminClearsItThenDeletionRemovesTheMedia() {
        Started started = recorder.record(host, Duration.ofSeconds(5));
        recorder.uploadAll(started);
        Eventually.await("recording READY", Duration.ofSeconds(30),
                () -> api.get("/recordings/" + started.id()).as(host).send().expectStatus(200).json().getString("status"),
                "READY"::equals);
        String path = "/recordings/" + started.id();
        JsonObject reason = Json.createObjectBuilder().add("reason", "Litigation 2026-17").build();

        Problems.assertProblem(api.post(path + "/legal-hold").as(host).json(reason).send(), 403, "FORBIDDEN");
        api.post(path + "/legal-hold").as(organization.admin()).json(Json.createObjectBuilder().build()).send()
                .expectStatus(400);
        JsonObject held = api.post(path + "/legal-hold").as(organization.admin()).json(reason).send().expectStatus(200)
                .json();
        assertThat(held.getJsonObject("legalHold").getString("reason")).isEqualTo("Litigation 2026-17");
        Problems.assertProblem(api.delete(path).as(host).send(), 409, "LEGAL_HOLD_ACTIVE");
        Problems.assertProblem(api.delete(path).as(organization.admin()).send(), 409, "LEGAL_HOLD_ACTIVE");
        assertThat(storedFiles(started.id())).as("held media stays stored").isNotEmpty();

        Problems.assertProblem(api.delete(path + "/legal-hold").as(host).send(), 403, "FORBIDDEN");
        JsonObject cleared = api.delete(path + "/legal-hold").as(organization.admin()).send().expectStatus(200).json();
        assertThat(!cleared.containsKey("legalHold") || cleared.isNull("legalHold")).as(cleared.toString()).isTrue();
        Problems.assertProblem(api.delete(path).as(started.guest().joined()).send(), 403, "FORBIDDEN");
        Problems.assertProblem(api.delete(path).as(Organization.fresh().admin()).send(), 404, "RECORDING_NOT_FOUND");

        JsonObject deleted = api.delete(path).as(host).send().expectStatus(200).json();
        assertThat(deleted.getString("status")).isEqualTo("DELETED");
        assertThat(deleted.getString("deletedReason")).isEqualTo("MANUAL");
        assertThat(storedFiles(started.id())).as("stored files after the deletion").isEmpty();
        HttpResponse<byte[]> gone = download(host, started.id(), null);
        assertThat(gone.statusCode()).as("the deleted media is gone").isEqualTo(410);
        assertThat(new String(gone.body(), UTF_8)).contains("\"RECORDING_GONE\"");
        api.delete(path).as(host).send().expectStatus(200);
        Problems.assertProblem(api.post(path + "/legal-hold").as(organization.admin()).json(reason).send(), 409, "ILLEGAL_RECORDING_TRANSITION");
        assertThat(kaiwa.eventTypes(host, started.callId())).contains("LEGAL_HOLD_SET", "LEGAL_HOLD_CLEARED",
                "RECORDING_DELETED");
    }

    // ---------------------------------------------------------------- helpers

    /** No stored file contains the plaintext of a chunk or of the finished media. */
    private static void assertStoredEncrypted(String recordingId, byte[] chunk, byte[] media) {
        List<Path> files = storedFiles(recordingId);
        assertThat(files).as("stored files of the recording").isNotEmpty();
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

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(Problems.PROBLEM_JSON));
        assertThat(Json.createReader(new java.io.StringReader(response.body())).readObject().getString("code"))
                .isEqualTo(code);
    }
}
