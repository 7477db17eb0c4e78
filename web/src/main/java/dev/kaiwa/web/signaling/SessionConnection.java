package dev.kaiwa.web.signaling;

import dev.kaiwa.signaling.PeerConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A WebSocket session as the signaling hub sees it. Sends are serialized per session. */
final class SessionConnection implements PeerConnection {
    private static final Logger LOG = Logger.getLogger(SessionConnection.class.getName());

    private final Session session;

    SessionConnection(Session session) {
        this.session = session;
    }

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public void send(String text) {
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

    @Override
    public void close(int code, String reason) {
        synchronized (session) {
            if (!session.isOpen()) {
                return;
            }
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
            catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "Socket was already closing", e);
            }
        }
    }
}
