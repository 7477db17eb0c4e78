package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Measures recording uploads through Kaiwa — chunks {@code PUT /api/v1/recordings/{id}/chunks/{seq}} with their
 * {@code Content-Digest}, stored encrypted, then {@code POST …/complete} and the server's finalization into a
 * seekable WebM until the recording is READY — against writing the same bytes straight to a file on the same
 * disk ({@link FileChannel} writes and one {@code force}), in the same run. Prints the figures and writes
 * {@code upload.json} and {@code upload.md}.
 *
 * <p>Each recording is one host's browser recording as the web client makes it (see {@link RecorderSession});
 * its media is a {@link SyntheticWebm} of the size under test, cut into equal chunks that are sent one after
 * the other on one connection, as a browser uploads. Kaiwa and the disk take turns, recording by recording.
 * Digests are computed before the clock starts. Every recording must become READY with its media stored, or
 * the benchmark fails ({@code upload.failed}, for {@link BenchmarkVerdict}); recordings are deleted afterwards.
 */
public final class UploadBenchmark {
    static final String REPORT_NAME = "upload";
    private static final String HOST_SUBJECT = "bench-upload-host";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    /** The recording runs a little longer than its media, so the media is within its start-to-stop interval. */
    private static final Duration RECORD_FOR = Duration.ofMillis(SyntheticWebm.DURATION_MILLIS + 200);
    private static final String BANNER = "*".repeat(100);

    private final UploadSettings settings;
    private final BenchApi api;
    private final HttpClient sockets = KaiwaClient.newHttpClient();
    private final String hostToken;
    private final Random random = new Random();
    private final Map<String, Long> failures = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();
    private int recordingNumber;

    UploadBenchmark(UploadSettings settings, SsoTokens tokens) {
        this.settings = requireNonNull(settings, "settings is null");
        this.api = new BenchApi(settings.baseUrl());
        this.hostToken = tokens.host(HOST_SUBJECT);
    }

    public static void main(String[] args) throws IOException {
        UploadSettings settings = UploadSettings.fromSystemProperties();
        Path output = settings.outputDirectory();
        Files.createDirectories(output);
        Path failure = output.resolve(REPORT_NAME + BenchmarkVerdict.FAILURE_SUFFIX);
        Files.deleteIfExists(failure);
        try {
            SsoTokens tokens = SsoTokens.fromKeyDirectory(settings.keysDirectory(), BenchmarkSettings.ORGANIZATION,
                    TOKEN_LIFETIME);
            UploadFigures run = new UploadBenchmark(settings, tokens).run();
            String markdown = UploadReport.markdown(run);
            System.out.println(markdown);
            ReportFiles.write(output, REPORT_NAME, markdown, UploadReport.json(run));
            if (run.failureCount() > 0) {
                System.out.println(BANNER);
                System.out.println("*** " + run.failureCount() + " RECORDINGS DID NOT BECOME READY (listed above)");
                System.out.println(BANNER);
                Files.writeString(failure, run.failureCount() + " recordings did not become READY: " + run.failures()
                        + "\n", UTF_8);
            }
        }
        catch (IOException | GeneralSecurityException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The server is still running: record the failure and return, so the build stops it first.
            System.out.println(BANNER);
            System.out.println("*** THE UPLOAD BENCHMARK DID NOT FINISH: " + e);
            System.out.println(BANNER);
            e.printStackTrace(System.out);
            Files.writeString(failure, e + "\n", UTF_8);
        }
    }

    UploadFigures run() throws IOException, InterruptedException {
        ServerReadiness.await(settings.baseUrl());
        RunEnvironment environment = RunEnvironment.describe(settings.baseUrl(), settings.serverDirectory(),
                settings.serverSettings(), settings.database());
        OptionalLong serverPid = ProcessProbe.libertyPid(settings.serverDirectory());
        Files.createDirectories(settings.diskDirectory());
        System.out.println("Upload benchmark: recordings of " + settings.sizesMebibytes() + " MiB in chunks of "
                + settings.chunkKibibytes() + " KiB, " + settings.repetitions() + " per size after " + settings.warmUp()
                + " of warm-up; direct writes to " + settings.diskDirectory());
        if (settings.warmUp() > 0) {
            Media media = Media.of(settings.sizesMebibytes().get(0), settings.chunkBytes(), random);
            for (int index = 0; index < settings.warmUp(); index++) {
                try {
                    upload(media, new LatencyRecorder(), serverPid);
                }
                catch (SetupException e) {
                    fail(e);
                }
                writeToDisk(media);
            }
            System.out.println("  warm-up done");
        }
        List<UploadFigures.SizeResult> sizes = new ArrayList<>();
        for (int size : settings.sizesMebibytes()) {
            Media media = Media.of(size, settings.chunkBytes(), random);
            LatencyRecorder chunkLatency = new LatencyRecorder();
            List<CpuUse> cpu = new ArrayList<>();
            List<Double> cpuSeconds = new ArrayList<>();
            Duration upload = Duration.ZERO;
            Duration endToEnd = Duration.ZERO;
            Duration disk = Duration.ZERO;
            int recordings = 0;
            long storedBytes = 0;
            for (int repetition = 0; repetition < settings.repetitions(); repetition++) {
                try {
                    Upload done = upload(media, chunkLatency, serverPid);
                    upload = upload.plus(done.upload());
                    endToEnd = endToEnd.plus(done.endToEnd());
                    storedBytes = done.storedBytes();
                    cpu.add(done.cpu());
                    cpuSeconds.add(done.endToEnd().toNanos() / 1e9);
                    recordings++;
                    System.out.printf("  %d MiB: upload %.2f s, READY after %.2f s%n", size,
                            done.upload().toNanos() / 1e9, done.endToEnd().toNanos() / 1e9);
                }
                catch (SetupException e) {
                    fail(e);
                    System.out.println("  " + size + " MiB: FAILED " + e.outcome() + ": " + e.getMessage());
                }
                Duration written = writeToDisk(media);
                disk = disk.plus(written);
                System.out.printf("  %d MiB straight to disk: %.2f s%n", size, written.toNanos() / 1e9);
            }
            sizes.add(new UploadFigures.SizeResult(size, media.bytes().length, media.chunks(), recordings, upload,
                    endToEnd, disk, settings.repetitions(), storedBytes, chunkLatency.figures(upload),
                    CpuUse.average(cpu, cpuSeconds)));
        }
        return new UploadFigures(environment, settings, sizes, failures, examples);
    }

