package dev.kaiwa.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscriber's endpoint on loopback for the server under test to send webhooks to: records every request
 * it gets (per path) and answers 500 to a path's first {@code n} requests when told to, 204 otherwise.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresToGive = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresGiven = new ConcurrentHashMap<>();

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot open a receiver on loopback", e);
        }
    }

    /** The URL of {@code path} on this receiver, e.g. {@code http://127.0.0.1:43121/hooks/a}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The first {@code count} requests to {@code path} get 500; later ones 204. */
    public void failFirst(String path, int count) {
        failuresToGive.put(path, count);
    }

    /** Every request to {@code path} gets 500. */
    public void failAlways(String path) {
        failuresToGive.put(path, Integer.MAX_VALUE);
    }

    /** The requests {@code path} got so far, oldest first. */
    public List<Received> requests(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Waits until {@code path} got at least {@code count} requests; returns them all. */
    public List<Received> await(String path, int count, Duration timeout) {
        return Eventually.await(count + " webhook requests to " + path, timeout, () -> requests(path),
                requests -> requests.size() >= count);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            int failuresSoFar = failuresGiven.computeIfAbsent(path, key -> new AtomicInteger()).get();
            int status = failuresSoFar < failuresToGive.getOrDefault(path, 0) ? 500 : 204;
            if (status == 500) {
                failuresGiven.get(path).incrementAndGet();
            }
            received.add(new Received(exchange.getRequestMethod(), path, headers, body, Instant.now(), status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** One request as the receiver got it, and the status it answered. */
    public record Received(String method, String path, Map<String, String> headers, String body, Instant receivedAt,
            int answered) {
        public Received {
            headers = Map.copyOf(headers);
        }

        /** A header by its name in any case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        /** The {@code data} of the event. */
        public JsonObject data() {
            return json().getJsonObject("data");
        }

        public String type() {
            return json().getString("type");
        }

        /**
         * Whether the request carries a valid v1 signature by {@code secret}, checked as README tells receivers:
         * HMAC-SHA256 of "timestamp.body" in hex, compared in constant time, the timestamp within five minutes.
         */
        public boolean signedWith(String secret) {
            String timestamp = header("Kaiwa-Webhook-Timestamp");
            String signature = header("Kaiwa-Webhook-Signature");
            if (timestamp == null || signature == null || Duration.between(Instant.ofEpochSecond(
                    Long.parseLong(timestamp)), Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
                byte[] expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                        .getBytes(UTF_8)))).getBytes(UTF_8);
                return MessageDigest.isEqual(expected, signature.getBytes(UTF_8));
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The requests' event types, in the order they came. */
    public static List<String> types(List<Received> requests) {
        List<String> types = new ArrayList<>();
        requests.forEach(request -> types.add(request.type()));
        return types;
    }
}
