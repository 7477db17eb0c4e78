package dev.kaiwa.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Opens a client socket and waits until the target has accepted it: sends the first message if
 * the protocol has one (Kaiwa's {@code join}), then waits for the message that says the client is
 * in ({@code welcome}, {@code OPEN}, {@code open}). A refusal, a close or no answer in time is a
 * {@link SetupException} named after the stage, and the socket is dropped.
 */
final class SocketOpening {
    private final HttpClient http;
    private final Duration timeout;
    private final SignalingDialect dialect;

    SocketOpening(HttpClient http, Duration timeout, SignalingDialect dialect) {
        this.http = http;
        this.timeout = timeout;
        this.dialect = dialect;
    }

    BenchSocket open(String stage, URI uri, Optional<String> firstMessage, Predicate<String> accepted)
            throws SetupException, InterruptedException {
        CompletableFuture<String> admission = new CompletableFuture<>();
        BenchSocket socket;
        try {
            socket = BenchSocket.open(http, uri, timeout, message -> {
                if (accepted.test(message)) {
                    admission.complete(message);
                }
                else {
                    dialect.problem(message).ifPresent(problem -> admission.completeExceptionally(
                            new SetupException(stage + ": " + problem, message)));
                }
            }).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String outcome = cause instanceof WebSocketHandshakeException handshake
                    ? stage + ": handshake answered " + handshake.getResponse().statusCode()
                    : stage + ": handshake failed, " + cause.getClass().getSimpleName();
            throw new SetupException(outcome, String.valueOf(cause), cause);
        }
        catch (TimeoutException e) {
            throw new SetupException(stage + ": no handshake within " + timeout.toSeconds() + " s", uri.toString());
        }
        socket.closed().thenAccept(reason -> admission.completeExceptionally(
                new SetupException(stage + ": socket closed before admission", reason)));
        firstMessage.ifPresent(socket::send);
        try {
            admission.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return socket;
        }
        catch (ExecutionException e) {
            socket.abort();
            if (e.getCause() instanceof SetupException refused) {
                throw refused;
            }
            throw new SetupException(stage + ": failed", String.valueOf(e.getCause()), e.getCause());
        }
        catch (TimeoutException e) {
            socket.abort();
            throw new SetupException(stage + ": not admitted within " + timeout.toSeconds() + " s", uri.toString());
        }
        catch (InterruptedException e) {
            socket.abort();
            throw e;
        }
    }
}
