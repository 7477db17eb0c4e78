package dev.kaiwa.signaling;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * A {@link SignalingHub} wired by hand the way CDI and MicroProfile Config wire it in the server.
 * Timeouts and capacity are the server's defaults. The rate limit is far lower than the default,
 * because the hub's token buckets refill by the system clock rather than the hub's clock: at one
 * message a second nothing refills during the few milliseconds a test takes, so the limits are met
 * at exact counts. STUN and TURN are configured so welcomes carry ICE servers and credentials.
 */
final class TestingSignalingHub {
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration RECONNECT_GRACE = Duration.ofSeconds(30);
    static final Duration EMPTY_CALL_GRACE = Duration.ofSeconds(60);
    static final int MESH_MAX = 4;
    static final int MESSAGES_PER_SECOND = 1;
    static final int BURST = 20;
    static final int FLOOD_LIMIT = 10;
    static final String STUN_URL = "stun:stun.example.com:3478";
    static final String TURN_URL = "turn:127.0.0.1:3478?transport=udp";
    static final String TURN_SECRET = "coturn-static-auth-secret";
    static final Duration TURN_TTL = Duration.ofHours(1);

    private TestingSignalingHub() {
    }

    static SignalingHub create(SignalingService service, Clock clock) {
        SignalingHub hub = new SignalingHub();
        hub.service = requireNonNull(service, "service is null");
        hub.clock = requireNonNull(clock, "clock is null");
        hub.joinTimeout = JOIN_TIMEOUT;
        hub.idleTimeout = IDLE_TIMEOUT;
        hub.reconnectGrace = RECONNECT_GRACE;
        hub.emptyCallGrace = EMPTY_CALL_GRACE;
        hub.meshMax = MESH_MAX;
        hub.messagesPerSecond = MESSAGES_PER_SECOND;
        hub.burst = BURST;
        hub.floodLimit = FLOOD_LIMIT;
        hub.stunUrls = STUN_URL;
        hub.turnUrls = TURN_URL;
        hub.turnSecret = TURN_SECRET;
        hub.turnTtl = TURN_TTL;
        hub.configure();
        return hub;
    }
}
