package dev.kaiwa.web.signaling;

import dev.kaiwa.signaling.SignalingHub;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The signaling socket of one call: {@code /ws/calls/{callId}}. Decodes frames and hands them to
 * the {@link SignalingHub}; frames over {@code kaiwa.signaling.max-message-bytes} close the socket
 * with 1009 (done by the container), browsers from other origins are refused at the handshake.
 */
@ServerEndpoint(value = "/ws/calls/{callId}", configurator = SignalingConfigurator.class)
public class SignalingEndpoint {
    /** Looked up once: every Json.* call would look the provider up again. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = Logger.getLogger(SignalingEndpoint.class.getName());
    private static final String CONNECTION = "kaiwa.connection";
    private static final String MAX_BYTES = "kaiwa.max-message-bytes";
    /** No frame larger than this is ever buffered, whatever the configuration says. */
    private static final int HARD_LIMIT_BYTES = 1 << 20;

    /** Looked up rather than injected: the container builds endpoints outside CDI's injection of beans. */
    private final SignalingHub hub = CDI.current().select(SignalingHub.class).get();

    @OnOpen
    public void open(Session session, @PathParam("callId") String callId) {
        session.getUserProperties().put(MAX_BYTES, ConfigProvider.getConfig()
                .getOptionalValue("kaiwa.signaling.max-message-bytes", Integer.class).orElse(65_536));
        SessionConnection connection = new SessionConnection(session);
        session.getUserProperties().put(CONNECTION, connection);
        hub.opened(connection, callId);
    }

    @OnMessage(maxMessageSize = HARD_LIMIT_BYTES)
    public void text(Session session, String text) {
        SessionConnection connection = connection(session);
        if (tooLarge(session, text.length()) || tooLarge(session, text.getBytes(StandardCharsets.UTF_8).length)) {
            connection.close(CloseReason.CloseCodes.TOO_BIG.getCode(), "message too big");
            return;
        }
        JsonObject message;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                hub.rejected(connection, "A message is a JSON object with a type");
                return;
            }
            message = object;
        }
        catch (JsonException e) {
            hub.rejected(connection, "Not valid JSON");
            return;
        }
        hub.received(connection, message);
    }

    @OnMessage(maxMessageSize = HARD_LIMIT_BYTES)
    public void binary(Session session, ByteBuffer data) {
        if (tooLarge(session, data.remaining())) {
            connection(session).close(CloseReason.CloseCodes.TOO_BIG.getCode(), "message too big");
            return;
        }
        hub.rejected(connection(session), "Binary frames are not accepted on this socket");
    }

    /** Over the configured cap ({@code kaiwa.signaling.max-message-bytes}); the container enforces the hard one. */
    private static boolean tooLarge(Session session, int bytes) {
        return bytes > (Integer) session.getUserProperties().get(MAX_BYTES);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        hub.closed(connection(session));
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.FINE, "Signaling socket error", error);
    }

    private static SessionConnection connection(Session session) {
        return (SessionConnection) session.getUserProperties().get(CONNECTION);
    }
}
