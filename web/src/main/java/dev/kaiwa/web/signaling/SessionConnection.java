package dev.kaiwa.web.signaling;

import dev.kaiwa.signaling.PeerConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A WebSocket session as the signaling hub sees it. Sends are serialized per session. Closes run on a small
 * pool of their own: the container may wait for the closing handshake of a socket closed from another
 * thread, and the hub calls {@link #close} while it holds a room, so a close never blocks the caller.
 */
final class SessionConnection implements PeerConnection {
    private static final Logger LOG = Logger.getLogger(SessionConnection.class.getName());
    private static final ExecutorService CLOSERS = closers();

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
        CLOSERS.execute(() -> closeNow(code, reason));
    }

    private void closeNow(int code, String reason) {
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

    private static ExecutorService closers() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "kaiwa-socket-close-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
