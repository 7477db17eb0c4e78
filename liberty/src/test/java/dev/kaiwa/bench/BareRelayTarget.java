package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare relay WAR on the same Liberty as Kaiwa ({@code kaiwa-bench-relay}, deployed by the bench
 * profile only): each client opens {@code /bench-relay/relay/{id}} and waits for {@code open}; the
 * relay forwards every frame to the peer its {@code to} names and does nothing else. It measures
 * what the server's WebSocket stack costs without Kaiwa's work.
 */
final class BareRelayTarget implements SignalingTarget {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String OPENED = "\"type\":\"open\"";

    private final URI endpoint;
    private final WebSocketClients sockets;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong clients = new AtomicLong();

    /** {@code endpoint} ends with a slash: the peer id is appended. */
    BareRelayTarget(URI endpoint, WebSocketClients sockets) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.sockets = requireNonNull(sockets, "sockets is null");
    }

    /** Waits until the relay accepts a client: the WAR is deployed from dropins while the server starts. */
    void awaitReady() throws SetupException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                open("readiness", nextId("ready")).close();
                return;
            }
            catch (SetupException e) {
                if (System.nanoTime() > deadline) {
                    throw new SetupException("relay not ready within " + READY_TIMEOUT.toSeconds() + " s: " + e.outcome(),
                            e.getMessage(), e);
                }
                Thread.sleep(1000);
            }
        }
    }

    @Override
    public String key() {
        return "relay";
    }

    @Override
    public String description() {
        return "the bench-only WAR on Kaiwa's Liberty, " + endpoint + "{id}: forwards each frame to the peer named by "
                + "its \"to\" (found by a text search) and does nothing else";
    }

    @Override
    public SignalingDialect dialect() {
        return SignalingDialect.BARE_RELAY;
    }

    @Override
    public SocketPair connect(int index) throws SetupException, InterruptedException {
        String initiatorId = nextId("a" + index);
        String responderId = nextId("b" + index);
        BenchSocket initiator = open("initiator socket", initiatorId);
        try {
            return new SocketPair(initiator, initiatorId, open("responder socket", responderId), responderId);
        }
        catch (SetupException | InterruptedException | RuntimeException e) {
            initiator.abort();
            throw e;
        }
    }

    @Override
    public void hangUp(SocketPair pair) {
        pair.initiator().close();
        pair.responder().close();
    }

    @Override
    public void close() {
        // The relay belongs to the server, which the build stops.
    }

    private BenchSocket open(String stage, String id) throws SetupException, InterruptedException {
        return new SocketOpening(sockets.next(), SOCKET_TIMEOUT, dialect())
                .open(stage, endpoint.resolve(id), Optional.empty(), message -> message.contains(OPENED));
    }

    private String nextId(String name) {
        return run + "-" + name + "-" + clients.incrementAndGet();
    }
}
