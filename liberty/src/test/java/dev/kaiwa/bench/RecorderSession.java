package dev.kaiwa.bench;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A host whose browser records a call, as the web client does it without a media server: the host creates a
 * call that may be recorded, starts it, joins it and opens the signaling socket, grants consent to recording,
 * asks for a composite recording, acknowledges the start pushed to its socket ({@code recorder started}, which
 * brings the recording to RECORDING and hands it the upload token), records for a while and stops. Then it
 * uploads, and the socket tells it when the recording is READY. The socket is kept alive with {@code ping}
 * while the session lasts.
 */
final class RecorderSession implements AutoCloseable {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final BenchApi api;
    private final String hostToken;
    private final String callId;
    private final BenchSocket socket;
    private final BlockingQueue<Received> received;
    private final ScheduledExecutorService keepAlive;
    private final String recordingId;
    private final String uploadToken;
    private final Deque<String> recent = new ArrayDeque<>();

    private RecorderSession(BenchApi api, String hostToken, String callId, BenchSocket socket,
            BlockingQueue<Received> received, ScheduledExecutorService keepAlive, String recordingId, String uploadToken) {
        this.api = api;
        this.hostToken = hostToken;
        this.callId = callId;
        this.socket = socket;
        this.received = received;
        this.keepAlive = keepAlive;
        this.recordingId = recordingId;
        this.uploadToken = uploadToken;
    }

    /** A message from the socket and when it arrived ({@link System#nanoTime()}). */
    record Received(long arrivedNanos, JsonObject message) {
    }

    /**
     * Goes through the steps up to a stopped recording that waits for its upload. The recording runs for
     * {@code recordFor}, so media of that length or shorter is within its interval.
     */
    static RecorderSession recordAndStop(BenchApi api, HttpClient sockets, String hostToken, String title,
            Duration recordFor) throws SetupException, InterruptedException {
        JsonObject call = BenchApi.json(api.post("calls", hostToken, Json.createObjectBuilder()
                .add("title", title).add("type", "VIDEO")
                .add("settings", Json.createObjectBuilder().add("recording", "OPTIONAL")).build().toString()),
                "create call");
        String callId = call.getString("id");
        BenchApi.json(api.post("calls/" + callId + "/start", hostToken, ""), "start call");
        JsonObject joined = BenchApi.json(api.post("calls/" + callId + "/join", hostToken, "{}"), "join call");
        String participantId = joined.getJsonObject("participant").getString("id");
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        BenchSocket socket;
        try {
            socket = BenchSocket.open(sockets, URI.create(joined.getString("websocketUrl")), SOCKET_TIMEOUT,
                    text -> received.add(new Received(System.nanoTime(), parse(text))))
                    .get(SOCKET_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
        catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new SetupException("open the host's socket", String.valueOf(e.getCause() == null ? e : e.getCause()), e);
        }
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "upload-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        RecorderSession partial = new RecorderSession(api, hostToken, callId, socket, received, keepAlive, null, null);
        try {
            keepAlive.scheduleAtFixedRate(() -> socket.send("{\"type\":\"ping\"}"), KeepAlives.INTERVAL.toMillis(),
                    KeepAlives.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            socket.send(Json.createObjectBuilder().add("type", "join").add("ticket", joined.getString("ticket")).build()
                    .toString());
            JsonObject welcome = partial.await("welcome", message -> type(message, "welcome")).message();
            String noticeVersion = welcome.getJsonObject("consent").getJsonObject("notices").getString("version");
            socket.send(Json.createObjectBuilder().add("type", "consent").add("purpose", "RECORDING").add("granted", true)
                    .add("noticeVersion", noticeVersion).add("language", "en").add("client", "upload benchmark")
                    .build().toString());
            partial.await("consent confirmed", message -> type(message, "consent")
                    && participantId.equals(message.getString("participantId", null)));
            BenchApi.json(api.post("calls/" + callId + "/recordings", hostToken, "{\"quality\":\"HIGH\"}"),
                    "start recording");
            JsonObject push = partial.await("recording start pushed", recordingStatus("STARTING")).message();
            String recordingId = push.getJsonObject("recording").getString("id");
            String uploadToken = push.getString("uploadToken");
            socket.send(Json.createObjectBuilder().add("type", "recorder").add("recordingId", recordingId)
                    .add("state", "started").build().toString());
            partial.await("recording", recordingStatus("RECORDING"));
            Thread.sleep(recordFor.toMillis());
            BenchApi.json(api.post("recordings/" + recordingId + "/stop", hostToken, ""), "stop recording");
            return new RecorderSession(api, hostToken, callId, socket, received, keepAlive, recordingId, uploadToken);
        }
        catch (SetupException | InterruptedException | RuntimeException e) {
            partial.close();
            throw e;
        }
    }

    String callId() {
        return callId;
    }

    String recordingId() {
        return recordingId;
    }

    String uploadToken() {
        return uploadToken;
    }

    /** Waits for the recording to be announced READY (or FAILED) on the socket. */
    Received awaitFinished(Duration timeout) throws SetupException, InterruptedException {
        return await("recording finished", message -> type(message, "recording")
                && recordingId.equals(message.getJsonObject("recording").getString("id", null))
                && Optional.ofNullable(message.getJsonObject("recording").getString("status", null))
                        .filter(status -> status.equals("READY") || status.equals("FAILED")).isPresent(), timeout);
    }

    /** Ends the call (which also closes the socket) and deletes the recording, to leave the disk as it was. */
    @Override
    public void close() {
        keepAlive.shutdownNow();
        socket.expectClose();
        if (recordingId != null) {
            api.delete("recordings/" + recordingId, hostToken);
        }
        api.post("calls/" + callId + "/end", hostToken, "");
        socket.close();
    }

    private Received await(String stage, Predicate<JsonObject> wanted) throws SetupException, InterruptedException {
        return await(stage, wanted, STEP_TIMEOUT);
    }

    private Received await(String stage, Predicate<JsonObject> wanted, Duration timeout)
            throws SetupException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received next = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                String detail = "last messages: " + String.join(" | ", recent);
                throw new SetupException(stage + ": nothing within " + timeout.toSeconds() + " s",
                        socket.isOpen() ? detail : "socket " + socket.closed().getNow("closed") + "; " + detail);
            }
            remember(next.message());
            if (type(next.message(), "error")) {
                String code = next.message().getString("code", "?");
                if (!code.equals("RATE_LIMITED")) {
                    throw new SetupException(stage + ": error " + code, next.message().toString());
                }
            }
            if (wanted.test(next.message())) {
                return next;
            }
        }
    }

    private void remember(JsonObject message) {
        String text = message.toString();
        recent.addLast(text.length() > 200 ? text.substring(0, 200) + "…" : text);
        while (recent.size() > 5) {
            recent.removeFirst();
        }
    }

    private static Predicate<JsonObject> recordingStatus(String status) {
        return message -> type(message, "recording")
                && status.equals(message.getJsonObject("recording").getString("status", null));
    }

    private static boolean type(JsonObject message, String type) {
        return type.equals(message.getString("type", null));
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        }
        catch (JsonException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
