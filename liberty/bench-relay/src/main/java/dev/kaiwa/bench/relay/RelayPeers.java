package dev.kaiwa.bench.relay;

import jakarta.websocket.Session;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The open sockets of the relay by the peer id in their path; the last socket of an id wins. */
final class RelayPeers {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    void register(String peerId, Session session) {
        sessions.put(peerId, session);
    }

    void unregister(String peerId, Session session) {
        sessions.remove(peerId, session);
    }

    Optional<Session> find(String peerId) {
        return Optional.ofNullable(sessions.get(peerId));
    }
}
