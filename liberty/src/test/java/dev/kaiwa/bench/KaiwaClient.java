package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The requests of the call lifecycle, and those that get signaling clients into calls, over one
 * {@link HttpClient} (HTTP/1.1, kept-alive connections). Each method returns the exchange and never throws for an error answer or a
 * transport failure: both are figures of the benchmark.
 */
final class KaiwaClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI api;

    KaiwaClient(HttpClient http, URI baseUrl) {
        this.http = requireNonNull(http, "http is null");
        this.api = requireNonNull(baseUrl, "baseUrl is null").resolve("/api/v1/");
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Exchange createCall(String token, String title) {
        String body = "{\"title\":\"" + title + "\",\"type\":\"VIDEO\"}";
        return send(post(api.resolve("calls"), token, body));
    }

    /** A video call for at most {@code maxParticipants}, the signaling benchmarks' rooms. */
    Exchange createCall(String token, String title, int maxParticipants) {
        String body = "{\"title\":\"" + title + "\",\"type\":\"VIDEO\",\"maxParticipants\":" + maxParticipants + "}";
        return send(post(api.resolve("calls"), token, body));
    }

    Exchange startCall(String token, String callId) {
        return send(post(api.resolve("calls/" + callId + "/start"), token, ""));
    }

    Exchange joinCall(String token, String callId) {
        return send(post(api.resolve("calls/" + callId + "/join"), token, "{}"));
    }

    Exchange endCall(String token, String callId) {
        return send(post(api.resolve("calls/" + callId + "/end"), token, ""));
    }

    private static HttpRequest post(URI uri, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
        if (body.isEmpty()) {
            return request.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private Exchange send(HttpRequest request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Exchange.answered(response.statusCode(), response.body(), System.nanoTime() - started);
        }
        catch (IOException e) {
            return Exchange.failed(e, System.nanoTime() - started);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exchange.failed(e, System.nanoTime() - started);
        }
    }
}
