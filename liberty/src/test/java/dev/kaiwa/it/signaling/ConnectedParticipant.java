package dev.kaiwa.it.signaling;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.it.Credential;
import dev.kaiwa.it.JoinedParticipant;
import jakarta.json.JsonObject;

/**
 * A participant in the room: what REST {@code /join} answered, its signaling socket and the
 * {@code welcome} the socket received. Authenticates REST requests with the participant token of
 * the welcome.
 */
public record ConnectedParticipant(JoinedParticipant joined, SignalingClient socket, JsonObject welcome)
        implements Credential {
    public ConnectedParticipant {
        requireNonNull(joined, "joined is null");
        requireNonNull(socket, "socket is null");
        requireNonNull(welcome, "welcome is null");
    }

    public String id() {
        return joined.participantId();
    }

    public String callId() {
        return joined.callId();
    }

    public String displayName() {
        return joined.participant().getString("displayName");
    }

    public String resumeToken() {
        return welcome.getString("resumeToken");
    }

    /** The participant token of the welcome. */
    @Override
    public String bearerToken() {
        return welcome.getString("participantToken");
    }

    /** Sends one message on this participant's socket. */
    public void send(JsonObject message) {
        socket.send(message);
    }
}
