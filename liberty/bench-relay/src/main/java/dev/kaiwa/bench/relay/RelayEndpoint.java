package dev.kaiwa.bench.relay;

import static java.util.Objects.requireNonNull;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One relay socket, {@code /relay/{peerId}}. Says {@code {"type":"open"}} once the peer can be
 * addressed, then forwards every text frame unchanged to the peer named by its {@code "to":"…"}
 * member, found by a plain text search rather than a JSON parser. Frames naming no open peer are
 * answered with {@code {"type":"error","code":"PEER_NOT_FOUND"}}, so that a benchmark sees them.
 *
 * <p>Sends to a socket are serialized on its session with the blocking remote, as Kaiwa's signaling
 * endpoint does, so the two differ by Kaiwa's work only.
 */
final class RelayEndpoint extends Endpoint {
    private static final Logger LOG = Logger.getLogger(RelayEndpoint.class.getName());
    private static final String ADDRESS = "\"to\":\"";
    private static final String OPENED = "{\"type\":\"open\"}";
    private static final String PEER_NOT_FOUND = "{\"type\":\"error\",\"code\":\"PEER_NOT_FOUND\"}";
    /** The frame cap of Kaiwa's signaling endpoint (its default kaiwa.signaling.max-message-bytes). */
    private static final int MAXIMUM_MESSAGE_BYTES = 65_536;

    private final RelayPeers peers;
    private String peerId;

    RelayEndpoint(RelayPeers peers) {
        this.peers = requireNonNull(peers, "peers is null");
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAXIMUM_MESSAGE_BYTES);
        peerId = session.getPathParameters().get("peerId");
        peers.register(peerId, session);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> relay(session, text));
        send(session, OPENED);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        peers.unregister(peerId, session);
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(Level.FINE, "Relay socket error", error);
    }

    private void relay(Session sender, String text) {
        Optional<Session> target = addressee(text).flatMap(peers::find);
        if (target.isPresent()) {
            send(target.get(), text);
        }
        else {
            send(sender, PEER_NOT_FOUND);
        }
    }

    private static Optional<String> addressee(String text) {
        int start = text.indexOf(ADDRESS);
        if (start < 0) {
            return Optional.empty();
        }
        start += ADDRESS.length();
        int end = text.indexOf('"', start);
        return end < 0 ? Optional.empty() : Optional.of(text.substring(start, end));
    }

    private static void send(Session session, String text) {
        synchronized (session) {
            if (!session.isOpen()) {
                return;
            }
            try {
                session.getBasicRemote().sendText(text);
            }
            catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "Dropped a message to a closing socket", e);
            }
        }
    }
}
