package dev.kaiwa.it.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The signaling sockets of one test: opens them and closes every one of them when the test is
 * done ({@link #close()} from an {@code @AfterEach}), whatever the test did with them. Owns the
 * HTTP client and the keep-alive thread its sockets share.
 */
public final class Sockets implements AutoCloseable {
    /** A third of the test server's idle timeout, like the browser client's ping every 5 s against 20 s. */
    private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "signaling-keep-alive");
        thread.setDaemon(true);
        return thread;
    });
    private final List<SignalingClient> opened = new CopyOnWriteArrayList<>();

    /** A socket to the call, without Origin (a non-browser client), kept alive once it joined. */
    public SignalingClient open(String callId) {
        return open(SignalingSettings.socketUri(callId), null);
    }

    /** A socket to the call sent with the browser origin {@code origin}. */
    public SignalingClient openWithOrigin(String callId, String origin) {
        return open(SignalingSettings.socketUri(callId), origin);
    }

    /** A socket at the path of {@code websocketUrl} (as {@code /join} hands it out) on the server under test. */
    public SignalingClient openAt(String websocketUrl) {
        return open(SignalingSettings.socketUriForPath(URI.create(websocketUrl).getRawPath()), null);
    }

    /** A socket that never pings by itself: it goes silent when the test stops sending. */
    public SignalingClient openWithoutKeepAlive(String callId) {
        return register(SignalingClient.open(http, SignalingSettings.socketUri(callId), null, keepAlive, null));
    }

    /** Attempts a handshake with {@code origin} that the server must refuse; returns the HTTP status. */
    public int refusedHandshakeStatus(String callId, String origin) {
        return SignalingClient.refusedHandshakeStatus(http, SignalingSettings.socketUri(callId), origin);
    }

    private SignalingClient open(URI uri, String origin) {
        return register(SignalingClient.open(http, uri, origin, keepAlive, KEEP_ALIVE_INTERVAL));
    }

    private SignalingClient register(SignalingClient client) {
        opened.add(client);
        return client;
    }

    /** Closes every socket this test opened that is still open, and stops the keep-alive thread. */
    @Override
    public void close() {
        try {
            for (SignalingClient client : opened) {
                client.close();
            }
        }
        finally {
            keepAlive.shutdownNow();
        }
    }
}
