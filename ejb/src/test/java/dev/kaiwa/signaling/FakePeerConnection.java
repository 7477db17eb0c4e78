package dev.kaiwa.signaling;

import static java.util.Objects.requireNonNull;

import dev.kaiwa.shared.RandomIds;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A socket that keeps what the hub sends it, parsed as JSON, and how the hub closed it. Like a real
 * socket it drops messages sent after it was closed, so a test sees exactly what a client would
 * have received. It does not report its own closing to the hub: a test does that with
 * {@link SignalingHub#closed}, as the container would, when the moment matters.
 */
final class FakePeerConnection implements PeerConnection {
    private final String id = RandomIds.newId();
    private final List<JsonObject> received = new ArrayList<>();
    private Close close;

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(String text) {
        requireNonNull(text, "text is null");
        if (close != null) {
            return;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            received.add(reader.readObject());
        }
    }

    @Override
    public void close(int code, String reason) {
        requireNonNull(reason, "reason is null");
        if (close == null) {
            close = new Close(code, reason);
        }
    }

    /** Everything received so far, oldest first. */
    List<JsonObject> messages() {
        return List.copyOf(received);
    }

    /** The messages of one type received so far, oldest first. */
    List<JsonObject> messages(String type) {
        return received.stream().filter(message -> type.equals(message.getString("type", null))).toList();
    }

    /** The only message of {@code type} received so far; fails when there is none or more than one. */
    JsonObject single(String type) {
        List<JsonObject> matching = messages(type);
        if (matching.size() != 1) {
            throw new AssertionError("expected one '" + type + "' message but got " + matching.size() + " in " + received);
        }
        return matching.get(0);
    }

    /** The most recent message; fails when nothing was received. */
    JsonObject last() {
        if (received.isEmpty()) {
            throw new AssertionError("nothing was received");
        }
        return received.get(received.size() - 1);
    }

    /** Forgets what was received, so a test can look only at what its next step causes. */
    void clear() {
        received.clear();
    }

    boolean isClosed() {
        return close != null;
    }

    /** The close code the hub gave, empty while the socket is open. */
    OptionalInt closeCode() {
        return close == null ? OptionalInt.empty() : OptionalInt.of(close.code());
    }

    /** The close reason the hub gave, empty while the socket is open. */
    Optional<String> closeReason() {
        return close == null ? Optional.empty() : Optional.of(close.reason());
    }

    /** The first close; later ones are ignored, as on a real socket. */
    private record Close(int code, String reason) {
    }
}
