package dev.kaiwa.it.signaling;

import dev.kaiwa.it.TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The signaling and ICE configuration of the server under test, as the build passes it in system
 * properties named like the server's keys ({@code kaiwa.signaling.*}, {@code kaiwa.ice.*},
 * {@code kaiwa.ticket.ttl}).
 */
public final class SignalingSettings {
    private SignalingSettings() {
    }

    /** The WebSocket of a call on the server under test, {@code ws://<host>/ws/calls/{id}}. */
    public static URI socketUri(String callId) {
        return socketUriForPath("/ws/calls/" + callId);
    }

    /** The server under test at {@code path}, as ws:// or wss:// after the base URL's scheme. */
    public static URI socketUriForPath(String path) {
        URI base = TestServer.baseUrl();
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + path);
    }

    /** A socket silent this long is treated as dropped. */
    public static Duration idleTimeout() {
        return duration("kaiwa.signaling.idle-timeout");
    }

    /** How long a dropped participant may resume before it has left. */
    public static Duration reconnectGrace() {
        return duration("kaiwa.signaling.reconnect-grace");
    }

    /** How long a call stays open after its last participant left. */
    public static Duration emptyCallGrace() {
        return duration("kaiwa.signaling.empty-call-grace");
    }

    public static Duration ticketLifetime() {
        return duration("kaiwa.ticket.ttl");
    }

    /** Most participants in a call without a media server. */
    public static int meshMaximum() {
        return Integer.parseInt(TestServer.setting("kaiwa.signaling.mesh-max"));
    }

    public static int maximumMessageBytes() {
        return Integer.parseInt(TestServer.setting("kaiwa.signaling.max-message-bytes"));
    }

    public static int messagesPerSecond() {
        return Integer.parseInt(TestServer.setting("kaiwa.signaling.messages-per-second"));
    }

    public static List<String> stunUrls() {
        return list("kaiwa.ice.stun-urls");
    }

    public static List<String> turnUrls() {
        return list("kaiwa.ice.turn-urls");
    }

    /** The secret shared with the TURN server (coturn's {@code static-auth-secret}). */
    public static String turnSecret() {
        return TestServer.setting("kaiwa.ice.turn-secret");
    }

    public static Duration turnCredentialLifetime() {
        return duration("kaiwa.ice.turn-ttl");
    }

    private static Duration duration(String name) {
        return Duration.parse(TestServer.setting(name));
    }

    private static List<String> list(String name) {
        return Arrays.stream(TestServer.setting(name).split(",")).map(String::strip).filter(url -> !url.isEmpty())
                .toList();
    }
}
