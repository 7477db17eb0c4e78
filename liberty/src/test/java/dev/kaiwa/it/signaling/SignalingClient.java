package dev.kaiwa.it.signaling;

import static java.util.Objects.requireNonNull;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One signaling WebSocket as a test drives it, on the JDK's {@link WebSocket}: sends text frames
 * (JSON or anything else), binary frames and oversized frames; keeps every message the server sent
 * in order, so a test waits for the one it expects ({@link #await}, {@link #awaitMatching}) without
 * losing the others, or asserts that none of a kind came ({@link #assertNothing}); records how the
 * socket closed ({@link #awaitClose}); and can drop the connection without a close frame
 * ({@link #abort}).
 *
 * <p>Like the browser client, it keeps the socket alive with a {@code ping} every interval once it
 * has sent its {@code join}, since the test server treats a socket silent for three seconds as
 * dropped. The {@code pong}s answering those pings are not kept: a {@code pong} a test waits for
 * answers a {@code ping} the test sent. A client opened without keep-alive goes silent on purpose.
 */
public final class SignalingClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAXIMUM_DESCRIBED_MESSAGES = 30;
    private static final int MAXIMUM_DESCRIBED_LENGTH = 300;

    private final URI uri;
    private final ScheduledExecutorService keepAliveScheduler;
    private final Duration keepAliveInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** Received and not yet taken by an {@code await}, oldest first. */
    private final List<JsonObject> unread = new ArrayList<>();
    /** Everything received, oldest first, for assertion messages and order checks. */
    private final List<JsonObject> received = new ArrayList<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final AtomicInteger unansweredKeepAlives = new AtomicInteger();
    private final Object sending = new Object();
    private volatile WebSocket socket;
    private volatile ScheduledFuture<?> keepAlive;

    private SignalingClient(URI uri, ScheduledExecutorService keepAliveScheduler, Duration keepAliveInterval) {
        this.uri = uri;
        this.keepAliveScheduler = keepAliveScheduler;
        this.keepAliveInterval = keepAliveInterval;
    }

    /**
     * Opens a socket; fails the test when the handshake fails. {@code origin} is the browser origin
     * to send, or null for none; {@code keepAliveInterval} null keeps the socket silent.
     */
    static SignalingClient open(HttpClient http, URI uri, String origin, ScheduledExecutorService keepAliveScheduler,
            Duration keepAliveInterval) {
        SignalingClient client = new SignalingClient(uri, keepAliveScheduler, keepAliveInterval);
        Handshake handshake = handshake(http, uri, origin, client);
        if (handshake.refusedStatus().isPresent()) {
            throw new AssertionError("The handshake of " + uri + " with Origin " + origin + " was refused with HTTP "
                    + handshake.refusedStatus().get());
        }
        client.socket = handshake.socket();
        return client;
    }

    /**
     * Attempts a handshake the server must refuse and returns the HTTP status it refused it with;
     * fails the test (after closing the socket) when the server accepts it.
     */
    static int refusedHandshakeStatus(HttpClient http, URI uri, String origin) {
        SignalingClient client = new SignalingClient(uri, null, null);
        Handshake handshake = handshake(http, uri, origin, client);
        if (handshake.refusedStatus().isEmpty()) {
            client.socket = handshake.socket();
            client.close();
            throw new AssertionError("The handshake of " + uri + " with Origin " + origin + " was accepted");
        }
        return handshake.refusedStatus().get();
    }

    private static Handshake handshake(HttpClient http, URI uri, String origin, SignalingClient client) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            WebSocket socket = builder.buildAsync(uri, client.new Receiver()).get(TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
            return new Handshake(socket, Optional.empty());
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Handshake(null, Optional.of(refused.getResponse().statusCode()));
            }
            throw new AssertionError("The handshake of " + uri + " failed", e.getCause());
        }
        catch (TimeoutException e) {
            throw new AssertionError("The handshake of " + uri + " took longer than " + TIMEOUT, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the handshake of " + uri, e);
        }
    }

    private record Handshake(WebSocket socket, Optional<Integer> refusedStatus) {
    }

    /**
     * Sends one message. A {@code join} also starts the keep-alive pings, when this client has them.
     */
    public void send(JsonObject message) {
        sendText(message.toString());
        if ("join".equals(message.getString("type", null))) {
            startKeepAlive();
        }
    }

    /** Sends any text as one frame, e.g. malformed JSON; fails the test when it cannot be sent. */
    public void sendText(String text) {
        if (!trySendText(text)) {
            throw new AssertionError("Cannot send to " + describe() + ": the socket is closed");
        }
    }

    /**
     * Sends the text unless the socket is closed or closes while sending; for tests that go on
     * until the server closes the socket. Returns whether it was sent.
     */
    public boolean trySendText(String text) {
        return sendFrame(() -> socket.sendText(text, true));
    }

    /** Sends one binary frame; returns whether it was sent. */
    public boolean trySendBinary(byte[] bytes) {
        return sendFrame(() -> socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** The JDK allows one outstanding send per socket: sends are serialized and awaited. */
    private boolean sendFrame(Frame frame) {
        synchronized (sending) {
            if (closed.isDone() || socket.isOutputClosed()) {
                return false;
            }
            try {
                frame.send().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            }
            catch (ExecutionException e) {
                return false;
            }
            catch (TimeoutException e) {
                throw new AssertionError("Sending to " + describe() + " took longer than " + TIMEOUT, e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending to " + uri, e);
            }
        }
    }

    @FunctionalInterface
    private interface Frame {
        CompletableFuture<WebSocket> send();
    }

    private void startKeepAlive() {
        if (keepAliveInterval == null || keepAlive != null) {
            return;
        }
        long millis = keepAliveInterval.toMillis();
        keepAlive = keepAliveScheduler.scheduleAtFixedRate(this::sendKeepAlive, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sendKeepAlive() {
        unansweredKeepAlives.incrementAndGet();
        if (!trySendText(Messages.ping().toString())) {
            unansweredKeepAlives.decrementAndGet();
        }
    }

    private void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    /** The first unread message of {@code type}, waiting up to ten seconds for it. */
    public JsonObject await(String type) {
        return await(type, TIMEOUT);
    }

    public JsonObject await(String type, Duration timeout) {
        return awaitMatching("a " + type + " message", message -> type.equals(message.getString("type", null)),
                timeout);
    }

    /** The first unread {@code error} message, asserting its code. */
    public JsonObject awaitError(String code) {
        JsonObject error = await("error");
        if (!code.equals(error.getString("code", null))) {
            throw new AssertionError("Expected error " + code + " but got " + error + " on " + describe());
        }
        return error;
    }

    /** The first unread message {@code condition} holds for, waiting up to ten seconds. */
    public JsonObject awaitMatching(String description, Predicate<JsonObject> condition) {
        return awaitMatching(description, condition, TIMEOUT);
    }

    /**
     * Takes the first unread message {@code condition} holds for, waiting up to {@code timeout};
     * fails at once when the socket closes without one.
     */
    public JsonObject awaitMatching(String description, Predicate<JsonObject> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (int index = 0; index < unread.size(); index++) {
                    if (condition.test(unread.get(index))) {
                        return unread.remove(index);
                    }
                }
                if (closed.isDone()) {
                    throw new AssertionError("Expected " + description + " but the socket closed: " + describe());
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("Waited " + timeout.toMillis() + " ms for " + description + " on "
                            + describe());
                }
                arrived.awaitNanos(remaining);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + description, e);
        }
        finally {
            lock.unlock();
        }
    }

    /** Waits {@code window} and fails when an unread message of {@code type} is there by then. */
    public void assertNothing(String type, Duration window) {
        assertNothingMatching("a " + type + " message", message -> type.equals(message.getString("type", null)),
                window);
    }

    /** Waits {@code window} and fails when an unread message {@code condition} holds for is there by then. */
    public void assertNothingMatching(String description, Predicate<JsonObject> condition, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        lock.lock();
        try {
            long remaining = deadline - System.nanoTime();
            while (remaining > 0 && unread.stream().noneMatch(condition)) {
                remaining = arrived.awaitNanos(remaining);
            }
            unread.stream().filter(condition).findFirst().ifPresent(message -> {
                throw new AssertionError("Expected no " + description + " but got " + message + " on " + describe());
            });
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching for " + description, e);
        }
        finally {
            lock.unlock();
        }
    }

    /** Sends a {@code ping} and waits for its {@code pong}: the socket is open and served. */
    public void assertResponsive() {
        send(Messages.ping());
        await("pong");
    }

    /** Whether any message received so far, read or not, satisfies {@code condition}; does not wait. */
    public boolean hasReceived(Predicate<JsonObject> condition) {
        lock.lock();
        try {
            return received.stream().anyMatch(condition);
        }
        finally {
            lock.unlock();
        }
    }

    /** Every message received so far, oldest first, read or not. */
    public List<JsonObject> received() {
        lock.lock();
        try {
            return List.copyOf(received);
        }
        finally {
            lock.unlock();
        }
    }

    /** How the server closed the socket, waiting up to ten seconds for it. */
    public CloseStatus awaitClose() {
        return awaitClose(TIMEOUT);
    }

    public CloseStatus awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            throw new AssertionError("The socket did not close within " + timeout.toMillis() + " ms: " + describe(), e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("close status of " + uri + " failed", e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + uri + " to close", e);
        }
    }

    /** Fails when the socket closed meanwhile. */
    public void assertOpen() {
        if (closed.isDone()) {
            throw new AssertionError("Expected the socket to be open: " + describe());
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the connection without a close frame, as a crashing browser or a lost network would. */
    public void abort() {
        stopKeepAlive();
        socket.abort();
        closedWith(new CloseStatus(CloseStatus.ABNORMAL, "aborted by the test"));
    }

    /** Closes normally (1000) and waits briefly for the server's answer; aborts when there is none. */
    @Override
    public void close() {
        stopKeepAlive();
        if (socket == null || closed.isDone()) {
            return;
        }
        try {
            socket.sendClose(CloseStatus.NORMAL, "test done").get(CLOSE_HANDSHAKE_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
            closed.get(CLOSE_HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException e) {
            socket.abort();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.abort();
        }
    }

    /** The socket's URI, state and last messages, for assertion messages. */
    public String describe() {
        StringBuilder description = new StringBuilder(uri.toString());
        CloseStatus status = closed.getNow(null);
        description.append(status == null ? " (open)" : " (closed " + status.code() + " " + status.reason() + ")");
        List<JsonObject> messages = received();
        int first = Math.max(0, messages.size() - MAXIMUM_DESCRIBED_MESSAGES);
        description.append("; received ").append(messages.size()).append(" message(s)");
        if (first > 0) {
            description.append(", the last ").append(MAXIMUM_DESCRIBED_MESSAGES);
        }
        description.append(':');
        for (JsonObject message : messages.subList(first, messages.size())) {
            String text = message.toString();
            description.append("\n  ").append(text.length() > MAXIMUM_DESCRIBED_LENGTH
                    ? text.substring(0, MAXIMUM_DESCRIBED_LENGTH) + "…" : text);
        }
        return description.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private void deliver(JsonObject message) {
        if ("pong".equals(message.getString("type", null)) && takeKeepAliveAnswer()) {
            return;
        }
        lock.lock();
        try {
            received.add(message);
            unread.add(message);
            arrived.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    private boolean takeKeepAliveAnswer() {
        return unansweredKeepAlives.getAndUpdate(count -> count > 0 ? count - 1 : 0) > 0;
    }

    private void closedWith(CloseStatus status) {
        stopKeepAlive();
        lock.lock();
        try {
            closed.complete(status);
            arrived.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                return value.asJsonObject();
            }
        }
        catch (JsonException e) {
            // Kept below as what it is: the contract allows only JSON objects, so no await will match it.
        }
        return Json.createObjectBuilder().add("type", "(not a JSON object)").add("text", text).build();
    }

    /** Receives frames on the JDK's listener thread, one at a time. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                deliver(parse(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (last) {
                deliver(Json.createObjectBuilder().add("type", "(binary frame)").build());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith(new CloseStatus(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith(CloseStatus.abnormal(requireNonNull(error, "error is null")));
        }
    }
}