    /** One recording: set up (not measured), its chunks uploaded, completed, and waited for until READY. */
    private Upload upload(Media media, LatencyRecorder chunkLatency, OptionalLong serverPid)
            throws SetupException, InterruptedException {
        recordingNumber++;
        try (RecorderSession session = RecorderSession.recordAndStop(api, sockets, hostToken,
                "Upload benchmark " + recordingNumber, RECORD_FOR)) {
            LatencyRecorder latencies = new LatencyRecorder();
            CpuUse.Sample before = CpuUse.Sample.take(serverPid);
            long started = System.nanoTime();
            for (int seq = 0; seq < media.chunks(); seq++) {
                int offset = seq * media.chunkBytes();
                int length = Math.min(media.chunkBytes(), media.bytes().length - offset);
                Exchange put = api.putChunk(session.uploadToken(), session.recordingId(), seq, media.bytes(), offset, length,
                        media.digests().get(seq));
                if (put.status() != 201) {
                    throw new SetupException("chunk: " + put.outcome(), "chunk " + seq + ": " + put.detail());
                }
                latencies.recordSuccess(put.elapsedNanos());
            }
            long uploaded = System.nanoTime();
            Exchange complete = api.post("recordings/" + session.recordingId() + "/complete", session.uploadToken(),
                    "{\"chunks\":" + media.chunks() + "}");
            if (complete.status() != 202) {
                throw new SetupException("complete: " + complete.outcome(), complete.detail());
            }
            RecorderSession.Received finished = session.awaitFinished(settings.readyTimeout());
            CpuUse cpu = CpuUse.between(before, CpuUse.Sample.take(serverPid));
            JsonObject recording = BenchApi.json(api.get("recordings/" + session.recordingId(), hostToken),
                    "read recording");
            if (!"READY".equals(recording.getString("status", null))) {
                throw new SetupException("recording " + recording.getString("status", "?"),
                        recording.getString("failureReason", recording.toString()));
            }
            // The finalized media holds every frame; only the padding goes and an index is added.
            long storedBytes = recording.getJsonNumber("sizeBytes").longValue();
            long durationMillis = recording.getJsonNumber("durationMillis").longValue();
            if (storedBytes < media.bytes().length * 0.99 || storedBytes > media.bytes().length * 1.01
                    || Math.abs(durationMillis - SyntheticWebm.DURATION_MILLIS) > 100) {
                throw new SetupException("media not as uploaded", storedBytes + " bytes and " + durationMillis
                        + " ms stored of " + media.bytes().length + " bytes and " + SyntheticWebm.DURATION_MILLIS
                        + " ms uploaded");
            }
            chunkLatency.add(latencies);
            return new Upload(Duration.ofNanos(uploaded - started), Duration.ofNanos(finished.arrivedNanos() - started),
                    storedBytes, cpu);
        }
    }

    /** The limit: the same bytes, chunk by chunk, to one new file on the store's disk, then one force; deleted after. */
    private Duration writeToDisk(Media media) throws IOException {
        Path file = settings.diskDirectory().resolve("media-" + System.nanoTime() + ".webm");
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int offset = 0; offset < media.bytes().length; offset += media.chunkBytes()) {
                ByteBuffer chunk = ByteBuffer.wrap(media.bytes(), offset,
                        Math.min(media.chunkBytes(), media.bytes().length - offset));
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            channel.force(true);
        }
        Duration written = Duration.ofNanos(System.nanoTime() - started);
        Files.delete(file);
        return written;
    }

    private void fail(SetupException e) {
        failures.merge(e.outcome(), 1L, Long::sum);
        examples.putIfAbsent(e.outcome(), e.getMessage());
    }

    /** One measured upload. */
    private record Upload(Duration upload, Duration endToEnd, long storedBytes, CpuUse cpu) {
    }

    /** A recording's media of one size, its chunk size and each chunk's SHA-256 (base64), computed once. */
    private record Media(byte[] bytes, int chunkBytes, List<String> digests) {
        static Media of(int sizeMebibytes, int chunkBytes, Random random) {
            byte[] bytes = SyntheticWebm.generate(sizeMebibytes * 1024L * 1024L, random);
            List<String> digests = new ArrayList<>();
            for (int offset = 0; offset < bytes.length; offset += chunkBytes) {
                MessageDigest digest = sha256();
                digest.update(bytes, offset, Math.min(chunkBytes, bytes.length - offset));
                digests.add(Base64.getEncoder().encodeToString(digest.digest()));
            }
            return new Media(bytes, chunkBytes, List.copyOf(digests));
        }

        int chunks() {
            return digests.size();
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no SHA-256", e);
            }
        }
    }
}
