package dev.kaiwa.it.signaling;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.it.Credential;
import dev.kaiwa.it.JoinedParticipant;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.TestUser;
import jakarta.json.JsonObject;

/**
 * The steps that bring participants into a call's room: REST {@code /join}, a socket at the
 * {@code websocketUrl} it answered, {@code join} with the ticket and the {@code welcome}. Each step
 * asserts that it worked, so a failing step says which participant did not get in.
 */
public final class Signaling {
    private final Kaiwa kaiwa;
    private final Sockets sockets;

    public Signaling(Kaiwa kaiwa, Sockets sockets) {
        this.kaiwa = requireNonNull(kaiwa, "kaiwa is null");
        this.sockets = requireNonNull(sockets, "sockets is null");
    }

    /** The call's creator joins as HOST and is welcomed. */
    public ConnectedParticipant connectHost(TestUser host, String callId) {
        return connect(kaiwa.join(host, callId));
    }

    /** A guest invited by {@code host} as a PARTICIPANT joins and is welcomed. */
    public ConnectedParticipant connectGuest(Credential host, String callId) {
        return connectGuest(host, callId, "PARTICIPANT");
    }

    /** A guest invited by {@code host} with {@code role} joins and is welcomed. */
    public ConnectedParticipant connectGuest(Credential host, String callId, String role) {
        return connect(kaiwa.guest(host, callId, role));
    }

    /** Opens a socket for someone who joined over REST, joins with the ticket and waits for the welcome. */
    public ConnectedParticipant connect(JoinedParticipant joined) {
        SignalingClient socket = sockets.openAt(joined.response().getString("websocketUrl"));
        socket.send(Messages.join(joined.ticket()));
        JsonObject welcome = socket.await("welcome");
        return new ConnectedParticipant(joined, socket, welcome);
    }

    /** Like {@link #connect}, on a socket that never pings by itself: it goes silent when the test stops sending. */
    public ConnectedParticipant connectWithoutKeepAlive(JoinedParticipant joined) {
        SignalingClient socket = sockets.openWithoutKeepAlive(joined.callId());
        socket.send(Messages.join(joined.ticket()));
        JsonObject welcome = socket.await("welcome");
        return new ConnectedParticipant(joined, socket, welcome);
    }

    /** Opens a socket for someone who joined over REST and sends the join with the ticket; waits for nothing. */
    public SignalingClient sendJoin(JoinedParticipant joined) {
        SignalingClient socket = sockets.openAt(joined.response().getString("websocketUrl"));
        socket.send(Messages.join(joined.ticket()));
        return socket;
    }
}
