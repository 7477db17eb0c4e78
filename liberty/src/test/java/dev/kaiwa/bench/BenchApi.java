package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain requests to {@code /api/v1} with a Bearer token over one HTTP/1.1 client, for the storage benchmarks:
 * JSON in and out, and raw bytes for recording chunks. Like {@link KaiwaClient}, no method throws for an error
 * answer or a transport failure; {@link #json} turns an exchange into the answer or a {@link SetupException}.
 */
final class BenchApi {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http;
    private final URI api;

    BenchApi(URI baseUrl) {
        this.http = KaiwaClient.newHttpClient();
        this.api = requireNonNull(baseUrl, "baseUrl is null").resolve("/api/v1/");
    }

    Exchange get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Exchange post(String path, String token, String json) {
        HttpRequest.Builder request = request(path, token);
        if (json.isEmpty()) {
            return send(request.POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        return send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Exchange delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    /** Chunk {@code seq} of a recording: {@code length} bytes of {@code media} from {@code offset}. */
    Exchange putChunk(String token, String recordingId, int seq, byte[] media, int offset, int length, String digest) {
        return send(request("recordings/" + recordingId + "/chunks/" + seq, token)
                .header("Content-Type", "video/webm")
                .header("Content-Digest", "sha-256=:" + digest + ":")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(media, offset, length))
                .build());
    }

    /** The JSON object a successful exchange answered; anything else is a {@link SetupException} of {@code stage}. */
    static JsonObject json(Exchange exchange, String stage) throws SetupException {
        if (!exchange.succeeded()) {
            throw new SetupException(stage + ": " + exchange.outcome(), exchange.detail());
        }
        try (JsonReader reader = Json.createReader(new StringReader(exchange.body()))) {
            return reader.readObject();
        }
        catch (JsonException | IllegalStateException e) {
            throw new SetupException(stage + ": answer is no JSON object", exchange.detail(), e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(api.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
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
