package dev.kaiwa.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The PeerJS server: each client connects to {@code /peerjs?key=peerjs&id=…&token=…} with an id and
 * token of its own and waits for {@code OPEN}; then {@code OFFER}, {@code ANSWER} and
 * {@code CANDIDATE} to a {@code dst} reach that client with {@code src} added. Hanging up closes
 * the sockets, as the PeerJS client does when destroyed. Closing the target stops the server.
 */
final class PeerJsTarget implements SignalingTarget {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    private static final String OPENED = "\"type\":\"OPEN\"";

    private final PeerJsServer server;
    private final WebSocketClients sockets;

    PeerJsTarget(PeerJsServer server, WebSocketClients sockets) {
        this.server = requireNonNull(server, "server is null");
        this.sockets = requireNonNull(sockets, "sockets is null");
    }

    PeerJsServer server() {
        return server;
    }

    @Override
    public String key() {
        return "peerjs";
    }

    @Override
    public String description() {
        return server.runtime() + ", started for the run on 127.0.0.1:" + server.port()
                + " (--key peerjs --path /); clients at /peerjs?key=peerjs&id=…&token=…";
    }

    @Override
    public SignalingDialect dialect() {
        return SignalingDialect.PEERJS;
    }

    @Override
    public SocketPair connect(int index) throws SetupException, InterruptedException {
        String initiatorId = UUID.randomUUID().toString();
        String responderId = UUID.randomUUID().toString();
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
        server.close();
    }

    private BenchSocket open(String stage, String id) throws SetupException, InterruptedException {
        String token = UUID.randomUUID().toString().substring(0, 10);
        return new SocketOpening(sockets.next(), SOCKET_TIMEOUT, dialect())
                .open(stage, server.webSocketUri(id, token), Optional.empty(), message -> message.contains(OPENED));
    }
}
