package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One client WebSocket of a benchmark, on the JDK's {@link WebSocket}. Text messages go to a
 * handler that can be swapped (first the join, then the relay traffic); it runs on the client's
 * executor, one message of a socket at a time. Sends may come from any thread: they queue behind
 * the one in progress, since the JDK socket takes one send at a time. A close that the benchmark
 * did not ask for, or a failed send, is reported once to the close handler.
 */
final class BenchSocket {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Deque<String> pending = new ArrayDeque<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile Consumer<String> handler;
    private volatile Consumer<String> unexpectedClose;
    private volatile boolean closing;
    private volatile WebSocket socket;
    private boolean sending;

    private BenchSocket(Consumer<String> handler) {
        this.handler = requireNonNull(handler, "handler is null");
        this.unexpectedClose = reason -> {
        };
    }

    /** Opens a socket whose messages go to {@code handler} until it is replaced. */
    static CompletableFuture<BenchSocket> open(HttpClient http, URI uri, Duration timeout, Consumer<String> handler) {
        BenchSocket socket = new BenchSocket(handler);
        return http.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(uri, socket.new Listener())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(webSocket -> {
                    socket.socket = webSocket;
                    return socket;
                });
    }

    void handler(Consumer<String> handler) {
        this.handler = requireNonNull(handler, "handler is null");
    }

    /** Told, with a reason, when the socket closes or fails while the benchmark still uses it. */
    void onUnexpectedClose(Consumer<String> unexpectedClose) {
        this.unexpectedClose = requireNonNull(unexpectedClose, "unexpectedClose is null");
        if (closed.isDone() && !closing) {
            unexpectedClose.accept(closed.join());
        }
    }

    void send(String text) {
        synchronized (pending) {
            if (sending) {
                pending.add(text);
                return;
            }
            sending = true;
        }
        transmit(text);
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    /** Completes with how the socket closed: the server's close code and reason, or the failure. */
    CompletableFuture<String> closed() {
        return closed;
    }

    /** Starts a normal close; the server's answer completes {@link #closed()}. */
    void close() {
        closing = true;
        WebSocket open = socket;
        if (open != null && !open.isOutputClosed()) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(failure -> null);
        }
        closed.completeOnTimeout("no close answer within " + CLOSE_TIMEOUT.toSeconds() + " s", CLOSE_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS).whenComplete((reason, failure) -> abort());
    }

    /** Marks the socket as being closed by the benchmark's own doing (e.g. a call it ends). */
    void expectClose() {
        closing = true;
    }

    /** Drops the connection without a close handshake. */
    void abort() {
        closing = true;
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
        closed.complete("aborted by the benchmark");
    }

    /** Sends one message after another; loops rather than recursing when sends complete at once. */
    private void transmit(String text) {
        String next = text;
        while (next != null) {
            CompletableFuture<WebSocket> sent;
            try {
                sent = socket.sendText(next, true);
            }
            catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            if (!sent.isDone()) {
                sent.whenComplete((ignored, failure) -> {
                    sendFailed(failure);
                    transmit(nextPending());
                });
                return;
            }
            sent.whenComplete((ignored, failure) -> sendFailed(failure));
            next = nextPending();
        }
    }

    private String nextPending() {
        synchronized (pending) {
            String next = pending.poll();
            if (next == null) {
                sending = false;
            }
            return next;
        }
    }

    private void sendFailed(Throwable failure) {
        if (failure != null && !closing) {
            ended("send failed: " + failure);
        }
    }

    private void ended(String reason) {
        if (closed.complete(reason) && !closing) {
            unexpectedClose.accept(reason);
        }
    }

    /** Receives for one socket; the JDK calls it for one message at a time. */
    private final class Listener implements WebSocket.Listener {
        private StringBuilder partial;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                if (partial == null) {
                    partial = new StringBuilder();
                }
                partial.append(data);
                webSocket.request(1);
                return null;
            }
            String text = partial == null ? data.toString() : partial.append(data).toString();
            partial = null;
            try {
                handler.accept(text);
            }
            catch (RuntimeException e) {
                ended("the benchmark's handler failed: " + e);
                webSocket.abort();
                return null;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended("closed by the server: " + statusCode + (reason == null || reason.isBlank() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended("failed: " + error);
        }
    }
}
