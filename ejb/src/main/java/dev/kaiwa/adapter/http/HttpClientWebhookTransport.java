package dev.kaiwa.adapter.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.kaiwa.webhook.DeliveryOutcome;
import dev.kaiwa.webhook.WebhookEndpoints;
import dev.kaiwa.webhook.WebhookRequest;
import dev.kaiwa.webhook.WebhookTransport;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;

/**
 * {@link WebhookTransport} on {@link HttpClient}: one client for all deliveries (it pools connections), the
 * connect timeout on the client, the read timeout (until the answer's status line and headers) on each
 * request. The answer's body is read and thrown away; only its status counts.
 */
public final class HttpClientWebhookTransport implements WebhookTransport {
    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean allowPrivateAddresses;
    private final WebhookEndpoints.Resolver resolver;

    /** A transport that refuses endpoints on private, loopback and link-local addresses. */
    public HttpClientWebhookTransport(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, false, WebhookEndpoints.SYSTEM);
    }

    public HttpClientWebhookTransport(Duration connectTimeout, Duration readTimeout, boolean allowPrivateAddresses,
            WebhookEndpoints.Resolver resolver) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public CompletableFuture<DeliveryOutcome> send(WebhookRequest request) {
        long started = System.nanoTime();
        if (!allowPrivateAddresses) {
            // Checked again before each delivery: the name may resolve elsewhere than when it was subscribed.
            Optional<InetAddress> refused = WebhookEndpoints.nonPublicAddress(request.url(), resolver);
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(DeliveryOutcome.failed("not sent: the host resolves to "
                        + "the private, loopback or link-local address " + refused.get().getHostAddress(),
                        Duration.ZERO));
            }
        }
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                    .timeout(readTimeout)
                    .POST(HttpRequest.BodyPublishers.ofString(request.body(), UTF_8));
            request.headers().forEach(builder::header);
            httpRequest = builder.build();
        }
        catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(DeliveryOutcome.failed("not sent: " + e.getMessage(), Duration.ZERO));
        }
        return client.sendAsync(httpRequest, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                    return response != null ? DeliveryOutcome.answered(response.statusCode(), elapsed)
                            : DeliveryOutcome.failed(describe(error), elapsed);
                });
    }

    private String describe(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + connectTimeout;
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + readTimeout;
        }
        if (cause instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (cause instanceof SSLException) {
            return "TLS failed: " + cause.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
