package dev.kaiwa.signaling;

/**
 * One open signaling socket, as the rooms see it. Implemented by the WebSocket endpoint; kept
 * free of WebSocket types so room logic can be tested with a fake.
 */
public interface PeerConnection {
    /** Unique per socket. */
    String id();

    /** Sends one text message; a closed socket drops it silently. */
    void send(String text);

    /** Closes the socket with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
