package dev.kaiwa.adapter.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kaiwa.webhook.DeliveryOutcome;
import dev.kaiwa.webhook.WebhookEndpoints;
import dev.kaiwa.webhook.WebhookRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK HTTP client adapter against a receiver on loopback: what it sends, and how answers and failures come back. */
class HttpClientWebhookTransportTest {
    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private final BlockingQueue<Received> received = new ArrayBlockingQueue<>(10);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClientWebhookTransport transport = new HttpClientWebhookTransport(TIMEOUT, TIMEOUT, true,
            WebhookEndpoints.SYSTEM);
    private HttpServer server;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/ok", exchange -> answer(exchange, 204));
        server.createContext("/broken", exchange -> answer(exchange, 500));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            answer(exchange, 302);
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200);
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void postsTheBodyWithTheGivenHeaders() throws Exception {
        DeliveryOutcome outcome = transport.send(request("/ok")).get(5, TimeUnit.SECONDS);

        Received request = received.poll(5, TimeUnit.SECONDS);
        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(204);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body()).isEqualTo("{\"id\":\"evt-1\",\"text\":\"面接\"}");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.signature()).isEqualTo("v1=abc");
    }

    @Test
    void endpointOnAPrivateAddressIsNotContactedByDefault() throws Exception {
        HttpClientWebhookTransport strict = new HttpClientWebhookTransport(TIMEOUT, TIMEOUT);

        DeliveryOutcome outcome = strict.send(request("/ok")).get(5, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).startsWith("not sent: the host resolves to the private, loopback or link-local "
                + "address 127.0.0.1");
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void nameThatNowResolvesToAPrivateAddressIsNotContacted() throws Exception {
        HttpClientWebhookTransport strict = new HttpClientWebhookTransport(TIMEOUT, TIMEOUT, false,
                host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169,
                        (byte) 254})});
        WebhookRequest request = new WebhookRequest(URI.create("https://hooks.example.com/kaiwa"), "{}",
                Map.of("Content-Type", "application/json"));

        DeliveryOutcome outcome = strict.send(request).get(5, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.error()).contains("169.254.169.254");
    }

    @Test
    void errorStatusIsAFailedAttemptWithItsCode() throws Exception {
        DeliveryOutcome outcome = transport.send(request("/broken")).get(5, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.statusCode()).isEqualTo(500);
        assertThat(outcome.error()).isEqualTo("HTTP 500");
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
        DeliveryOutcome outcome = transport.send(request("/moved")).get(5, TimeUnit.SECONDS);

        assertThat(outcome.statusCode()).isEqualTo(302);
        assertThat(outcome.delivered()).isFalse();
        assertThat(received.poll(500, TimeUnit.MILLISECONDS).path()).isEqualTo("/moved");
        assertThat(received).isEmpty();
    }

    @Test
    void receiverThatDoesNotAnswerInTimeFailsTheAttempt() throws Exception {
        DeliveryOutcome outcome = transport.send(request("/slow")).get(5, TimeUnit.SECONDS);

        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).startsWith("no answer within");
        assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(TIMEOUT);
    }

    @Test
    void closedPortFailsTheAttemptWithoutAnException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookRequest request = new WebhookRequest(URI.create("http://127.0.0.1:" + closedPort + "/hook"), "{}", Map.of());

        DeliveryOutcome outcome = transport.send(request).get(5, TimeUnit.SECONDS);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).isNotBlank();
    }

    private WebhookRequest request(String path) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new WebhookRequest(url, "{\"id\":\"evt-1\",\"text\":\"面接\"}",
                Map.of("Content-Type", "application/json", "Kaiwa-Webhook-Signature", "v1=abc"));
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Kaiwa-Webhook-Signature")));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private record Received(String method, String path, String body, String contentType, String signature) {
    }
}
