package dev.kaiwa.it.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kaiwa.it.JoinedParticipant;
import dev.kaiwa.it.Kaiwa;
import dev.kaiwa.it.Organization;
import dev.kaiwa.it.TestServer;
import dev.kaiwa.it.TestUser;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handshake checks the browser origin: pages of an allowed origin or of Kaiwa's public URL may
 * open the socket, any other page may not; clients that send no Origin (not browsers) may.
 */
class OriginIT {
    private final Kaiwa kaiwa = new Kaiwa();
    private final Organization organization = Organization.fresh();
    private final TestUser host = organization.host();
    private final Sockets sockets = new Sockets();

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://attacker.example.net", "http://portal.example.com",
            "https://portal.example.com.attacker.example.net", "https://portal.example.com:8443", "null"})
    void handshakeFromAnotherOriginIsRefused(String origin) {
        String callId = kaiwa.startedCall(host).getString("id");

        int status = sockets.refusedHandshakeStatus(callId, origin);

        assertThat(status).isEqualTo(403);
    }

    @Test
    void handshakeFromTheAllowedOriginSucceeds() {
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joined = kaiwa.join(host, callId);

        SignalingClient socket = sockets.openWithOrigin(callId, TestServer.allowedOrigin());

        assertWelcomed(socket, joined);
    }

    @Test
    void handshakeFromThePublicUrlsOriginSucceeds() {
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joined = kaiwa.join(host, callId);

        SignalingClient socket = sockets.openWithOrigin(callId, TestServer.publicUrl());

        assertWelcomed(socket, joined);
    }

    @Test
    void handshakeWithoutOriginSucceeds() {
        String callId = kaiwa.startedCall(host).getString("id");
        JoinedParticipant joined = kaiwa.join(host, callId);

        SignalingClient socket = sockets.open(callId);

        assertWelcomed(socket, joined);
    }

    private static void assertWelcomed(SignalingClient socket, JoinedParticipant joined) {
        socket.send(Messages.join(joined.ticket()));
        JsonObject welcome = socket.await("welcome");
        assertThat(welcome.getJsonObject("you").getString("id")).isEqualTo(joined.participantId());
    }
}
